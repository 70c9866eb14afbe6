/**
 * Working-time arithmetic over a WorkingCalendar. Pure: time is passed in, results are epoch ms.
 * Hot paths (closeOfBusinessAfterWorkingDays, addWorkingMinutes, isWorkingTime) only touch the
 * compiled year tables; see calendar.compile.ts.
 */
import { calendarError } from './calendar.errors';
import type { CompiledCalendar, YearBlock } from './calendar.compile';
import { MAX_SEARCH_DAYS, compileCalendar, yearBlock } from './calendar.compile';
import type { Instant, WorkingCalendar } from './calendar.types';
import { DAY_MS, MINUTE_MS, instantOfLocal, localDayOf, offsetAt, toMs, yearOfDay } from './time-zone';

export { validateCalendar } from './calendar.validate';

function noWorkingTime(fromDay: number): Error {
  return calendarError(
    'calendar.no_working_time',
    `自 ${new Date(fromDay * DAY_MS).toISOString().slice(0, 10)} 起 ${MAX_SEARCH_DAYS} 天内没有工作时间`,
    `No working time within ${MAX_SEARCH_DAYS} days from ${new Date(fromDay * DAY_MS).toISOString().slice(0, 10)}`,
    'calendar',
  );
}

function badArgument(name: string, value: unknown, rule: string, ruleZh: string): Error {
  return calendarError(
    'calendar.invalid_argument',
    `参数 ${name}=${String(value)} 无效：${ruleZh}`,
    `Argument ${name}=${String(value)} is invalid: ${rule}`,
    name,
  );
}

/** Year block and day index of the local day containing instant t. */
function locate(cc: CompiledCalendar, t: number): { b: YearBlock; i: number; day: number } {
  const day = localDayOf(cc.zone, t);
  const b = yearBlock(cc, yearOfDay(day));
  return { b, i: day - b.firstDay, day };
}

/**
 * Day number of the n-th (n ≥ 1) working day strictly after local day `day`, with its block.
 * Throws calendar.no_working_time after MAX_SEARCH_DAYS days without work.
 */
function nthWorkingDayAfter(cc: CompiledCalendar, day: number, n: number): { b: YearBlock; j: number } {
  let b = yearBlock(cc, yearOfDay(day));
  let idx = b.workRank[day - b.firstDay + 1]! + n - 1;
  let lastWork = day;
  while (idx >= b.workDays.length) {
    idx -= b.workDays.length;
    if (b.workDays.length > 0) lastWork = b.firstDay + b.workDays[b.workDays.length - 1]!;
    if (b.firstDay + b.nDays - lastWork > MAX_SEARCH_DAYS) throw noWorkingTime(day);
    b = yearBlock(cc, b.year + 1);
  }
  const j = b.workDays[idx]!;
  if (b.firstDay + j - lastWork > MAX_SEARCH_DAYS) throw noWorkingTime(day);
  return { b, j };
}

/** True when instant t falls inside a working period of the calendar. */
export function isWorkingTime(cal: WorkingCalendar, instant: Instant): boolean {
  const cc = compileCalendar(cal);
  const t = toMs(instant);
  const { b, i } = locate(cc, t);
  for (let k = b.dayIv[i]!, end = b.dayIv[i + 1]!; k < end; k++) {
    if (t < b.ivStart[k]!) return false;
    if (t < b.ivEnd[k]!) return true;
  }
  return false;
}

/** The instant itself if it is working time, else the start of the next working period. */
export function nextWorkingInstant(cal: WorkingCalendar, instant: Instant): number {
  const cc = compileCalendar(cal);
  const t = toMs(instant);
  const { b, i, day } = locate(cc, t);
  for (let k = b.dayIv[i]!, end = b.dayIv[i + 1]!; k < end; k++) {
    if (t < b.ivEnd[k]!) return Math.max(t, b.ivStart[k]!);
  }
  const next = nthWorkingDayAfter(cc, day, 1);
  return next.b.ivStart[next.b.dayIv[next.j]!]!;
}

/**
 * SLA-2: close of business on the n-th working day after the local day of intake (the intake day
 * does not count, whatever the hour). n = 0 means close of business of the intake day, or of the
 * next working day when intake is on a day off or after that day's close.
 */
export function closeOfBusinessAfterWorkingDays(
  cal: WorkingCalendar,
  intakeInstant: Instant,
  n: number,
): number {
  const cc = compileCalendar(cal);
  const t = toMs(intakeInstant, 'intakeInstant');
  if (!Number.isInteger(n) || n < 0)
    throw badArgument('n', n, 'must be a whole number ≥ 0', '须为 ≥ 0 的整数');
  const { b, i, day } = locate(cc, t);
  if (n === 0) {
    const last = b.dayIv[i + 1]! - 1;
    if (last >= b.dayIv[i]! && b.ivEnd[last]! > t) return b.ivEnd[last]!;
    n = 1;
  }
  const { b: wb, j } = nthWorkingDayAfter(cc, day, n);
  return wb.ivEnd[wb.dayIv[j + 1]! - 1]!;
}

/** Internal: the earliest instant x ≥ t with ms of working time in [t, x) (t itself when ms = 0). */
export function addWorkingMs(cc: CompiledCalendar, t: number, ms: number): number {
  if (ms === 0) return t;
  let { b, i } = locate(cc, t);
  const startDay = b.firstDay + i;
  let r = ms;
  for (let k = b.dayIv[i]!, end = b.dayIv[i + 1]!; k < end; k++) {
    if (t >= b.ivEnd[k]!) continue;
    const s = Math.max(t, b.ivStart[k]!);
    const avail = b.ivEnd[k]! - s;
    if (r <= avail) return s + r;
    r -= avail;
  }
  let lastWork = startDay;
  i += 1;
  for (;;) {
    const rest = b.cumMs[b.nDays]! - b.cumMs[i]!;
    if (r > rest) {
      r -= rest;
      if (rest > 0) lastWork = b.firstDay + b.workDays[b.workDays.length - 1]!;
      if (b.firstDay + b.nDays - lastWork > MAX_SEARCH_DAYS) throw noWorkingTime(startDay);
      b = yearBlock(cc, b.year + 1);
      i = 0;
      continue;
    }
    // Smallest day j ≥ i whose cumulative working time reaches r (binary search on prefix sums).
    const base = b.cumMs[i]!;
    let lo = i;
    let hi = b.nDays - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (b.cumMs[mid + 1]! - base >= r) hi = mid;
      else lo = mid + 1;
    }
    if (b.firstDay + lo - lastWork > MAX_SEARCH_DAYS) throw noWorkingTime(startDay);
    r -= b.cumMs[lo]! - base;
    for (let k = b.dayIv[lo]!, end = b.dayIv[lo + 1]!; k < end; k++) {
      const avail = b.ivEnd[k]! - b.ivStart[k]!;
      if (r <= avail) return b.ivStart[k]! + r;
      r -= avail;
    }
    /* c8 ignore next 2 */
    throw noWorkingTime(startDay);
  }
}

/** The earliest instant by which `minutes` of working time have elapsed from `instant`. */
export function addWorkingMinutes(cal: WorkingCalendar, instant: Instant, minutes: number): number {
  const cc = compileCalendar(cal);
  const t = toMs(instant);
  if (!Number.isFinite(minutes) || minutes < 0)
    throw badArgument('minutes', minutes, 'must be a finite number ≥ 0', '须为 ≥ 0 的有限数');
  return addWorkingMs(cc, t, minutes * MINUTE_MS);
}

/** Working ms within the local year of t before t, and that year. */
function cumulativeInYear(cc: CompiledCalendar, t: number): { year: number; ms: number } {
  const { b, i } = locate(cc, t);
  let ms = b.cumMs[i]!;
  for (let k = b.dayIv[i]!, end = b.dayIv[i + 1]!; k < end; k++) {
    if (t <= b.ivStart[k]!) break;
    ms += Math.min(t, b.ivEnd[k]!) - b.ivStart[k]!;
  }
  return { year: b.year, ms };
}

/** Internal: working ms in [from, to); negative when to < from. */
export function workingMsBetween(cc: CompiledCalendar, from: number, to: number): number {
  if (to < from) return 0 - workingMsBetween(cc, to, from); // 0 - x, never -0
  const a = cumulativeInYear(cc, from);
  const z = cumulativeInYear(cc, to);
  let total = z.ms - a.ms;
  for (let y = a.year; y < z.year; y++) {
    const b = yearBlock(cc, y);
    total += b.cumMs[b.nDays]!;
  }
  return total;
}

/** Working minutes in [from, to) (fractional if the instants are not on whole minutes; negative if to < from). */
export function workingMinutesBetween(cal: WorkingCalendar, from: Instant, to: Instant): number {
  const cc = compileCalendar(cal);
  return workingMsBetween(cc, toMs(from, 'from'), toMs(to, 'to')) / MINUTE_MS;
}

/** Adds plain (non-working) time: minutes and hours as elapsed time, days as the same local wall time N days later. */
export function addCalendarTime(
  cal: WorkingCalendar,
  instant: Instant,
  amount: number,
  unit: 'minutes' | 'hours' | 'days',
): number {
  const t = toMs(instant);
  if (!Number.isFinite(amount)) throw badArgument('amount', amount, 'must be finite', '须为有限数');
  if (unit === 'minutes') return toMs(t + amount * MINUTE_MS, 'result');
  if (unit === 'hours') return toMs(t + amount * 60 * MINUTE_MS, 'result');
  if (!Number.isInteger(amount)) throw badArgument('amount', amount, 'days must be whole', '天数须为整数');
  const zone = compileCalendar(cal).zone;
  const wall = t + offsetAt(zone, t);
  const day = Math.floor(wall / DAY_MS);
  // Wall-clock arithmetic: 10:00 stays 10:00 across a DST change.
  return toMs(instantOfLocal(zone, day + amount, (wall - day * DAY_MS) / MINUTE_MS), 'result');
}

/** Years in [from, to] (local years of the instants) for which the calendar has no official data. */
export function missingYears(cal: WorkingCalendar, from: Instant, to: Instant): number[] {
  if (cal.officialYears === undefined) return [];
  const cc = compileCalendar(cal);
  const y0 = yearOfDay(localDayOf(cc.zone, toMs(from, 'from')));
  const y1 = yearOfDay(localDayOf(cc.zone, toMs(to, 'to')));
  const known = new Set(cal.officialYears);
  const out: number[] = [];
  for (let y = Math.min(y0, y1); y <= Math.max(y0, y1); y++) if (!known.has(y)) out.push(y);
  return out;
}
