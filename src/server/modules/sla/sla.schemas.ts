import { z } from 'zod';
import { DEFAULT_SLA_POLICIES, type TicketType } from '../../../domain/sla';
import { calendarSummarySchema, countsInSchema } from '../../../shared/sla';

/** Which calendar a target counts in (SLA-1): the unit's working hours, natural time or a committed date. */
export { countsInSchema };

export const ticketTypeSchema = z.enum(Object.keys(DEFAULT_SLA_POLICIES) as [TicketType, ...TicketType[]]);

const allowed = z.union([
  z.strictObject({
    unit: z.enum(['working_minutes', 'working_hours', 'working_days', 'calendar_minutes', 'calendar_hours']),
    amount: z.number(),
  }),
  z.strictObject({ unit: z.literal('committed_date') }),
]);
const startsOn = z.union([
  z.enum(['intake', 'previous_met', 'committed_date_set']),
  z.strictObject({ event: z.string().min(1).max(60) }),
]);
export const targetSchema = z.strictObject({
  key: z.string().min(1).max(60),
  startsOn,
  stopsOn: z.string().min(1).max(60),
  allowed,
  pausesWhenPendingCustomer: z.boolean(),
  atRiskRatio: z.number().optional(),
  restartsOnReopen: z.boolean().optional(),
});

export const unitQuery = z.strictObject({ unitId: z.uuid() });
export const putPoliciesBody = z.strictObject({
  policies: z
    .array(
      z.strictObject({
        ticketType: ticketTypeSchema,
        priority: z.string().max(20).nullable().optional(),
        targets: z.array(targetSchema).max(20),
      }),
    )
    .max(100),
});
export const policiesResponse = z.object({
  unitId: z.string(),
  effective: z.array(
    z.object({
      ticketType: z.string(),
      source: z.enum(['own', 'inherited', 'default']),
      sourceUnitId: z.string().nullable(),
      targets: z.array(z.any()).readonly(),
      /** Per target, in the same order: the calendar it counts in. */
      countsIn: z.array(countsInSchema),
    }),
  ),
  /** The calendar this unit's working-time targets count in. */
  calendar: calendarSummarySchema,
  own: z.array(
    z.object({ ticketType: z.string(), priority: z.string().nullable(), targets: z.array(z.any()) }),
  ),
});

export const calculateBody = z.strictObject({
  unitId: z.uuid(),
  ticketType: ticketTypeSchema,
  priority: z.string().max(20).nullable().optional(),
  intakeAt: z.iso.datetime({ offset: true }),
  committedAt: z.iso.datetime({ offset: true }).nullable().optional(),
});
const warning = z.object({
  code: z.string(),
  years: z.array(z.number()),
  message: z.string(),
  messageEn: z.string(),
});
export const calculateResponse = z.object({
  unitId: z.string(),
  ticketType: z.string(),
  timeZone: z.string(),
  policySource: z.string(),
  intakeAt: z.string(),
  targets: z.array(
    z.object({
      key: z.string(),
      startsOn: z.any(),
      allowed: z.any(),
      pausesWhenPendingCustomer: z.boolean(),
      startsAt: z.string().nullable(),
      dueAt: z.string().nullable(),
      atRiskAt: z.string().nullable(),
      secondBreachAt: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
  missingYears: z.array(z.number()),
  warnings: z.array(warning),
});
