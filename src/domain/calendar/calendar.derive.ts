import type { DayException, PublicHolidayMode, WeeklyHours, WorkingCalendar } from './calendar.types';

/** What a unit changes relative to its parent calendar. */
export interface CalendarOverride {
  readonly timeZone?: string;
  /** Replaces whole weekdays; `[]` closes that weekday, an absent key inherits the parent's. */
  readonly weekly?: WeeklyHours;
  /** Adds or replaces dated exceptions; `null` removes the parent's exception for that date. */
  readonly exceptions?: Readonly<Record<string, DayException | null>>;
  readonly officialYears?: readonly number[];
  /**
   * 'work' drops the official schedule inherited from the parent (its holidays and 调休 days) before
   * this unit's own exceptions apply, so a store trades on public holidays but keeps the closing
   * days it sets itself. 'observe' keeps whatever the parent has.
   */
  readonly publicHolidays?: PublicHolidayMode;
}

// The official schedule is made of these two kinds; `closed` and `half_day` are a company's own
// decisions (stock-taking, an annual meeting) and reach every unit below, stores included.
const isOfficialKind = (ex: DayException): boolean => ex.kind === 'holiday' || ex.kind === 'makeup_workday';

/** Per-unit calendar (a store open on Sundays, a regional holiday) derived from a parent; the parent is not changed. */
export function deriveCalendar(parent: WorkingCalendar, override: CalendarOverride): WorkingCalendar {
  const trades = override.publicHolidays === 'work';
  const exceptions: Record<string, DayException> = {};
  for (const [date, ex] of Object.entries(parent.exceptions)) {
    if (!(trades && isOfficialKind(ex))) exceptions[date] = ex;
  }
  for (const [date, ex] of Object.entries(override.exceptions ?? {})) {
    if (ex === null) delete exceptions[date];
    else exceptions[date] = ex;
  }
  const publicHolidays = override.publicHolidays ?? parent.publicHolidays;
  // A unit that trades through public holidays does not depend on the official data, so a year
  // without it is nothing to warn about (SLA-1's warning is for units that close on holidays).
  const officialYears =
    publicHolidays === 'work' ? undefined : (override.officialYears ?? parent.officialYears);
  return Object.freeze({
    timeZone: override.timeZone ?? parent.timeZone,
    weekly: Object.freeze({ ...parent.weekly, ...override.weekly }),
    exceptions: Object.freeze(exceptions),
    ...(officialYears === undefined ? {} : { officialYears }),
    ...(publicHolidays === undefined ? {} : { publicHolidays }),
  });
}

/**
 * A unit's calendar from the company base and the overrides of its ancestors, root first. Only the
 * nearest `publicHolidays` setting counts: a store that trades through holidays drops the official
 * days its ancestors observe, and a department below it that observes them again gets them back.
 */
export function deriveCalendarChain(
  base: WorkingCalendar,
  chain: readonly CalendarOverride[],
): WorkingCalendar {
  let decisive = -1;
  chain.forEach((link, i) => {
    if (link.publicHolidays !== undefined) decisive = i;
  });
  let cal = base;
  chain.forEach((link, i) => {
    const { publicHolidays, ...rest } = link;
    cal = deriveCalendar(cal, i === decisive && publicHolidays === 'work' ? link : rest);
  });
  return cal;
}
