import type { DayException, WeeklyHours, WorkingCalendar } from './calendar.types';

/** What a unit changes relative to its parent calendar. */
export interface CalendarOverride {
  readonly timeZone?: string;
  /** Replaces whole weekdays; `[]` closes that weekday, an absent key inherits the parent's. */
  readonly weekly?: WeeklyHours;
  /** Adds or replaces dated exceptions; `null` removes the parent's exception for that date. */
  readonly exceptions?: Readonly<Record<string, DayException | null>>;
  readonly officialYears?: readonly number[];
}

/** Per-unit calendar (a store open on Sundays, a regional holiday) derived from a parent; the parent is not changed. */
export function deriveCalendar(parent: WorkingCalendar, override: CalendarOverride): WorkingCalendar {
  const exceptions: Record<string, DayException> = { ...parent.exceptions };
  for (const [date, ex] of Object.entries(override.exceptions ?? {})) {
    if (ex === null) delete exceptions[date];
    else exceptions[date] = ex;
  }
  const officialYears = override.officialYears ?? parent.officialYears;
  return Object.freeze({
    timeZone: override.timeZone ?? parent.timeZone,
    weekly: Object.freeze({ ...parent.weekly, ...override.weekly }),
    exceptions: Object.freeze(exceptions),
    ...(officialYears === undefined ? {} : { officialYears }),
  });
}
