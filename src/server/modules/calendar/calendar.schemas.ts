import { z } from 'zod';
import { missingYearWarningSchema } from '../../../shared/calendar';

/**
 * Shapes only: ranges, order and overlaps of periods are the calendar core's job (validateCalendar),
 * so those mistakes answer 422 with the core's stable code instead of a generic 400.
 */
export const periodSchema = z.strictObject({ start: z.number(), end: z.number() });
const periods = z.array(periodSchema).max(24);
const name = z.string().max(100).optional();

export const dayExceptionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('holiday'), name }),
  z.strictObject({ kind: z.literal('closed'), name }),
  z.strictObject({ kind: z.literal('makeup_workday'), name, periods: periods.optional() }),
  z.strictObject({ kind: z.literal('half_day'), name, periods }),
]);

const weekday = z.enum(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']);
export const weeklySchema = z.partialRecord(weekday, periods);

export const unitParams = z.strictObject({ unitId: z.uuid() });
export const yearParams = z.strictObject({ unitId: z.uuid(), year: z.coerce.number().int() });

export const putCalendarBody = z.strictObject({
  timeZone: z.string().max(60).nullable().optional(),
  weekly: weeklySchema.nullable().optional(),
  exceptions: z.record(z.string().max(20), dayExceptionSchema.nullable()).optional(),
  officialYears: z.array(z.number().int().min(1970).max(2200)).max(300).optional(),
  /** 'work': open on official holidays, not bound by 调休 (stores); null inherits the parent's way. */
  publicHolidays: z.enum(['observe', 'work']).nullable().optional(),
});

// Responses carry the core's frozen arrays as they are.
const periodsOut = z.array(z.object({ start: z.number(), end: z.number() })).readonly();
const warning = missingYearWarningSchema;
const calendarShape = z.object({
  timeZone: z.string(),
  weekly: z.record(z.string(), periodsOut),
  exceptions: z.record(z.string(), z.any()),
  officialYears: z.array(z.number()).readonly(),
  publicHolidays: z.enum(['observe', 'work']),
});
export const calendarResponse = z.object({
  unitId: z.string(),
  version: z.number(),
  effective: calendarShape,
  own: z.object({
    timeZone: z.string().nullable(),
    weekly: z.record(z.string(), periodsOut).nullable(),
    exceptions: z.record(z.string(), z.any()),
    officialYears: z.array(z.number()).readonly(),
    publicHolidays: z.enum(['observe', 'work']).nullable(),
  }),
  inheritsFrom: z.array(z.string()),
  officialYears: z.array(z.number()).readonly(),
  missingYears: z.array(z.number()),
  warnings: z.array(warning),
});

export const yearResponse = z.object({
  unitId: z.string(),
  year: z.number(),
  timeZone: z.string(),
  officialData: z.boolean(),
  warnings: z.array(warning),
  days: z.array(
    z.object({
      date: z.string(),
      weekday: z.number(),
      kind: z.enum(['working', 'rest', 'holiday', 'makeup', 'half', 'closed']),
      name: z.string().nullable(),
      periods: periodsOut,
      source: z.enum(['official', 'unit', 'weekly']),
    }),
  ),
});

/** ICS arrives as text/calendar, or as JSON `{ ics }` from the web app. */
export const icsBody = z.union([
  z.string().max(1_000_000),
  z.strictObject({ ics: z.string().max(1_000_000) }),
]);
export const importQuery = z.strictObject({ markOfficial: z.enum(['true', 'false']).optional() });
export const exportQuery = z.strictObject({ year: z.coerce.number().int().min(1970).max(2200).optional() });

const parsedException = z.object({
  date: z.string(),
  kind: z.string(),
  name: z.string().optional(),
  periods: periodsOut.optional(),
});
export const previewResponse = z.object({
  count: z.number(),
  years: z.array(z.number()),
  exceptions: z.array(parsedException),
});
export const importResponse = z.object({
  imported: z.number(),
  years: z.array(z.number()),
  calendar: calendarResponse,
});

/** Which unit's calendar working time counts in, with its hours in a few words (SLA-1). */
export { calendarSummarySchema } from '../../../shared/sla';

/** Non-working days of a unit for date pickers (SLA-1): the contract lives in src/shared. */
export { nonWorkingDaysParams, nonWorkingDaysQuery, nonWorkingDaysResponse } from '../../../shared/calendar';
