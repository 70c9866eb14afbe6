import { inArray, sql } from 'drizzle-orm';
import { escalationStepsDue } from '../../../domain/sla';
import type { Deps } from '../../app/context';
import { rowsOf } from '../../app/db';
import { slaTargets, type SlaTargetRowState } from './sla.table';
import { enqueueJobs, type NewJob } from '../../jobs/jobs.repository';

interface DueRow {
  id: string;
  dueAt: Date;
  atRiskAt: Date;
  secondBreachAt: Date;
}

/**
 * The at-risk / breached scan. Each arm matches one index ((state, at_risk_at), (state, due_at),
 * (state, second_breach_at)); at_risk_at ≤ due_at ≤ second_breach_at, so a target skipping an
 * arm is still caught by a later one.
 */
export function dueTargetsQuery(now: Date, limit: number, lock = true) {
  return sql`
    select id, due_at as "dueAt", at_risk_at as "atRiskAt", second_breach_at as "secondBreachAt"
    from sla_targets
    where (state = 'on_track' and at_risk_at <= ${now})
       or (state = 'at_risk' and due_at < ${now})
       or (state = 'breached' and second_breach_at < ${now})
    limit ${limit}
    ${lock ? sql`for update skip locked` : sql``}`;
}

/**
 * Turns passed instants into escalation jobs and advances each target's state in the same short
 * transaction, so the next scan does not find it again. Job ids are the domain's step ids, so a
 * scan racing another instance (or a target re-advanced after a resume) enqueues nothing twice.
 */
export async function scanSlaTargets(
  deps: Deps,
  opts: { batchSize?: number } = {},
): Promise<{ scanned: number; enqueued: number }> {
  const limit = opts.batchSize ?? 1000;
  let scanned = 0;
  let enqueued = 0;
  for (;;) {
    const now = deps.clock.now();
    const n = await deps.db.transaction(async (tx) => {
      const rows = rowsOf<DueRow>(await tx.execute(dueTargetsQuery(now, limit)));
      if (rows.length === 0) return 0;
      const jobs: NewJob[] = [];
      const byState = new Map<SlaTargetRowState, string[]>();
      for (const r of rows) {
        const snapshot = {
          targetId: r.id,
          due: new Date(r.dueAt).getTime(),
          atRiskAt: new Date(r.atRiskAt).getTime(),
          secondBreachAt: new Date(r.secondBreachAt).getTime(),
        };
        for (const step of escalationStepsDue(snapshot, now.getTime())) {
          jobs.push({
            id: `sla:${step.id}`,
            kind: 'sla.escalate',
            payload: { targetId: r.id, trigger: step.trigger, actions: step.actions },
          });
        }
        const t = now.getTime();
        const state: SlaTargetRowState =
          t > snapshot.secondBreachAt ? 'escalated' : t > snapshot.due ? 'breached' : 'at_risk';
        byState.set(state, [...(byState.get(state) ?? []), r.id]);
      }
      for (let i = 0; i < jobs.length; i += 1000)
        enqueued += await enqueueJobs(tx, now, jobs.slice(i, i + 1000));
      for (const [state, ids] of byState) {
        await tx.update(slaTargets).set({ state }).where(inArray(slaTargets.id, ids));
      }
      return rows.length;
    });
    scanned += n;
    if (n < limit) break;
  }
  return { scanned, enqueued };
}
