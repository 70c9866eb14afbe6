import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICIES } from '../../domain/sla';
import { rowsOf } from '../app/db';
import { buildOrganisation, createUser } from '../test/factories';
import { createTestKefu, type TestKefu } from '../test/test-app';
import { claimJobs, enqueueJobs, JOB_LEASE_MS, JOB_LEASE_RENEW_MS, renewJobLeases } from './jobs.repository';
import { runWorkerOnce, startWorker } from './worker';

let kefu: TestKefu;

beforeAll(async () => {
  kefu = await createTestKefu();
});
afterAll(() => kefu.close());

describe('DB-backed scheduler', () => {
  it('SLA-8: enqueueing the same step twice is one job (deterministic id, ON CONFLICT DO NOTHING)', async () => {
    const now = kefu.clock.now();
    const job = {
      id: 'sla:dup-test:breached',
      kind: 'sla.escalate',
      payload: { targetId: crypto.randomUUID(), trigger: 'breached', actions: [] },
    };
    expect(await enqueueJobs(kefu.deps.db, now, [job])).toBe(1);
    expect(await enqueueJobs(kefu.deps.db, now, [job])).toBe(0);
    await kefu.deps.db.execute(sql`delete from jobs where id = ${job.id}`);
  });

  it('SLA-8: two workers draining 10,000 due targets run every escalation step exactly once', async () => {
    const admin = await kefu.login('admin');
    const org = await buildOrganisation(admin);
    const owner = await createUser(admin, 'bulk_owner', org.storeA.id, 'agent');
    const supervisor = await createUser(admin, 'bulk_sup', org.storeA.id, 'cs_supervisor');
    const now = kefu.clock.now();
    const definition = JSON.stringify(DEFAULT_SLA_POLICIES.soft_complaint.targets[0]);
    // Breached but not a second period late: one step each, to the owner and the supervisor.
    await kefu.deps.db.execute(sql`
      insert into sla_targets (subject_type, subject_id, key, position, unit_id, ticket_type, definition,
        intake_at, started_at, at_risk_at, due_at, second_breach_at, state, owner_id, supervisor_id, created_at)
      select 'bulk', 't' || g, 'first_response', 0, ${org.storeA.id}::uuid, 'soft_complaint', ${definition}::jsonb,
        ${now}::timestamptz - interval '20 minutes', ${now}::timestamptz - interval '20 minutes',
        ${now}::timestamptz - interval '8 minutes', ${now}::timestamptz - interval '5 minutes',
        ${now}::timestamptz + interval '10 minutes', 'on_track', ${owner.id}::uuid, ${supervisor.id}::uuid, ${now}
      from generate_series(1, 10000) g`);

    const drain = async () => {
      let ran = 0;
      for (;;) {
        const r = await runWorkerOnce(kefu.deps, { batchSize: 250 });
        ran += r.ran;
        if (r.ran === 0 && r.scanned === 0) return ran;
      }
    };
    const [a, b] = await Promise.all([drain(), drain()]);
    expect(a + b).toBe(10_000);

    const jobs = rowsOf<{ n: number; done: number; once: number }>(
      await kefu.deps.db.execute(sql`select count(*)::int as n,
        count(*) filter (where state = 'done')::int as done,
        count(*) filter (where attempts = 1)::int as once
        from jobs where id like 'sla:%:breached'`),
    )[0]!;
    expect(jobs).toEqual({ n: 10_000, done: 10_000, once: 10_000 });
    const perStep = rowsOf<{ copies: number; steps: number }>(
      await kefu.deps.db.execute(sql`select copies, count(*)::int as steps from (
          select step_id, count(*)::int as copies from notifications where subject_type = 'bulk' group by step_id
        ) s group by copies`),
    );
    // Every step produced exactly its two notices (owner + supervisor), never more.
    expect(perStep).toEqual([{ copies: 2, steps: 10_000 }]);
    const states = rowsOf<{ state: string; n: number }>(
      await kefu.deps.db.execute(
        sql`select state, count(*)::int as n from sla_targets where subject_type = 'bulk' group by state`,
      ),
    );
    expect(states).toEqual([{ state: 'breached', n: 10_000 }]);
  });

  it("CARE-1 / SAT-4: a running scheduler queues today's care plan and last week's summary by itself, once", async () => {
    const ids = async () =>
      rowsOf<{ id: string }>(
        await kefu.deps.db.execute(sql`select id from jobs where id like 'care:plan:%' or id like 'sat4:%'`),
      ).map((r) => r.id);
    const onePass = async () => {
      const worker = startWorker(kefu.deps, { intervalMs: 60_000 });
      for (let i = 0; i < 100 && (await ids()).length < 2; i++) await new Promise((r) => setTimeout(r, 100));
      await worker.stop();
    };
    await onePass();
    await onePass();
    const queued = await ids();
    // The clock stands on Monday 2 March 2026 in Shanghai.
    expect(queued.filter((id) => id === 'care:plan:2026-03-02')).toHaveLength(1);
    expect(queued.filter((id) => id.startsWith('sat4:'))).toHaveLength(1);
  });

  it('SLA-8: a job claimed by a worker that died is taken over once its 15 s lease lapses; a working worker renews it', async () => {
    const start = kefu.clock.now();
    const ids = ['lease:dead', 'lease:alive'];
    await enqueueJobs(
      kefu.deps.db,
      start,
      ids.map((id) => ({
        id,
        kind: 'lease.test',
        payload: {},
        runAt: new Date(start.getTime() - 3_600_000),
      })),
    );
    const at = (ms: number) => new Date(start.getTime() + ms);
    const ours = <T extends { id: string }>(rows: T[]) => rows.filter((r) => ids.includes(r.id));
    const claimed = ours(await claimJobs(kefu.deps.db, start, 10_000));
    expect(claimed.map((j) => j.id).sort()).toEqual([...ids].sort());
    // The live worker renews its job every few seconds; the dead one never does.
    for (let t = JOB_LEASE_RENEW_MS; t <= 4 * JOB_LEASE_RENEW_MS; t += JOB_LEASE_RENEW_MS)
      await renewJobLeases(
        kefu.deps.db,
        claimed.filter((j) => j.id === 'lease:alive'),
        at(t),
      );
    expect(ours(await claimJobs(kefu.deps.db, at(JOB_LEASE_MS - 1000), 10_000))).toEqual([]);
    const takenOver = ours(await claimJobs(kefu.deps.db, at(JOB_LEASE_MS + 1000), 10_000));
    expect(takenOver.map((j) => [j.id, j.attempts])).toEqual([['lease:dead', 2]]);
    expect(JOB_LEASE_MS).toBeLessThanOrEqual(15_000);
    await kefu.deps.db.execute(sql`delete from jobs where id in ('lease:dead', 'lease:alive')`);
  });
});
