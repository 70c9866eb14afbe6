/**
 * The monthly satisfaction report (RPT-5, SAT-4): per unit and employee with the trend over the
 * previous months, the agents' follow-up and handling figures, and the improvement plan.
 */
import { z } from 'zod';

const text = (max: number) => z.string().trim().max(max);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM / month as YYYY-MM');

/** `month` left out: the report month today falls in, under the company's cut-off day. */
export const monthlyQuery = z.strictObject({ unitId: z.uuid().optional(), month: month.optional() });
export type MonthlyQuery = z.infer<typeof monthlyQuery>;

const summary = {
  responses: z.number().int(),
  csatAverage: z.number().nullable(),
  csatSatisfiedRate: z.number().nullable(),
  nps: z.number().nullable(),
  detractors: z.number().int(),
};

export const IMPROVEMENT_STATES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type ImprovementState = (typeof IMPROVEMENT_STATES)[number];

export const improvementActionSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  period: z.string(),
  action: z.string(),
  ownerId: z.string(),
  ownerName: z.string(),
  dueDate: z.string(),
  state: z.enum(IMPROVEMENT_STATES),
  note: z.string().nullable(),
  /** Past its due date and not done or dropped. */
  overdue: z.boolean(),
  doneAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type ImprovementAction = z.infer<typeof improvementActionSchema>;

export const monthlyReportSchema = z.object({
  period: z.object({ label: z.string(), from: z.string(), to: z.string() }),
  /** The company's cut-off day the months end on (RPT-2; 31 means calendar months). */
  cutOffDay: z.number().int(),
  summary: z.object({ ...summary, invited: z.number().int(), responseRate: z.number().nullable() }),
  /** Care follow-ups due in the period: how many were finished (not left open). */
  followUps: z.object({
    due: z.number().int(),
    completed: z.number().int(),
    completionRate: z.number().nullable(),
  }),
  trend: z.array(z.object({ label: z.string(), from: z.string(), to: z.string(), ...summary })),
  units: z.array(z.object({ unitId: z.string(), unitName: z.string(), ...summary })),
  employees: z.array(
    z.object({
      employeeId: z.string(),
      name: z.string(),
      ...summary,
      /** Tickets the agent took in that were resolved in the period. */
      resolved: z.number().int(),
      /** Of those, resolved on the day of intake by the agent, never sent to a department nor reopened. */
      firstContactResolved: z.number().int(),
      firstContactRate: z.number().nullable(),
      /** Average hours from intake to resolution. */
      averageHandlingHours: z.number().nullable(),
    }),
  ),
  actions: z.array(improvementActionSchema),
});
export type MonthlyReport = z.infer<typeof monthlyReportSchema>;

export const improvementBody = z.strictObject({
  unitId: z.uuid(),
  period: month,
  action: text(500).min(1),
  ownerId: z.uuid(),
  dueDate: z.iso.date(),
  note: text(1000).optional(),
});
export const improvementPatch = z.strictObject({
  action: text(500).min(1).optional(),
  ownerId: z.uuid().optional(),
  dueDate: z.iso.date().optional(),
  state: z.enum(IMPROVEMENT_STATES).optional(),
  note: text(1000).nullable().optional(),
});
export type ImprovementInput = z.infer<typeof improvementBody>;
export type ImprovementPatch = z.infer<typeof improvementPatch>;
