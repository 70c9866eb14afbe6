/**
 * The dashboard API (看板, RPT-1): what supervisors, managers and the general manager open on, and
 * what a department owes. Every count comes with the list query that shows exactly the counted rows,
 * so the page links each tile to its list instead of guessing filters.
 */
import { z } from 'zod';
import { TICKET_TYPES, type TicketTypeCode } from '../domain/tickets';
import { missingYearWarningSchema } from './calendar';
import { instantString } from './common';

export const dashboardQuery = z.strictObject({ unitId: z.uuid().optional() });
export type DashboardQuery = z.infer<typeof dashboardQuery>;

/** A count and the list query (path + search) that shows exactly those rows. */
export const countLinkSchema = z.object({ count: z.number().int(), href: z.string() });
export type CountLink = z.infer<typeof countLinkSchema>;

/** One ticket type's open tickets split by where they stand against their deadlines (SLA-8). */
export const openByTypeSchema = z.object({
  type: z.enum(TICKET_TYPES),
  open: countLinkSchema,
  atRisk: countLinkSchema,
  breached: countLinkSchema,
  waitingDepartment: countLinkSchema,
  pendingCustomer: countLinkSchema,
});
export type OpenByType = z.infer<typeof openByTypeSchema>;

export const technicianLoadSchema = z.object({
  technicianId: z.string(),
  name: z.string(),
  appointments: countLinkSchema,
  finished: z.number().int(),
});

export const weekSatisfactionSchema = z.object({
  responses: z.number().int(),
  csatAverage: z.number().nullable(),
  detractors: z.number().int(),
  href: z.string(),
});

export const dashboardSchema = z.object({
  generatedAt: instantString,
  unitId: z.string().nullable(),
  /** The local day the "today" tiles count (Asia/Shanghai, YYYY-MM-DD). */
  today: z.string(),
  tickets: z.object({
    open: countLinkSchema,
    dueToday: countLinkSchema,
    breached: countLinkSchema,
    atRisk: countLinkSchema,
    waitingDepartment: countLinkSchema,
    byType: z.array(openByTypeSchema),
  }),
  /** null when the caller may not read care tasks. */
  followUpsToday: countLinkSchema.nullable(),
  /** null when the caller may not read work orders. */
  technicians: z.object({ total: countLinkSchema, people: z.array(technicianLoadSchema) }).nullable(),
  /** null when the caller may not read survey results. */
  satisfactionWeek: weekSatisfactionSchema.nullable(),
  /**
   * SLA-1: years the unit's deadlines reach (this year; from October next year too) that have no
   * official holiday schedule, with the calendar page that imports it.
   */
  calendarWarnings: z.array(missingYearWarningSchema.extend({ href: z.string() })),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

export const departmentOwesSchema = z.object({
  generatedAt: instantString,
  departments: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      /** Tickets waiting on the department's reply. */
      waiting: countLinkSchema,
      /** Of those, the reply is due today (local day) and not yet late. */
      dueToday: z.number().int(),
      /** Of those, the reply is late. */
      overdue: z.number().int(),
    }),
  ),
  /** What the menu badge shows: every reply owed. */
  total: z.number().int(),
  overdue: z.number().int(),
});
export type DepartmentOwes = z.infer<typeof departmentOwesSchema>;

export type { TicketTypeCode };
