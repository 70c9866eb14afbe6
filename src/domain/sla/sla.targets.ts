/**
 * Pure SLA target arithmetic: due times, at-risk and second-breach instants, target state.
 * Working-time targets run on the unit's WorkingCalendar; calendar-time targets on the wall clock.
 * Pauses (SLA-7, pending customer) stop the clock of targets that allow it: the due time moves
 * out by the working (or, for calendar units, elapsed) time the pauses cover.
 */
import {
  addWorkingMinutes,
  closeOfBusinessAfterWorkingDays,
  missingYears,
  workingMinutesBetween,
} from '../calendar/calendar';
import type { Instant, WorkingCalendar } from '../calendar/calendar.types';
import { slaError } from './sla.errors';
import type { SlaPause, SlaTarget, SlaTargetStateName } from './sla.types';

const MIN = 60_000;
const DEFAULT_AT_RISK_RATIO = 0.8;

/** How a target measures time: working minutes on the calendar, or plain elapsed minutes. */
interface Clock {
  between(a: number, b: number): number;
  advance(t: number, minutes: number): number;
}

function clockFor(target: SlaTarget, cal: WorkingCalendar): Clock {
  if (target.allowed.unit === 'calendar_minutes' || target.allowed.unit === 'calendar_hours') {
    return { between: (a, b) => (b - a) / MIN, advance: (t, m) => t + m * MIN };
  }
  // Committed dates are measured in working time too, so "80 % used" means 80 % of the team's hours.
  return {
    between: (a, b) => workingMinutesBetween(cal, a, b),
    advance: (t, m) => addWorkingMinutes(cal, t, m),
  };
}

const ms = (x: Instant): number => (typeof x === 'number' ? x : x.getTime());

/** Extra inputs some targets need. */
export interface SlaDueOptions {
  /** Required for allowed.unit 'committed_date': the committed instant. */
  readonly committedAt?: Instant;
  /** Closes still-open pauses (to undefined); without it an open pause is an error. */
  readonly now?: Instant;
}

/** Sorted, merged pauses clipped to start at `from`; open pauses closed at `now`. */
function normalisePauses(
  target: SlaTarget,
  pauses: readonly SlaPause[],
  from: number,
  now: number | undefined,
): { from: number; to: number }[] {
  if (!target.pausesWhenPendingCustomer) return [];
  const closed = pauses.map((p) => {
    const to = p.to ?? now;
    if (to === undefined) {
      throw slaError(
        'sla.invalid_argument',
        '存在未结束的暂停，请传入 now',
        'A pause is still open; pass `now` to close it',
      );
    }
    return { from: Math.max(p.from, from), to };
  });
  const sorted = closed.filter((p) => p.to > p.from).sort((a, b) => a.from - b.from);
  const out: { from: number; to: number }[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last && p.from <= last.to) last.to = Math.max(last.to, p.to);
    else out.push({ ...p });
  }
  return out;
}

/** The instant at which `budget` minutes of un-paused clock time have elapsed from `start`. */
function walk(
  clock: Clock,
  start: number,
  budget: number,
  pauses: readonly { from: number; to: number }[],
): number {
  let remaining = budget;
  let cursor = start;
  for (const p of pauses) {
    if (p.to <= cursor) continue;
    if (p.from > cursor) {
      const seg = clock.between(cursor, p.from);
      if (seg >= remaining) return clock.advance(cursor, remaining);
      remaining -= seg;
    }
    cursor = p.to;
  }
  return clock.advance(cursor, remaining);
}

/** Allowed time of the target from `start`, in the clock's minutes, and the un-paused due. */
function budgetOf(
  target: SlaTarget,
  cal: WorkingCalendar,
  start: number,
  clock: Clock,
  opts: SlaDueOptions,
): { budget: number; plainDue: number } {
  const a = target.allowed;
  switch (a.unit) {
    case 'working_minutes':
    case 'calendar_minutes':
      return { budget: a.amount, plainDue: clock.advance(start, a.amount) };
    case 'working_hours':
    case 'calendar_hours':
      return { budget: a.amount * 60, plainDue: clock.advance(start, a.amount * 60) };
    case 'working_days': {
      const due = closeOfBusinessAfterWorkingDays(cal, start, a.amount);
      return { budget: clock.between(start, due), plainDue: due };
    }
    case 'committed_date': {
      if (opts.committedAt === undefined) {
        throw slaError(
          'sla.committed_date_missing',
          `时限「${target.key}」需要承诺完成时间`,
          `Target "${target.key}" needs the committed date`,
        );
      }
      const due = ms(opts.committedAt);
      return { budget: Math.max(0, clock.between(start, due)), plainDue: due };
    }
  }
}

/** Key instants of one target run. */
export interface SlaTimeline {
  readonly due: number;
  /** SLA-8: when atRiskRatio of the allowed time is used. */
  readonly atRiskAt: number;
  /** SLA-8: the due plus the same allowed time again — escalate to the unit manager. */
  readonly secondBreachAt: number;
  /** Years crossed without official holiday data: warn 'sla.calendar_missing_year'. */
  readonly missingYears: readonly number[];
}

/** Due instant of a target started at `startInstant`, extended by pending-customer pauses (SLA-2, SLA-7). */
export function computeDue(
  target: SlaTarget,
  startInstant: Instant,
  calendar: WorkingCalendar,
  pauses: readonly SlaPause[] = [],
  opts: SlaDueOptions = {},
): number {
  return computeTimeline(target, startInstant, calendar, pauses, opts).due;
}

/** Due, at-risk and second-breach instants of a target plus missing-calendar-year warnings (SLA-2, SLA-7, SLA-8). */
export function computeTimeline(
  target: SlaTarget,
  startInstant: Instant,
  calendar: WorkingCalendar,
  pauses: readonly SlaPause[] = [],
  opts: SlaDueOptions = {},
): SlaTimeline {
  const start = ms(startInstant);
  const clock = clockFor(target, calendar);
  const ps = normalisePauses(target, pauses, start, opts.now === undefined ? undefined : ms(opts.now));
  const { budget, plainDue } = budgetOf(target, calendar, start, clock, opts);
  // Without pauses keep the exact instant (a committed date may fall outside working hours).
  const due = ps.length === 0 ? plainDue : walk(clock, start, budget, ps);
  const atRiskAt = walk(clock, start, budget * (target.atRiskRatio ?? DEFAULT_AT_RISK_RATIO), ps);
  const secondBudget =
    target.allowed.unit === 'working_days'
      ? clock.between(due, closeOfBusinessAfterWorkingDays(calendar, due, target.allowed.amount))
      : budget;
  const secondBreachAt = walk(clock, due, secondBudget, ps);
  return { due, atRiskAt, secondBreachAt, missingYears: missingYears(calendar, start, secondBreachAt) };
}

/** Inputs of targetState; `due` must come from computeDue with the same pauses; an open pause is closed at `now`. */
export interface SlaStateInput {
  readonly target: SlaTarget;
  readonly calendar: WorkingCalendar;
  readonly startedAt: Instant;
  readonly due: Instant;
  readonly now: Instant;
  readonly metAt?: Instant;
  readonly pauses?: readonly SlaPause[];
}

export interface SlaTargetState {
  readonly state: SlaTargetStateName;
  /** Share of the allowed (un-paused) time used, in percent; above 100 once late. */
  readonly percentUsed: number;
}

/** SLA-8 state of a target at `now`: on_track, at_risk, breached, met or met_late, with percent of allowed time used. */
export function targetState(input: SlaStateInput): SlaTargetState {
  const { target, calendar } = input;
  const start = ms(input.startedAt);
  const due = ms(input.due);
  const now = ms(input.now);
  const metAt = input.metAt === undefined ? undefined : ms(input.metAt);
  const clock = clockFor(target, calendar);
  const ps = normalisePauses(target, input.pauses ?? [], start, now);
  const effective = (to: number): number => {
    if (to <= start) return 0;
    let total = clock.between(start, to);
    for (const p of ps) if (p.from < to) total -= clock.between(p.from, Math.min(p.to, to));
    return total;
  };
  const end = metAt === undefined ? now : Math.min(now, metAt);
  const allowed = effective(due);
  const used = effective(end);
  const ratio = allowed > 0 ? used / allowed : end >= due ? 1 : 0;
  const percentUsed = Math.round(ratio * 1000) / 10;
  let state: SlaTargetStateName;
  if (metAt !== undefined && metAt <= now) state = metAt <= due ? 'met' : 'met_late';
  else if (now > due) state = 'breached';
  else if (ratio >= (target.atRiskRatio ?? DEFAULT_AT_RISK_RATIO)) state = 'at_risk';
  else state = 'on_track';
  return { state, percentUsed };
}
