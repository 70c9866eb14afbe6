/**
 * The telephony API: call events from the integration (IN-3) and the hotline report (SLA-9, answer
 * time from ringing to answered, abandoned calls, calls per hour and per agent).
 */
import { z } from 'zod';
import { ANSWER_TARGET_SECONDS } from '../domain/reports';

export { ANSWER_TARGET_SECONDS };

/** A local calendar date of the unit's time zone. */
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD / date as YYYY-MM-DD');

/** The hotline report's filters: a unit (and the units below it), a range of local dates, one agent. */
export const hotlineQuery = z.strictObject({
  unitId: z.uuid().optional(),
  from: localDate,
  to: localDate,
  agentId: z.uuid().optional(),
});
export type HotlineQuery = z.infer<typeof hotlineQuery>;

const rate = z.number().nullable();
const seconds = z.number().nullable();

export const hotlineHourSchema = z.object({
  hour: z.number().int(),
  calls: z.number().int(),
  answered: z.number().int(),
  abandoned: z.number().int(),
  answeredInTargetRate: rate,
});

export const hotlineAgentSchema = z.object({
  agentId: z.string(),
  name: z.string(),
  calls: z.number().int(),
  answered: z.number().int(),
  abandoned: z.number().int(),
  answeredInTargetRate: rate,
  averageAnswerSeconds: seconds,
  averageTalkSeconds: seconds,
});

export const hotlineReportSchema = z.object({
  unit: z.object({ id: z.string(), name: z.string() }).nullable(),
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  targetSeconds: z.number().int(),
  calls: z.number().int(),
  answered: z.number().int(),
  abandoned: z.number().int(),
  /** When the rollup was last brought up to date ("数据截至"); null before the first refresh. */
  asOf: z.string().nullable(),
  /** Unit-days of any report still waiting for the refresh. */
  pendingDays: z.number().int(),
  /** Rang but neither answered nor ended yet: counted nowhere until the call ends. */
  ringingNow: z.number().int(),
  answeredInTarget: z.number().int(),
  answeredInTargetRate: rate,
  averageAnswerSeconds: seconds,
  /** Mean talk time of the answered calls that ended. */
  averageTalkSeconds: seconds,
  byHour: z.array(hotlineHourSchema),
  byAgent: z.array(hotlineAgentSchema),
});
export type HotlineReport = z.infer<typeof hotlineReportSchema>;

/** After 立即更新: how fresh the hotline figures now are. */
export const hotlineRefreshSchema = z.object({ asOf: z.string().nullable(), pendingDays: z.number() });
export type HotlineRefresh = z.infer<typeof hotlineRefreshSchema>;
export type HotlineAgentRow = z.infer<typeof hotlineAgentSchema>;
export type HotlineHourRow = z.infer<typeof hotlineHourSchema>;
