/**
 * The states a target run is stored in (`sla_targets.state`) and the rules read from them: which
 * runs may still be met (SLA-10), whose clock runs (SLA-7), which are overdue or at risk (SLA-8).
 * One home, so the engine, the escalation job, the presenters and the pages all agree.
 *
 * on_track → at_risk → breached → escalated are advanced by the scheduler's scan (each step once);
 * pending = not started yet (waits for the previous target, a committed date or an event);
 * paused = SLA-7 pending customer; met, met_late and ended are final (SLA-10).
 */
import type { Instant } from '../calendar/calendar.types';

export const SLA_TARGET_STATES = [
  'pending',
  'on_track',
  'at_risk',
  'breached',
  'escalated',
  'paused',
  'met',
  'met_late',
  'ended',
] as const;
export type SlaTargetRunState = (typeof SLA_TARGET_STATES)[number];

/** SLA-8: states whose clock runs (the scheduler's on track → at risk → breached → escalated). */
export const RUNNING_TARGET_STATES = ['on_track', 'at_risk', 'breached', 'escalated'] as const;

/** Started and not ended: running, or paused while the customer is waited on (SLA-7). */
export const OPEN_TARGET_STATES = [...RUNNING_TARGET_STATES, 'paused'] as const;

/** SLA-10: a run that may still be met: pending its start, running or paused. */
export const LIVE_TARGET_STATES = ['pending', ...OPEN_TARGET_STATES] as const;

const RUNNING: ReadonlySet<string> = new Set(RUNNING_TARGET_STATES);
const OPEN: ReadonlySet<string> = new Set(OPEN_TARGET_STATES);
const LIVE: ReadonlySet<string> = new Set(LIVE_TARGET_STATES);

/** SLA-8: true when the target's clock runs (on track, at risk, breached or escalated). */
export function isRunningTarget(state: string): boolean {
  return RUNNING.has(state);
}

/** True when the target has started and not ended: running or paused (SLA-7). */
export function isOpenTarget(state: string): boolean {
  return OPEN.has(state);
}

/** SLA-10: true when the run may still be met: pending, running or paused. */
export function isLiveTarget(state: string): boolean {
  return LIVE.has(state);
}

const ms = (x: Instant): number => (typeof x === 'number' ? x : x.getTime());

/** A target as the overdue and at-risk rules read it; instants as Date or epoch ms. */
export interface TargetClock {
  readonly state: string;
  readonly dueAt: Instant | null;
  readonly atRiskAt?: Instant | null;
}

/**
 * SLA-8: a running target past its due time. The scheduler marks breaches on its own beat; pages
 * and answers show "overdue" the moment it is.
 */
export function isOverdue(target: TargetClock, now: Instant): boolean {
  return isRunningTarget(target.state) && target.dueAt !== null && ms(target.dueAt) < ms(now);
}

/** SLA-8: breached at `now`: marked breached or escalated by the scheduler, or running past its due time. */
export function isBreachedAt(target: TargetClock, now: Instant): boolean {
  return target.state === 'breached' || target.state === 'escalated' || isOverdue(target, now);
}

/** SLA-8: at risk at `now`: marked at risk by the scheduler, or running past its at-risk instant. */
export function isAtRiskAt(target: TargetClock, now: Instant): boolean {
  if (target.state === 'at_risk') return true;
  const atRiskAt = target.atRiskAt ?? null;
  return isRunningTarget(target.state) && atRiskAt !== null && ms(atRiskAt) <= ms(now);
}
