/**
 * Mainland-China official holidays and make-up working days (调休), from the chinese-days
 * package data (State Council notices). A new year's notice is normally loaded by an
 * administrator via ICS import before the package catches up (SLA-1).
 */
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { DayException, Period, WeeklyHours, WorkingCalendar } from './calendar.types';

export { deriveCalendar } from './calendar.derive';
export type { CalendarOverride } from './calendar.derive';

type DayMap = Readonly<Record<string, string>>;

// Entries look like "Spring Festival,春节,4"; keep the Chinese name, which staff see.
function zhName(entry: string): string {
  const parts = entry.split(',');
  return parts[1] ?? parts[0] ?? entry;
}

function buildOfficial(): { exceptions: Record<string, DayException>; years: number[] } {
  const exceptions: Record<string, DayException> = {};
  const years = new Set<number>();
  for (const [date, entry] of Object.entries(data.holidays as DayMap)) {
    exceptions[date] = { kind: 'holiday', name: zhName(entry) };
    years.add(Number(date.slice(0, 4)));
  }
  for (const [date, entry] of Object.entries(data.workdays as DayMap)) {
    // No periods: a make-up day works the unit's Monday hours.
    exceptions[date] = { kind: 'makeup_workday', name: `${zhName(entry)}补班` };
    years.add(Number(date.slice(0, 4)));
  }
  return { exceptions, years: [...years].sort((a, b) => a - b) };
}

const official = buildOfficial();

/** Years with official holiday data in the bundled chinese-days package. */
export const CHINA_OFFICIAL_YEARS: readonly number[] = Object.freeze(official.years);

/** Official holidays (holiday) and 调休 make-up days (makeup_workday) keyed by 'YYYY-MM-DD'. */
export function chinaOfficialExceptions(): Readonly<Record<string, DayException>> {
  return official.exceptions;
}

const hm = (h: number, m = 0): number => h * 60 + m;

/** SLA-1 default business hours: 09:00–12:00 and 13:30–18:00 (lunch break stops the clock). */
export const DEFAULT_CHINA_PERIODS: readonly Period[] = Object.freeze([
  { start: hm(9), end: hm(12) },
  { start: hm(13, 30), end: hm(18) },
]);

/** Mon–Fri with the default periods. */
export const DEFAULT_CHINA_WEEKLY: WeeklyHours = Object.freeze({
  mon: DEFAULT_CHINA_PERIODS,
  tue: DEFAULT_CHINA_PERIODS,
  wed: DEFAULT_CHINA_PERIODS,
  thu: DEFAULT_CHINA_PERIODS,
  fri: DEFAULT_CHINA_PERIODS,
});

let defaultCalendar: WorkingCalendar | undefined;

/** SLA-1 default calendar: Asia/Shanghai, Mon–Fri 09:00–12:00 + 13:30–18:00, official holidays and 调休. Same object every call, so its compiled form is shared. */
export function defaultChinaCalendar(): WorkingCalendar {
  defaultCalendar ??= Object.freeze({
    timeZone: 'Asia/Shanghai',
    weekly: DEFAULT_CHINA_WEEKLY,
    exceptions: Object.freeze({ ...official.exceptions }),
    officialYears: CHINA_OFFICIAL_YEARS,
  });
  return defaultCalendar;
}
