import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../app/db';
import { jobs } from './jobs.table';

export type JobRow = typeof jobs.$inferSelect;

export interface NewJob {
  /** Deterministic id: the same step enqueued twice is one job. */
  id: string;
  kind: string;
  payload: unknown;
  runAt?: Date;
}

/** Enqueues jobs in the caller's transaction; ids already present are skipped (ON CONFLICT DO NOTHING). Returns how many were new. */
export async function enqueueJobs(db: Db, now: Date, list: readonly NewJob[]): Promise<number> {
  if (list.length === 0) return 0;
  const inserted = await db
    .insert(jobs)
    .values(
      list.map((j) => ({
        id: j.id,
        kind: j.kind,
        payload: j.payload,
        runAt: j.runAt ?? now,
        createdAt: now,
      })),
    )
    .onConflictDoNothing({ target: jobs.id })
    .returning({ id: jobs.id });
  return inserted.length;
}

/**
 * A claimed job belongs to its worker for this long; the worker renews the lease while it works
 * (renewJobLeases, every JOB_LEASE_RENEW_MS), so only a worker that died lets it lapse, and another
 * instance takes its jobs over within seconds rather than minutes.
 */
export const JOB_LEASE_MS = 15_000;
export const JOB_LEASE_RENEW_MS = 5_000;

/**
 * Claims up to `limit` due jobs in one short transaction. SKIP LOCKED lets several workers claim
 * side by side: rows another transaction is claiming are skipped, never waited for or taken twice.
 */
export async function claimJobs(db: Db, now: Date, limit: number): Promise<JobRow[]> {
  const stale = new Date(now.getTime() - JOB_LEASE_MS);
  return db.transaction(async (tx) => {
    const rows = await tx.execute(sql`
      update jobs set state = 'running', attempts = attempts + 1, locked_at = ${now}
      where id in (
        select id from jobs
        where (state = 'queued' and run_at <= ${now}) or (state = 'running' and locked_at < ${stale})
        order by run_at
        limit ${limit}
        for update skip locked
      )
      returning id, kind, payload, state, run_at as "runAt", attempts, locked_at as "lockedAt",
        last_error as "lastError", created_at as "createdAt", finished_at as "finishedAt"`);
    return rowsOf<JobRow>(rows);
  });
}

/**
 * Renews the lease of claimed jobs this worker still holds (same attempt, still running). Rows a
 * handler's transaction has locked are skipped rather than waited for: that lock already keeps
 * other workers off them (they claim with SKIP LOCKED), and dies with the worker.
 */
export async function renewJobLeases(
  db: Db,
  claimed: readonly Pick<JobRow, 'id' | 'attempts'>[],
  now: Date,
): Promise<number> {
  if (claimed.length === 0) return 0;
  const pairs = sql.join(
    claimed.map((j) => sql`(${j.id}, ${j.attempts}::int)`),
    sql`, `,
  );
  const rows = await db.execute(sql`
    update jobs set locked_at = ${now}
    where id in (
      select id from jobs where state = 'running' and (id, attempts) in (${pairs})
      for update skip locked
    )
    returning id`);
  return rowsOf(rows).length;
}

/**
 * Locks the claimed jobs still held by this claim (same attempt) inside the handler's transaction,
 * so a job taken over as stale meanwhile is not finished twice. Returns the ids still ours.
 */
export async function lockClaimed(
  db: Db,
  claimed: readonly Pick<JobRow, 'id' | 'attempts'>[],
): Promise<Set<string>> {
  if (claimed.length === 0) return new Set();
  const pairs = sql.join(
    claimed.map((j) => sql`(${j.id}, ${j.attempts}::int)`),
    sql`, `,
  );
  const rows = await db.execute(sql`
    select id from jobs where state = 'running' and (id, attempts) in (${pairs}) for update`);
  return new Set(rowsOf<{ id: string }>(rows).map((r) => r.id));
}

export async function markDone(db: Db, ids: readonly string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(sql`update jobs set state = 'done', finished_at = ${now}, last_error = null
    where id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`);
}

/** Exponential backoff: 30 s, 1 min, 2 min … capped at 1 h; after maxAttempts the job is failed for good. */
export function backoffMs(attempts: number): number {
  return Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

export async function markFailed(
  db: Db,
  job: Pick<JobRow, 'id' | 'attempts'>,
  now: Date,
  error: string,
  maxAttempts: number,
) {
  const final = job.attempts >= maxAttempts;
  await db.execute(sql`update jobs set
      state = ${final ? 'failed' : 'queued'},
      run_at = ${new Date(now.getTime() + backoffMs(job.attempts))},
      last_error = ${error.slice(0, 2000)},
      finished_at = ${final ? now : null}
    where id = ${job.id}`);
}
