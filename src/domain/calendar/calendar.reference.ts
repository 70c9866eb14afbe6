/**
 * Test helper: a slow, obviously-correct minute-by-minute reference for the calendar functions.
 * It shares no code with the compiled implementation: local time comes straight from
 * Intl.DateTimeFormat for every minute, and every answer is found by walking minute by minute.
 * Only whole-minute instants are supported (offsets and periods are whole minutes too).
 */
import type { Period, WeekdayKey, WorkingCalendar } from './calendar.types';

const MIN = 60_000;

interface Local {
  date: string;
  weekday: WeekdayKey;
  minute: number;
}

const fmts = new Map<string, Intl.DateTimeFormat>();
const localCache = new Map<string, Map<number, Local>>();

function localOf(tz: string, t: number): Local {
  let cache = localCache.get(tz);
  if (!cache) localCache.set(tz, (cache = new Map()));
  const hit = cache.get(t);
  if (hit) return hit;
  let fmt = fmts.get(tz);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    fmts.set(tz, fmt);
  }
  const p: Record<string, string> = {};
  for (const part of fmt.formatToParts(t)) p[part.type] = part.value;
  const local: Local = {
    date: `${p.year}-${p.month}-${p.day}`,
    weekday: (p.weekday ?? '').toLowerCase().slice(0, 3) as WeekdayKey,
    minute: (Number(p.hour) % 24) * 60 + Number(p.minute),
  };
  cache.set(t, local);
  return local;
}

function periodsFor(cal: WorkingCalendar, l: Local): readonly Period[] {
  const ex = cal.exceptions[l.date];
  if (!ex) return cal.weekly[l.weekday] ?? [];
  if (ex.kind === 'holiday' || ex.kind === 'closed') return [];
  if (ex.kind === 'makeup_workday') return ex.periods ?? cal.weekly.mon ?? [];
  return ex.periods;
}

/** Is the whole minute starting at t working time? */
export function refIsWorking(cal: WorkingCalendar, t: number): boolean {
  const l = localOf(cal.timeZone, t);
  return periodsFor(cal, l).some((p) => p.start <= l.minute && l.minute < p.end);
}

/** Local date of t as 'YYYY-MM-DD'. */
export function refLocalDate(cal: WorkingCalendar, t: number): string {
  return localOf(cal.timeZone, t).date;
}

/** First working minute at or after t; undefined if none within `limit` minutes. */
export function refNextWorking(cal: WorkingCalendar, t: number, limit = 200_000): number | undefined {
  for (let m = t, k = 0; k < limit; m += MIN, k++) if (refIsWorking(cal, m)) return m;
  return undefined;
}

/** Instant when n working minutes have elapsed from t (t itself for n = 0). */
export function refAddMinutes(
  cal: WorkingCalendar,
  t: number,
  n: number,
  limit = 200_000,
): number | undefined {
  if (n === 0) return t;
  let count = 0;
  for (let m = t, k = 0; k < limit; m += MIN, k++) {
    if (refIsWorking(cal, m) && ++count === n) return m + MIN;
  }
  return undefined;
}

/** Working minutes in [a, b). */
export function refBetween(cal: WorkingCalendar, a: number, b: number): number {
  let count = 0;
  for (let m = a; m < b; m += MIN) if (refIsWorking(cal, m)) count++;
  return count;
}

/** SLA-2 reference: end of the last working minute on the n-th later local date that has working time. */
export function refCloseOfBusiness(
  cal: WorkingCalendar,
  t: number,
  n: number,
  limit = 200_000,
): number | undefined {
  const intakeDate = refLocalDate(cal, t);
  // Walk from the start of the intake's local date so n = 0 sees the whole intake day.
  let start = t;
  while (refLocalDate(cal, start - MIN) === intakeDate) start -= MIN;
  const datesSeen: string[] = [];
  const lastEnd = new Map<string, number>();
  for (let m = start, k = 0; k < limit; m += MIN, k++) {
    const date = refLocalDate(cal, m);
    if (refIsWorking(cal, m)) {
      if (!lastEnd.has(date)) datesSeen.push(date);
      lastEnd.set(date, m + MIN);
    }
    const target = pickTarget(datesSeen, lastEnd, intakeDate, t, n);
    // Once a later date starts, the target date's last working minute is final.
    if (target !== undefined && date > target) return lastEnd.get(target);
  }
  return undefined;
}

function pickTarget(
  dates: string[],
  lastEnd: Map<string, number>,
  intake: string,
  t: number,
  n: number,
): string | undefined {
  const after = dates.filter((d) => d > intake);
  if (n === 0) {
    if (dates.includes(intake) && (lastEnd.get(intake) ?? 0) > t) return intake;
    return after[0];
  }
  return after[n - 1];
}
