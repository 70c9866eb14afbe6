/**
 * CARE-4 quiet hours: customers are called or sent an SMS only inside their unit's contact hours
 * (default 09:00–20:30, China time). Pure: wall-clock conversion goes through Intl only.
 */

export interface ContactHours {
  /** Local wall time 'HH:MM' from which contact is allowed. */
  start: string;
  /** Local wall time 'HH:MM' from which contact is no longer allowed (exclusive). */
  end: string;
}

export const DEFAULT_CONTACT_HOURS: ContactHours = { start: '09:00', end: '20:30' };
export const DEFAULT_CONTACT_TIME_ZONE = 'Asia/Shanghai';

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of an 'HH:MM' string, or null when it is not one. */
export function minutesOfDay(hhmm: string): number | null {
  const m = HHMM.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** Why a contact-hours window is unusable, or null when it is fine (start before end, same day). */
export function contactHoursProblem(hours: ContactHours): 'invalid_time' | 'start_not_before_end' | null {
  const start = minutesOfDay(hours.start);
  const end = minutesOfDay(hours.end);
  if (start === null || end === null) return 'invalid_time';
  return start < end ? null : 'start_not_before_end';
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallTimeOf(at: Date, timeZone: string): WallTime & { seconds: number } {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(at)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    minutes: parts.hour! * 60 + parts.minute!,
    seconds: parts.second!,
  };
}

/** The instant at which the wall clock of `timeZone` shows the given local date and minute. */
function instantOf(wall: WallTime, timeZone: string): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, 0, wall.minutes);
  let guess = asUtc;
  // Two rounds settle the zone offset, DST transitions included.
  for (let i = 0; i < 2; i++) {
    const seen = wallTimeOf(new Date(guess), timeZone);
    const seenUtc = Date.UTC(seen.year, seen.month - 1, seen.day, 0, seen.minutes);
    guess += asUtc - seenUtc;
  }
  return new Date(guess);
}

function nextDay(wall: WallTime): WallTime {
  const d = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), minutes: 0 };
}

/** True when `at` falls inside the contact hours, in the wall clock of `timeZone`. */
export function isWithinContactHours(at: Date, hours: ContactHours, timeZone: string): boolean {
  const start = minutesOfDay(hours.start) ?? 0;
  const end = minutesOfDay(hours.end) ?? 24 * 60;
  const wall = wallTimeOf(at, timeZone);
  return wall.minutes >= start && wall.minutes < end;
}

/**
 * CARE-4: the earliest instant at or after `at` when a customer may be called or sent an SMS:
 * `at` itself inside the contact hours, otherwise the next start of the window (later today when
 * it is early morning, tomorrow once the evening limit has passed).
 */
export function nextAllowedContactTime(at: Date, hours: ContactHours, timeZone: string): Date {
  const start = minutesOfDay(hours.start);
  const end = minutesOfDay(hours.end);
  if (start === null || end === null || start >= end)
    throw new Error(`invalid contact hours ${hours.start}–${hours.end}`);
  const wall = wallTimeOf(at, timeZone);
  if (wall.minutes >= start && wall.minutes < end) return at;
  const day = wall.minutes < start ? wall : nextDay(wall);
  return instantOf({ ...day, minutes: start }, timeZone);
}

/**
 * The evening before `at` inside the contact hours: one hour before the window closes (or its
 * start, for a window shorter than an hour) on the local day before — or on the same day when `at`
 * is already past that day's window. What a reminder falls back to when the morning is too early.
 */
export function eveningBefore(at: Date, hours: ContactHours, timeZone: string): Date {
  const start = minutesOfDay(hours.start);
  const end = minutesOfDay(hours.end);
  if (start === null || end === null || start >= end)
    throw new Error(`invalid contact hours ${hours.start}–${hours.end}`);
  const wall = wallTimeOf(at, timeZone);
  const minutes = Math.max(start, end - 60);
  if (wall.minutes >= end) return instantOf({ ...wall, minutes }, timeZone);
  const d = new Date(Date.UTC(wall.year, wall.month - 1, wall.day - 1));
  return instantOf(
    { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), minutes },
    timeZone,
  );
}
