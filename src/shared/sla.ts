/**
 * SLA (时限) shapes the ticket and work-order APIs send: a target's state, its allowance, the
 * calendar it counts in (SLA-1), why it ended (SLA-10).
 */
import { z } from 'zod';
import { SLA_END_REASONS, SLA_TARGET_STATES } from '../domain/sla';
import type { Labels } from './common';

/** The states a target run is stored in: one home in the domain (sla.target-states.ts). */
export { SLA_TARGET_STATES };
export const slaTargetStateSchema = z.enum(SLA_TARGET_STATES);
export type SlaTargetState = z.infer<typeof slaTargetStateSchema>;

/** The worst state of a subject's targets, as a list row shows it. */
export const SLA_SUMMARY_STATES = ['on_track', 'at_risk', 'breached', 'paused', 'done', 'none'] as const;
export const slaSummaryStateSchema = z.enum(SLA_SUMMARY_STATES);
export type SlaState = z.infer<typeof slaSummaryStateSchema>;
/** A ticket's time-limit summary by name, as the web and the Excel export show it. */
export const SLA_SUMMARY_STATE_LABELS: Labels<SlaState> = {
  on_track: { zh: '正常', en: 'On track' },
  at_risk: { zh: '即将超时', en: 'At risk' },
  breached: { zh: '已超时', en: 'Breached' },
  paused: { zh: '已暂停', en: 'Paused' },
  done: { zh: '已完成', en: 'Done' },
  none: { zh: '无时限', en: 'No limit' },
};

/** One SLA target's clock as pages and exports name it (the department's reply, a first response…). */
export const SLA_TARGET_STATE_LABELS: Labels<SlaTargetState> = {
  pending: { zh: '未开始', en: 'Not started' },
  on_track: { zh: '进行中', en: 'Running' },
  at_risk: { zh: '即将超时', en: 'At risk' },
  breached: { zh: '已超时', en: 'Breached' },
  escalated: { zh: '已超时·已升级', en: 'Breached, escalated' },
  paused: { zh: '已暂停', en: 'Paused' },
  met: { zh: '按时完成', en: 'Met' },
  met_late: { zh: '超时完成', en: 'Met late' },
  ended: { zh: '已结束（未达成）', en: 'Ended unmet' },
};

/** Which unit's calendar working time counts in, with its hours in a few words (SLA-1). */
export const calendarSummarySchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  timeZone: z.string(),
  publicHolidays: z.enum(['observe', 'work']),
  hours: z.string(),
  hoursEn: z.string(),
  holidays: z.string(),
  holidaysEn: z.string(),
});
export type CalendarSummary = z.infer<typeof calendarSummarySchema>;

/** What a target's clock counts: the unit's working time, natural time or a committed date. */
export const countsInSchema = z.object({
  basis: z.enum(['working_time', 'calendar_time', 'committed_date']),
  calendar: calendarSummarySchema.nullable(),
});
export type CountsIn = z.infer<typeof countsInSchema>;

export const SLA_DURATION_UNITS = [
  'working_minutes',
  'working_hours',
  'working_days',
  'calendar_minutes',
  'calendar_hours',
] as const;

/** How much time a target allows: an amount of a unit, or until a date the customer agreed (SLA-4). */
export const slaAllowedSchema = z.union([
  z.object({ unit: z.enum(SLA_DURATION_UNITS), amount: z.number() }),
  z.object({ unit: z.literal('committed_date') }),
]);
export type SlaAllowed = z.infer<typeof slaAllowedSchema>;

/** When a target starts: at intake, when the previous one is met, on a committed date, or on an event (SLA-6). */
export const slaStartsOnSchema = z.union([
  z.enum(['intake', 'previous_met', 'committed_date_set']),
  z.object({ event: z.string() }),
]);

/** One SLA target of a subject as its detail page shows it. */
export const slaTargetSchema = z.object({
  id: z.string(),
  key: z.string(),
  state: slaTargetStateSchema,
  /** The due time has passed while the target still runs (the scheduler may not have moved it yet). */
  overdue: z.boolean(),
  allowed: slaAllowedSchema,
  stopsOn: z.string(),
  startsOn: slaStartsOnSchema,
  pausesWhenPendingCustomer: z.boolean(),
  intakeAt: z.string(),
  startedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  atRiskAt: z.string().nullable(),
  metAt: z.string().nullable(),
  committedAt: z.string().nullable(),
  /** SLA-10: when and why a target ended unmet (state 'ended'). */
  endedAt: z.string().nullable(),
  endReason: z.enum(SLA_END_REASONS).nullable(),
  /** SLA-1: the calendar the target counts in (its unit's hours, natural time or a committed date). */
  countsIn: countsInSchema.nullable(),
});
export type SlaTarget = z.infer<typeof slaTargetSchema>;
