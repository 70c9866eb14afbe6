/**
 * Compiled form of a calendar: per local year, the working intervals as UTC instants plus prefix
 * tables, so "N-th working day after" and "add N working minutes" are a few array lookups.
 * Built lazily per year and cached in a WeakMap keyed by the calendar object.
 */
import { calendarError } from './calendar.errors';
import type { Period, WorkingCalendar } from './calendar.types';
import { WEEKDAY_KEYS } from './calendar.types';
import { validateCalendar } from './calendar.validate';
import type { Zone } from './time-zone';
import {
  DAY_MS,
  FIRST_YEAR,
  LAST_YEAR,
  MINUTE_MS,
  dayFromIsoDate,
  getZone,
  localDayStart,
  offsetSegments,
  weekdayOfDay,
  yearStartDay,
} from './time-zone';

/** Give up a search after this many consecutive days without working time. */
export const MAX_SEARCH_DAYS = 3660;

/** One local calendar year. Day i is local date firstDay + i. */
export interface YearBlock {
  readonly year: number;
  readonly firstDay: number;
  readonly nDays: number;
  /** Working intervals [ivStart[k], ivEnd[k]) in epoch ms, sorted. */
  readonly ivStart: Float64Array;
  readonly ivEnd: Float64Array;
  /** Intervals of day i are k in [dayIv[i], dayIv[i+1]). Length nDays+1. */
  readonly dayIv: Int32Array;
  /** Working ms in days before day i. Length nDays+1. */
  readonly cumMs: Float64Array;
  /** Indexes (within the year) of days that have working time, ascending. */
  readonly workDays: Int32Array;
  /** Number of working days before day i. Length nDays+1. */
  readonly workRank: Int32Array;
}

export interface CompiledCalendar {
  readonly cal: WorkingCalendar;
  readonly zone: Zone;
  /** Periods per weekday, 0 = Sunday, sorted and merged. */
  readonly weekly: readonly (readonly Period[])[];
  /** Resolved periods per exception day number (empty = no work). */
  readonly exceptions: ReadonlyMap<number, readonly Period[]>;
  readonly years: (YearBlock | undefined)[];
}

const cache = new WeakMap<WorkingCalendar, CompiledCalendar>();

function normalise(periods: readonly Period[] | undefined): Period[] {
  const sorted = [...(periods ?? [])].sort((a, b) => a.start - b.start);
  const out: Period[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    // Touching periods (09:00–12:00, 12:00–13:00) are one stretch of working time.
    if (last && last.end === p.start) out[out.length - 1] = { start: last.start, end: p.end };
    else out.push({ start: p.start, end: p.end });
  }
  return out;
}

/** Validates once and returns the cached compiled form of `cal`. */
export function compileCalendar(cal: WorkingCalendar): CompiledCalendar {
  const hit = cache.get(cal);
  if (hit) return hit;
  validateCalendar(cal);
  const weekly = WEEKDAY_KEYS.map((k) => normalise(cal.weekly[k]));
  const exceptions = new Map<number, readonly Period[]>();
  for (const [date, ex] of Object.entries(cal.exceptions)) {
    const day = dayFromIsoDate(date)!;
    if (ex.kind === 'holiday' || ex.kind === 'closed') exceptions.set(day, []);
    else if (ex.kind === 'makeup_workday') exceptions.set(day, normalise(ex.periods ?? weekly[1]));
    else exceptions.set(day, normalise(ex.periods));
  }
  const cc: CompiledCalendar = { cal, zone: getZone(cal.timeZone), weekly, exceptions, years: [] };
  cache.set(cal, cc);
  return cc;
}

/** Local working periods of a day number, exceptions first, then the weekly pattern. */
export function periodsOfDay(cc: CompiledCalendar, day: number): readonly Period[] {
  return cc.exceptions.get(day) ?? cc.weekly[weekdayOfDay(day)]!;
}

/** The compiled block for local year `year`, building it on first use. */
export function yearBlock(cc: CompiledCalendar, year: number): YearBlock {
  const hit = cc.years[year - FIRST_YEAR];
  if (hit) return hit;
  if (year < FIRST_YEAR || year > LAST_YEAR) {
    throw calendarError(
      'calendar.date_out_of_range',
      `计算超出支持范围（1970–2200 年）：${year} 年`,
      `Calculation ran outside the supported years 1970–2200: ${year}`,
      String(year),
    );
  }
  const block = buildYear(cc, year);
  cc.years[year - FIRST_YEAR] = block;
  return block;
}

function buildYear(cc: CompiledCalendar, year: number): YearBlock {
  const firstDay = yearStartDay(year);
  const nDays = yearStartDay(year + 1) - firstDay;
  const starts: number[] = [];
  const ends: number[] = [];
  const dayIv = new Int32Array(nDays + 1);
  const cumMs = new Float64Array(nDays + 1);
  const workRank = new Int32Array(nDays + 1);
  const workDays: number[] = [];
  let dayStart = localDayStart(cc.zone, firstDay);
  for (let i = 0; i < nDays; i++) {
    const day = firstDay + i;
    const nextStart = localDayStart(cc.zone, day + 1);
    dayIv[i] = starts.length;
    let worked = 0;
    const periods = periodsOfDay(cc, day);
    if (periods.length > 0) {
      const wall = day * DAY_MS;
      // Intersect each period's wall-clock range with each constant-offset piece of the day;
      // this is exact in DST gaps (time skipped) and overlaps (time counted twice).
      for (const seg of offsetSegments(cc.zone, dayStart, nextStart)) {
        for (const p of periods) {
          const a = Math.max(seg.from, wall + p.start * MINUTE_MS - seg.offsetMs);
          const b = Math.min(seg.to, wall + p.end * MINUTE_MS - seg.offsetMs);
          if (a >= b) continue;
          const last = starts.length - 1;
          if (last >= dayIv[i]! && ends[last] === a) ends[last] = b;
          else {
            starts.push(a);
            ends.push(b);
          }
          worked += b - a;
        }
      }
    }
    cumMs[i + 1] = cumMs[i]! + worked;
    workRank[i + 1] = workRank[i]! + (worked > 0 ? 1 : 0);
    if (worked > 0) workDays.push(i);
    dayStart = nextStart;
  }
  dayIv[nDays] = starts.length;
  return {
    year,
    firstDay,
    nDays,
    ivStart: Float64Array.from(starts),
    ivEnd: Float64Array.from(ends),
    dayIv,
    cumMs,
    workDays: Int32Array.from(workDays),
    workRank,
  };
}
