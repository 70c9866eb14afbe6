/**
 * SAT-4 reporting weeks: Monday 00:00 to the next Monday 00:00 in the unit's time zone
 * (Asia/Shanghai by default), named by ISO week ('2026-W47').
 */
import { getZone, isoDateFromDay, localDayOf, localDayStart, weekdayOfDay } from '../calendar/time-zone';

export interface ReportWeek {
  /** ISO week name, e.g. '2026-W47'. */
  week: string;
  /** Monday's local date. */
  monday: string;
  /** Sunday's local date. */
  sunday: string;
  start: Date;
  /** Exclusive: the next Monday 00:00 local. */
  end: Date;
}

function isoWeekName(mondayDay: number): string {
  // The ISO year is the year of the week's Thursday.
  const thursday = mondayDay + 3;
  const year = Number(isoDateFromDay(thursday).slice(0, 4));
  const jan1 = Math.floor(Date.UTC(year, 0, 1) / 86_400_000);
  const week = Math.floor((thursday - jan1) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday-to-Sunday week that contains instant `at` in `timeZone`. */
export function weekContaining(at: Date, timeZone: string): ReportWeek {
  const zone = getZone(timeZone);
  const day = localDayOf(zone, at.getTime());
  const monday = day - ((weekdayOfDay(day) + 6) % 7);
  return {
    week: isoWeekName(monday),
    monday: isoDateFromDay(monday),
    sunday: isoDateFromDay(monday + 6),
    start: new Date(localDayStart(zone, monday)),
    end: new Date(localDayStart(zone, monday + 7)),
  };
}

/** SAT-4: the week a Monday summary made at `at` reports on — the last complete Mon–Sun week. */
export function previousWeek(at: Date, timeZone: string): ReportWeek {
  const current = weekContaining(at, timeZone);
  return weekContaining(new Date(current.start.getTime() - 1), timeZone);
}

/** Start of the week holding `at`, as the local Monday date — the CSAT trend's bucket key. */
export function weekKeyOf(at: Date, timeZone: string): string {
  return weekContaining(at, timeZone).monday;
}
