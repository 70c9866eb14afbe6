/**
 * SLA-10: every target ends — met, met late, or ended unmet with a reason — and reopening a
 * subject restarts only what the policy says. Pure: the engine passes the targets' rows in.
 */
import type { SlaTarget } from './sla.types';

/** Why a target ended without being met. */
export const SLA_END_REASONS = [
  'subject_closed',
  'subject_cancelled',
  'subject_merged',
  'type_changed',
  'step_not_needed',
] as const;
export type SlaEndReason = (typeof SLA_END_REASONS)[number];

export const SLA_END_REASON_TEXT: Readonly<Record<SlaEndReason, { zh: string; en: string }>> = {
  subject_closed: { zh: '工单已关闭', en: 'closed with its subject' },
  subject_cancelled: { zh: '工单已取消', en: 'subject cancelled' },
  subject_merged: { zh: '工单已合并', en: 'subject merged into another' },
  type_changed: { zh: '改类后不再需要', en: 'not in the policy of the new type' },
  step_not_needed: { zh: '该环节不再需要', en: 'step not needed' },
};

/** How a subject's end reads as a target's end reason. */
export function endReasonOf(end: 'closed' | 'cancelled' | 'merged'): SlaEndReason {
  return end === 'closed' ? 'subject_closed' : end === 'cancelled' ? 'subject_cancelled' : 'subject_merged';
}

/**
 * Whether a target runs again when its subject is reopened. Unless the policy says otherwise
 * (`restartsOnReopen`), only the resolution promise restarts: a reopened case must be resolved
 * again, while a first response or a department reply given once stays given.
 */
export function restartsOnReopen(target: SlaTarget): boolean {
  return target.restartsOnReopen ?? target.stopsOn === 'resolved';
}

/** One run of a target as the lifecycle needs it: its position in the policy and whether it still runs. */
export interface TargetRun {
  readonly position: number;
  readonly definition: SlaTarget;
  /** Pending, running or paused: the run may still be met. */
  readonly live: boolean;
}

/** A new run to create when the subject reopens: started at once, or pending its start condition. */
export interface RestartPlan {
  readonly position: number;
  readonly definition: SlaTarget;
  readonly startsNow: boolean;
}

/**
 * SLA-10: the runs to create when a subject reopens. A target restarts when the policy says so and
 * its latest run has ended; it starts at once unless it waits for a commitment or an event. A target
 * that starts when the previous one is met comes back too (pending), so the chain after a restarted
 * target (hard complaint: the satisfaction call after the resolution) runs again.
 */
export function restartPlan(runs: readonly TargetRun[]): RestartPlan[] {
  // A position is live when any of its runs is; its definition is the one of its newest run.
  const latest = new Map<number, TargetRun>();
  for (const run of runs) {
    const seen = latest.get(run.position);
    latest.set(run.position, seen?.live ? seen : run);
  }
  const positions = [...latest.keys()].sort((a, b) => a - b);
  const plan: RestartPlan[] = [];
  let previousRestarted = false;
  for (const position of positions) {
    const run = latest.get(position)!;
    const d = run.definition;
    let restart = false;
    let startsNow = false;
    if (!run.live && restartsOnReopen(d)) {
      restart = true;
      // 'previous_met' waits for the previous target even when that one did not restart.
      startsNow = d.startsOn === 'intake';
    } else if (!run.live && previousRestarted && d.startsOn === 'previous_met') {
      restart = true;
    }
    if (restart) plan.push({ position, definition: d, startsNow });
    previousRestarted = restart;
  }
  return plan;
}
