import { z } from 'zod';
import { SLA_END_REASONS } from '../../../domain/sla';
import {
  RECTIFICATION_KINDS,
  REPLY_KINDS,
  TICKET_CHANNELS,
  TICKET_MILESTONE_KINDS,
  type TicketMilestone,
  TICKET_PRIORITIES,
  TICKET_STATES,
  TICKET_TYPES,
} from '../../../domain/tickets';
import { countsInSchema } from '../sla/sla.service';

/** Request and response schemas of the tickets module; they also generate the OpenAPI document. */
const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional();
const phone = z
  .string()
  .trim()
  .max(30)
  .regex(/^[0-9+\-() ]*$/, '电话号码格式不正确 / invalid phone number')
  .nullable()
  .optional();
const instant = z.iso.datetime({ offset: true });
export const idParams = z.strictObject({ id: z.uuid() });

export const ticketTypeSchema = z.enum(TICKET_TYPES);
export const rectificationKindSchema = z.enum(RECTIFICATION_KINDS);

/** What an agent may fill in at intake and correct later: the case's details. */
const ticketDetailFields = {
  description: text(10_000).optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  customerId: z.uuid().nullable().optional(),
  contactPhone: phone,
  address: optionalText(300),
  assetId: z.uuid().nullable().optional(),
  assetModel: optionalText(100),
  assetSerial: optionalText(100),
  purchaseDate: z.iso.date().nullable().optional(),
  requestedTime: optionalText(100),
  publicPostUrl: z
    .url({ protocol: /^https?$/ })
    .max(1000)
    .nullable()
    .optional(),
};

export const createTicketBody = z.strictObject({
  ...ticketDetailFields,
  unitId: z.uuid(),
  type: ticketTypeSchema,
  rectificationKind: rectificationKindSchema.nullable().optional(),
  channel: z.enum(TICKET_CHANNELS),
  subject: text(200).min(1),
  receivedAt: instant.optional(),
  salesChannelId: z.uuid().nullable().optional(),
});
export type CreateTicketInput = z.infer<typeof createTicketBody>;

// Unit, type (CL-5 re-classifies), channel and intake time are facts of the intake, not edits.
export const updateTicketBody = z.strictObject({
  ...ticketDetailFields,
  subject: text(200).min(1).optional(),
});
export type UpdateTicketInput = z.infer<typeof updateTicketBody>;

export const TICKET_VIEWS = ['my_queue', 'due_today', 'breached', 'waiting_department'] as const;
const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(500)
    .transform((v) => v.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1));
export const listTicketsQuery = z.strictObject({
  /** Words (all required), or ≥ 4 digits of a ticket number or phone. */
  q: z.string().trim().max(100).optional(),
  view: z.enum(TICKET_VIEWS).optional(),
  type: csv(TICKET_TYPES).optional(),
  state: csv(TICKET_STATES).optional(),
  channel: csv(TICKET_CHANNELS).optional(),
  unitId: z.uuid().optional(),
  assigneeUserId: z.uuid().optional(),
  teamId: z.uuid().optional(),
  departmentId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  from: instant.optional(),
  to: instant.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ListTicketsQuery = z.infer<typeof listTicketsQuery>;

export const assignBody = z
  .strictObject({
    userId: z.uuid().optional(),
    teamId: z.uuid().optional(),
    departmentId: z.uuid().optional(),
  })
  .refine((b) => [b.userId, b.teamId, b.departmentId].filter(Boolean).length === 1, {
    message: '请且仅请指定一个：处理人、小组或部门 / give exactly one of userId, teamId, departmentId',
  });
export const reclassifyBody = z.strictObject({
  type: ticketTypeSchema,
  rectificationKind: rectificationKindSchema.nullable().optional(),
  reason: optionalText(500),
});
export const messageBody = z.strictObject({ body: text(10_000).min(1) });
/**
 * A reply to the customer. `kind` says how it counts (SLA-3…6; default the answer);
 * `answerWithoutDepartmentReason` lets a rectification be answered before the department's
 * findings; IN-9: `postedPublicly` when it was also posted under the public complaint.
 */
export const replyBody = z.strictObject({
  body: text(10_000).min(1),
  kind: z.enum(REPLY_KINDS).default('answer'),
  answerWithoutDepartmentReason: optionalText(500),
  postedPublicly: z.boolean().optional(),
});
/** A milestone of the service (SLA-5, SLA-6): solution offered, item returned, satisfaction call made. */
export const milestoneBody = z.strictObject({
  kind: z.enum(TICKET_MILESTONE_KINDS as [TicketMilestone, ...TicketMilestone[]]),
  note: optionalText(2000),
});
export const TRANSITION_TARGETS = [
  'in_progress',
  'waiting_department',
  'pending_customer',
  'resolved',
  'closed',
  'cancelled',
] as const;
export const transitionBody = z.strictObject({ to: z.enum(TRANSITION_TARGETS), reason: optionalText(500) });
export const mergeBody = z.strictObject({ intoTicketId: z.uuid() });

const ref = z.object({ id: z.string(), name: z.string() }).nullable();
export const ticketSummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  unit: z.object({ id: z.string(), name: z.string() }),
  type: z.string(),
  rectificationKind: z.string().nullable(),
  channel: z.string(),
  priority: z.string(),
  subject: z.string(),
  state: z.string(),
  customerId: z.string().nullable(),
  customer: z.object({ id: z.string(), name: z.string(), specialAttention: z.boolean() }).nullable(),
  /** Masked (138****5678) for roles without customers.phone.unmask at the ticket's unit (CUS-4). */
  contactPhone: z.string().nullable(),
  intakeAgent: ref,
  assigneeUser: ref,
  assigneeTeam: ref,
  assigneeDepartment: ref,
  salesChannel: ref,
  receivedAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  sla: z.object({
    state: z.enum(['on_track', 'at_risk', 'breached', 'paused', 'done', 'none']),
    nextDueAt: z.string().nullable(),
  }),
});
export const slaTargetSchema = z.object({
  id: z.string(),
  key: z.string(),
  state: z.string(),
  overdue: z.boolean(),
  allowed: z.any(),
  stopsOn: z.string(),
  startsOn: z.union([z.string(), z.object({ event: z.string() })]),
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
export const timelineEntrySchema = z.object({
  id: z.string(),
  type: z.string(),
  at: z.string(),
  visibility: z.enum(['internal', 'customer']),
  actor: ref,
  body: z.record(z.string(), z.unknown()),
});
export const ticketDetailSchema = ticketSummarySchema.extend({
  description: z.string(),
  createdBy: z.string(),
  address: z.string().nullable(),
  assetId: z.string().nullable(),
  assetModel: z.string().nullable(),
  assetSerial: z.string().nullable(),
  purchaseDate: z.string().nullable(),
  requestedTime: z.string().nullable(),
  publicPostUrl: z.string().nullable(),
  mergedIntoId: z.string().nullable(),
  missingEssentials: z.array(z.string()),
  allowedTransitions: z.array(z.string()),
  slaTargets: z.array(slaTargetSchema),
  timeline: z.array(timelineEntrySchema),
});
export const ticketListSchema = z.object({
  items: z.array(ticketSummarySchema),
  total: z.number(),
  /** A word search counts up to 1,000 matches: true means "more than `total`". */
  totalCapped: z.boolean(),
  page: z.number(),
  pageSize: z.number(),
});
