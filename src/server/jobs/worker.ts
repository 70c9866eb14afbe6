/**
 * The DB-backed scheduler's worker: scan SLA targets, then claim and run due jobs in batches.
 * Any number of instances may run it against one PostgreSQL database: enqueueing collides on the
 * job's primary key, claiming skips rows another worker holds (FOR UPDATE SKIP LOCKED).
 */
import type { Deps } from '../app/context';
import type { JobDefinition } from './jobs.types';
import {
  claimJobs,
  JOB_LEASE_RENEW_MS,
  lockClaimed,
  markDone,
  markFailed,
  renewJobLeases,
  type JobRow,
} from './jobs.repository';
import { jobDefinitions, SERVER_MODULES } from '../app/modules';
import { scanSlaTargets } from '../modules/sla/sla.service';
import { deliverDueMessages } from '../modules/messages/messages.service';

// Read on first use: the module list imports every module, which must finish loading first.
let definitions: Record<string, JobDefinition<unknown>> | null = null;
const moduleDefinitionOf = (kind: string) => (definitions ??= jobDefinitions())[kind];
type DefinitionOf = (kind: string) => JobDefinition<unknown> | undefined;

export const MAX_ATTEMPTS = 8;

export interface WorkerRunResult {
  scanned: number;
  enqueued: number;
  ran: number;
  failed: number;
}

/** Runs a group of claimed jobs of one kind in one transaction with their completion. */
async function runGroup(deps: Deps, def: JobDefinition<unknown>, group: JobRow[]): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const ours = await lockClaimed(tx, group);
    const mine = group.filter((j) => ours.has(j.id));
    await def.handle(
      deps,
      tx,
      mine.map((j) => ({ id: j.id, payload: def.payload.parse(j.payload) })),
    );
    await markDone(
      tx,
      mine.map((j) => j.id),
      deps.clock.now(),
    );
    return mine.length;
  });
}

async function runClaimed(
  deps: Deps,
  claimed: JobRow[],
  definitionOf: DefinitionOf,
): Promise<{ ran: number; failed: number }> {
  let ran = 0;
  let failed = 0;
  const byKind = new Map<string, JobRow[]>();
  for (const j of claimed) byKind.set(j.kind, [...(byKind.get(j.kind) ?? []), j]);
  const status = schedulerStatusOf(deps);
  const count = (map: Map<string, number>, kind: string, n: number) => {
    if (n > 0) map.set(kind, (map.get(kind) ?? 0) + n);
  };
  for (const [kind, group] of byKind) {
    const ranBefore = ran;
    const failedBefore = failed;
    try {
      await runKind(kind, group);
    } finally {
      count(status.ran, kind, ran - ranBefore);
      count(status.failed, kind, failed - failedBefore);
    }
  }
  return { ran, failed };

  async function runKind(kind: string, group: JobRow[]) {
    const def = definitionOf(kind);
    if (!def) {
      for (const j of group)
        await markFailed(
          deps.db,
          { ...j, attempts: MAX_ATTEMPTS },
          deps.clock.now(),
          `unknown job kind ${kind}`,
          MAX_ATTEMPTS,
        );
      failed += group.length;
      return;
    }
    try {
      ran += await runGroup(deps, def, group);
    } catch {
      // One bad job must not hold back the batch: retry each alone, and back off only the failing ones.
      for (const j of group) {
        try {
          ran += await runGroup(deps, def, [j]);
        } catch (err) {
          failed += 1;
          deps.logger.warn({ err, job: j.id }, 'job failed');
          await markFailed(
            deps.db,
            j,
            deps.clock.now(),
            err instanceof Error ? err.message : String(err),
            MAX_ATTEMPTS,
          );
        }
      }
    }
  }
}

/** One pass: scan SLA targets, then run due jobs until none is left. Tests call this directly. */
export async function runWorkerOnce(
  deps: Deps,
  opts: {
    batchSize?: number;
    /** Job kinds besides the modules' own (tests of the scheduler itself). */
    extraDefinitions?: Record<string, JobDefinition<unknown>>;
  } = {},
): Promise<WorkerRunResult> {
  const batchSize = opts.batchSize ?? 500;
  const extra = opts.extraDefinitions;
  const definitionOf: DefinitionOf = (kind) => extra?.[kind] ?? moduleDefinitionOf(kind);
  const { scanned, enqueued } = await scanSlaTargets(deps);
  let ran = 0;
  let failed = 0;
  for (;;) {
    const claimed = await claimJobs(deps.db, deps.clock.now(), batchSize);
    if (claimed.length === 0) break;
    // The batch's lease is renewed while it runs; a pass that outlives it never loses its jobs.
    const renewal = setInterval(() => {
      renewJobLeases(deps.db, claimed, deps.clock.now()).catch((err: unknown) =>
        deps.logger.warn({ err }, 'job leases not renewed'),
      );
    }, JOB_LEASE_RENEW_MS);
    let r: { ran: number; failed: number };
    try {
      r = await runClaimed(deps, claimed, definitionOf);
    } finally {
      clearInterval(renewal);
    }
    ran += r.ran;
    failed += r.failed;
  }
  // Outbox messages are not jobs: each is committed as `sending` before its provider is called
  // (docs/decisions/0004-message-delivery.md), which a job's single transaction cannot do.
  await deliverDueMessages(deps);
  return { scanned, enqueued, ran, failed };
}

/**
 * Work a running server schedules for itself, each under one deterministic job id per period so
 * any number of instances enqueue it once: SAT-4's Monday summary of last week, CARE-1's daily
 * plan of today's date rules (which then queues each unit's run).
 */
async function enqueuePeriodicJobs(deps: Deps): Promise<void> {
  for (const m of SERVER_MODULES) await m.periodic?.(deps);
}

export interface Worker {
  stop(): Promise<void>;
}

/** What /metrics shows of this instance's scheduler. */
export interface SchedulerStatus {
  lastFinishedAt: Date | null;
  /** How long the last pass took, in seconds. */
  lastPassSeconds: number;
  /** Jobs this instance ran and failed since it started, by kind. */
  ran: Map<string, number>;
  failed: Map<string, number>;
}
const statuses = new WeakMap<object, SchedulerStatus>();

/** The scheduler status of the instance built on `deps` (one per database opened). */
export function schedulerStatusOf(deps: Pick<Deps, 'database'>): SchedulerStatus {
  let status = statuses.get(deps.database);
  if (!status)
    statuses.set(
      deps.database,
      (status = { lastFinishedAt: null, lastPassSeconds: 0, ran: new Map(), failed: new Map() }),
    );
  return status;
}

/** Runs runWorkerOnce every `intervalMs` until stopped; a failed pass is logged and retried next tick. */
export function startWorker(deps: Deps, opts: { intervalMs: number }): Worker {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    const began = performance.now();
    current = enqueuePeriodicJobs(deps)
      .then(() => runWorkerOnce(deps))
      .then(() => {
        const status = schedulerStatusOf(deps);
        status.lastFinishedAt = deps.clock.now();
        status.lastPassSeconds = (performance.now() - began) / 1000;
      })
      .catch((err: unknown) => deps.logger.error({ err }, 'scheduler pass failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, opts.intervalMs);
      });
  };
  timer = setTimeout(tick, 0);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
