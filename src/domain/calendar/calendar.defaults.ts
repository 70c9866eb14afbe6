/**
 * Business hours a new unit starts with, by its kind (SLA-1). Headquarters runs the company default
 * (Mon–Fri 09:00–12:00 and 13:30–18:00 with official holidays and 调休). Regions are offices and
 * inherit it. Departments inherit their parent: one under headquarters keeps office hours, one
 * inside a store (its service desk, its installation team) works the store's hours. Stores trade
 * every day, 09:30–21:00, and stay open on official holidays — the days they close (除夕, a
 * stock-taking day) are their own exceptions, set on the store's calendar.
 */
import type { UnitKind } from '../org/units';
import type { CalendarOverride } from './calendar.derive';
import type { Period, WeeklyHours } from './calendar.types';
import { WEEKDAY_KEYS } from './calendar.types';

/** A store's default trading hours: 09:30–21:00 without a lunch break. */
export const STORE_DEFAULT_PERIODS: readonly Period[] = Object.freeze([{ start: 9 * 60 + 30, end: 21 * 60 }]);

/** Every day of the week with the store's default hours. */
export const STORE_DEFAULT_WEEKLY: WeeklyHours = Object.freeze(
  Object.fromEntries(WEEKDAY_KEYS.map((day) => [day, STORE_DEFAULT_PERIODS])),
);

/** The calendar settings a new unit of this kind gets; null = none of its own (it inherits). */
export function defaultCalendarOverride(kind: UnitKind): CalendarOverride | null {
  if (kind !== 'store') return null;
  return { weekly: STORE_DEFAULT_WEEKLY, publicHolidays: 'work' };
}
