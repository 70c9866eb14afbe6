/**
 * The working-calendar API as the web uses it outside the calendar pages: the non-working days of
 * a unit (SLA-1), which date pickers for committed dates and appointments grey out.
 */
import { z } from 'zod';
// The days file only, so the web bundle does not carry the official holiday table.
import { MAX_DAY_RANGE } from '../domain/calendar/calendar.days';

export { MAX_DAY_RANGE };

/** A local calendar date of the unit's time zone. */
const localDate = z.iso.date('日期格式应为 YYYY-MM-DD / date as YYYY-MM-DD');

export const nonWorkingDaysParams = z.strictObject({ unitId: z.uuid() });
/** From and to are inclusive local dates, at most MAX_DAY_RANGE days apart. */
export const nonWorkingDaysQuery = z.strictObject({ from: localDate, to: localDate });
export type NonWorkingDaysQuery = z.infer<typeof nonWorkingDaysQuery>;

export const NON_WORKING_DAY_KINDS = ['rest', 'holiday', 'closed'] as const;
export type NonWorkingDayKind = (typeof NON_WORKING_DAY_KINDS)[number];

export const nonWorkingDaySchema = z.object({
  date: z.string(),
  /** rest: no hours that weekday; holiday: official or the unit's own; closed: the unit closes. */
  kind: z.enum(NON_WORKING_DAY_KINDS),
  name: z.string().nullable(),
});
export type NonWorkingDay = z.infer<typeof nonWorkingDaySchema>;

export const nonWorkingDaysResponse = z.object({
  unitId: z.string(),
  timeZone: z.string(),
  from: z.string(),
  to: z.string(),
  days: z.array(nonWorkingDaySchema),
  /** Years of the range without the official holiday schedule: only weekends are known there. */
  missingYears: z.array(z.number()),
});
export type NonWorkingDays = z.infer<typeof nonWorkingDaysResponse>;

/** SLA-1: a year without the official holiday schedule; deadlines there count only weekends off. */
export const missingYearWarningSchema = z.object({
  code: z.string(),
  years: z.array(z.number()),
  message: z.string(),
  messageEn: z.string(),
});
