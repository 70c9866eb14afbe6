/**
 * Civil-date arithmetic and IANA offset lookup. Offsets come from Intl.DateTimeFormat (pure, but
 * ~4 µs a call), so each zone's transitions are found once per UTC year and cached; afterwards an
 * offset is an array lookup plus a compare against 0–2 transitions.
 *
 * Assumptions (true for tzdb 1970–2200): at most one offset change per UTC day, changes on whole
 * minutes, and the local date never goes backwards (a fall-back never crosses local midnight).
 */
import { calendarError } from './calendar.errors';

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
/** Supported instants: [1970-01-01T00:00Z, 2201-01-01T00:00Z). */
export const MIN_INSTANT = Date.UTC(1970, 0, 1);
export const MAX_INSTANT = Date.UTC(2201, 0, 1);
/** Internal year tables reach one year further each side so local dates at the edges resolve. */
export const FIRST_YEAR = 1969;
export const LAST_YEAR = 2201;

const YEAR_START: number[] = [];
for (let y = FIRST_YEAR; y <= LAST_YEAR + 1; y++) YEAR_START.push(Date.UTC(y, 0, 1) / DAY_MS);

/** Day number (days since 1970-01-01) of 1 January of `year`. */
export function yearStartDay(year: number): number {
  const d = YEAR_START[year - FIRST_YEAR];
  if (d === undefined) throw outOfRange(`year ${year}`);
  return d;
}

/** Civil year of a day number; throws date_out_of_range outside the supported tables. */
export function yearOfDay(day: number): number {
  let y = 1970 + Math.floor(day / 365.2425);
  // The estimate is off by at most one year either way.
  if (y < FIRST_YEAR) y = FIRST_YEAR;
  if (y > LAST_YEAR) y = LAST_YEAR;
  while (y > FIRST_YEAR && day < YEAR_START[y - FIRST_YEAR]!) y--;
  while (y < LAST_YEAR && day >= YEAR_START[y + 1 - FIRST_YEAR]!) y++;
  if (day < YEAR_START[0]! || day >= YEAR_START[LAST_YEAR + 1 - FIRST_YEAR]!) throw outOfRange(`day ${day}`);
  return y;
}

/** Weekday of a day number, 0 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses 'YYYY-MM-DD' into a day number, or undefined when it is not a real calendar date. */
export function dayFromIsoDate(iso: string): number | undefined {
  const m = ISO_DATE.exec(iso);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2025-02-30 over to March; a round trip catches that.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return undefined;
  return ms / DAY_MS;
}

/** Formats a day number as 'YYYY-MM-DD'. */
export function isoDateFromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** A piece of time with one constant UTC offset: instants [from, to), local = instant + offsetMs. */
export interface OffsetSegment {
  from: number;
  to: number;
  offsetMs: number;
}

interface ZoneYear {
  off0: number;
  at: number[];
  off: number[];
}

/** A resolved IANA zone with its lazily filled per-year transition cache. */
export interface Zone {
  readonly name: string;
  readonly fmt: Intl.DateTimeFormat;
  readonly years: (ZoneYear | undefined)[];
}

const zones = new Map<string, Zone>();

/** Resolves (and caches) an IANA zone; throws calendar.invalid_time_zone for unknown names. */
export function getZone(name: string): Zone {
  const hit = zones.get(name);
  if (hit) return hit;
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw calendarError(
      'calendar.invalid_time_zone',
      `未知时区「${name}」`,
      `Unknown time zone "${name}"`,
      'timeZone',
    );
  }
  const zone: Zone = { name, fmt, years: [] };
  zones.set(name, zone);
  return zone;
}

function intlOffset(fmt: Intl.DateTimeFormat, t: number): number {
  const p: Record<string, number> = {};
  for (const part of fmt.formatToParts(t)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const hour = p.hour === 24 ? 0 : (p.hour ?? 0);
  const local = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, hour, p.minute ?? 0, p.second ?? 0);
  return local - (t - (((t % 1000) + 1000) % 1000));
}

function zoneYear(zone: Zone, year: number): ZoneYear {
  const idx = year - FIRST_YEAR;
  const hit = zone.years[idx];
  if (hit) return hit;
  if (idx < 0 || year > LAST_YEAR) throw outOfRange(`year ${year}`);
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const zy: ZoneYear = { off0: intlOffset(zone.fmt, start), at: [], off: [] };
  let prev = zy.off0;
  // Sample daily; a change inside a day is pinned to the minute by bisection.
  for (let t = start + DAY_MS; t <= end; t += DAY_MS) {
    const o = intlOffset(zone.fmt, t);
    if (o === prev) continue;
    let lo = t - DAY_MS;
    let hi = t;
    while (hi - lo > MINUTE_MS) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
      if (intlOffset(zone.fmt, mid) === prev) lo = mid;
      else hi = mid;
    }
    if (hi < end) {
      zy.at.push(hi);
      zy.off.push(o);
    }
    prev = o;
  }
  zone.years[idx] = zy;
  return zy;
}

/** UTC offset in ms of `zone` at instant `t` (local wall time = t + offset). */
export function offsetAt(zone: Zone, t: number): number {
  const zy = zoneYear(zone, yearOfDay(Math.floor(t / DAY_MS)));
  let o = zy.off0;
  for (let k = 0; k < zy.at.length; k++) {
    if (t >= zy.at[k]!) o = zy.off[k]!;
    else break;
  }
  return o;
}

/** Local day number of instant `t` in `zone`. */
export function localDayOf(zone: Zone, t: number): number {
  return Math.floor((t + offsetAt(zone, t)) / DAY_MS);
}

/**
 * The local calendar date ('YYYY-MM-DD') of an instant in an IANA time zone: the day a ticket or
 * work-order number belongs to, a letter's received-on date, a care task's day. The one
 * implementation; throws calendar.invalid_time_zone or calendar.date_out_of_range.
 */
export function localDateOf(instant: Date | number, timeZone: string): string {
  const t = typeof instant === 'number' ? instant : instant.getTime();
  return isoDateFromDay(localDayOf(getZone(timeZone), t));
}

/**
 * The instants of a local calendar date ('YYYY-MM-DD') in an IANA zone: [from, to), where `to` is
 * the next date's start (23 or 25 hours later across a DST change; half-hour zones included).
 * Throws calendar.invalid_date for a date that does not exist.
 */
export function localDateBounds(date: string, timeZone: string): { from: number; to: number } {
  const day = dayFromIsoDate(date);
  if (day === undefined)
    throw calendarError('calendar.invalid_date', `日期无效：${date}`, `Not a calendar date: ${date}`, date);
  const zone = getZone(timeZone);
  return { from: localDayStart(zone, day), to: localDayStart(zone, day + 1) };
}

/** Constant-offset pieces covering instants [from, to). */
export function offsetSegments(zone: Zone, from: number, to: number): OffsetSegment[] {
  const out: OffsetSegment[] = [];
  let cur = from;
  let off = offsetAt(zone, from);
  const y0 = yearOfDay(Math.floor(from / DAY_MS));
  const y1 = yearOfDay(Math.floor((to - 1) / DAY_MS));
  for (let y = y0; y <= y1; y++) {
    const zy = zoneYear(zone, y);
    for (let k = 0; k < zy.at.length; k++) {
      const at = zy.at[k]!;
      if (at <= cur || at >= to) continue;
      out.push({ from: cur, to: at, offsetMs: off });
      cur = at;
      off = zy.off[k]!;
    }
  }
  out.push({ from: cur, to, offsetMs: off });
  return out;
}

// Offsets lie within -12h..+14h, so instants of a local day lie within this margin of its UTC day.
const MARGIN_MS = 15 * 3_600_000;

/** First instant whose local date is `day` or later (handles a DST gap at midnight). */
export function localDayStart(zone: Zone, day: number): number {
  return instantOfLocal(zone, day, 0);
}

/** Instant of local wall time `day` + `minute` (first occurrence; a time inside a DST gap maps to the gap's end). */
export function instantOfLocal(zone: Zone, day: number, minute: number): number {
  const wall = day * DAY_MS + minute * MINUTE_MS;
  for (const seg of offsetSegments(zone, wall - MARGIN_MS, wall + MARGIN_MS)) {
    const cand = Math.max(seg.from, wall - seg.offsetMs);
    if (cand < seg.to) return cand;
  }
  /* c8 ignore next */
  throw outOfRange(`day ${day}`);
}

function outOfRange(what: string) {
  return calendarError(
    'calendar.date_out_of_range',
    `日期超出支持范围（1970–2200 年）：${what}`,
    `Date outside the supported range (years 1970–2200): ${what}`,
    what,
  );
}

/** Converts an Instant to epoch ms, throwing date_out_of_range outside 1970–2200. */
export function toMs(x: number | Date, what = 'instant'): number {
  const t = typeof x === 'number' ? x : x.getTime();
  if (!Number.isFinite(t) || t < MIN_INSTANT || t >= MAX_INSTANT) {
    throw calendarError(
      'calendar.date_out_of_range',
      `时间点超出支持范围（1970–2200 年）：${what}`,
      `Instant outside the supported range (years 1970–2200): ${what}`,
      what,
    );
  }
  return t;
}
