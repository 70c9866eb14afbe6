/**
 * The tickets API (工单, docs/api-tickets.md): its enums, labels, request and response schemas.
 * The enums are the domain's own lists (CL-1 types, IN-1 channels, states); this file only gives
 * them a schema, a type for the web and their names in both languages.
 */
import { z } from 'zod';
import {
  RECTIFICATION_KINDS,
  REPLY_KINDS,
  TICKET_CHANNELS,
  TICKET_EVENT_TYPES,
  TICKET_MILESTONE_KINDS,
  TICKET_ORIGINS,
  TICKET_PRIORITIES,
  TICKET_STATES,
  TICKET_TYPES,
  missingEssentials,
  type Essential,
  type TicketMilestone,
} from '../domain/tickets';
import type { Labels } from './common';
import { namedSchema, phoneText } from './common';
import { slaSummaryStateSchema, slaTargetSchema } from './sla';

export {
  OPEN_TICKET_STATES,
  RECTIFICATION_KINDS,
  TICKET_CHANNELS,
  TICKET_EVENT_TYPES,
  TICKET_PRIORITIES,
  TICKET_STATES,
  TICKET_TYPES,
} from '../domain/tickets';

export const ticketTypeSchema = z.enum(TICKET_TYPES);
export type TicketType = z.infer<typeof ticketTypeSchema>;
export const rectificationKindSchema = z.enum(RECTIFICATION_KINDS);
export type RectificationKind = z.infer<typeof rectificationKindSchema>;
export const ticketChannelSchema = z.enum(TICKET_CHANNELS);
export type TicketChannel = z.infer<typeof ticketChannelSchema>;
export const ticketPrioritySchema = z.enum(TICKET_PRIORITIES);
export type TicketPriority = z.infer<typeof ticketPrioritySchema>;
export const ticketStateSchema = z.enum(TICKET_STATES);
export type TicketState = z.infer<typeof ticketStateSchema>;

/** CL-1 ticket types by name: written once in the glossary (one name for each thing). */
export { TICKET_TYPE_LABELS } from './glossary';

/** IN-1 intake channels by name, as the web and the Excel export show them. */
export const TICKET_CHANNEL_LABELS: Labels<TicketChannel> = {
  phone: { zh: '电话', en: 'Phone' },
  hotline_400: { zh: '400 热线', en: '400 hotline' },
  walk_in: { zh: '来访', en: 'Walk-in' },
  letter: { zh: '来函', en: 'Letter' },
  web_form: { zh: '网站留言', en: 'Web form' },
  im_wechat: { zh: '微信', en: 'WeChat' },
  im_qq: { zh: 'QQ 消息', en: 'QQ' },
  im_wangwang: { zh: '旺旺', en: 'Wangwang' },
  forum_post: { zh: '论坛/网帖', en: 'Forum post' },
  sms: { zh: '短信', en: 'SMS' },
  ecommerce_dispute: { zh: '电商平台纠纷', en: 'E-commerce dispute' },
  on_site: { zh: '现场', en: 'On site' },
  email: { zh: '电子邮件', en: 'E-mail' },
};

/** Ticket states by name, as the web and the Excel export show them. */
export const TICKET_STATE_LABELS: Labels<TicketState> = {
  new: { zh: '新建', en: 'New' },
  assigned: { zh: '已分派', en: 'Assigned' },
  in_progress: { zh: '处理中', en: 'In progress' },
  waiting_department: { zh: '待部门回复', en: 'Waiting for department' },
  pending_customer: { zh: '待客户回复', en: 'Waiting for customer' },
  resolved: { zh: '已解决', en: 'Resolved' },
  closed: { zh: '已关闭', en: 'Closed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  merged: { zh: '已合并', en: 'Merged' },
};

/** The saved views of the queue (GET /tickets?view=). */
export const TICKET_VIEWS = ['my_queue', 'due_today', 'breached', 'at_risk', 'waiting_department'] as const;
export type TicketView = (typeof TICKET_VIEWS)[number];

/** The states a person may move a ticket to by hand (assigned and merged have their own actions). */
export const TRANSITION_TARGETS = [
  'in_progress',
  'waiting_department',
  'pending_customer',
  'resolved',
  'closed',
  'cancelled',
] as const;

/** IN-4: facts a repair, installation or return needs before it can be dispatched. */
export const ESSENTIAL_FIELDS = ['contactPhone', 'address', 'assetModel', 'purchaseDate'] as const;
export type EssentialField = (typeof ESSENTIAL_FIELDS)[number];
const _essentialsMatchDomain: readonly Essential[] = ESSENTIAL_FIELDS;
void _essentialsMatchDomain;

/** IN-4: the types whose intake asks for those facts (the domain's rule, asked of an empty intake). */
export const TYPES_WITH_ESSENTIALS: readonly TicketType[] = TICKET_TYPES.filter(
  (type) =>
    missingEssentials({ type, contactPhone: null, address: null, assetModel: null, purchaseDate: null })
      .length > 0,
);

// ---- Requests -------------------------------------------------------------------------------

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional();
const phone = phoneText;
const instant = z.iso.datetime({ offset: true });

/** What an agent may fill in at intake and correct later: the case's details. */
const ticketDetailFields = {
  description: text(10_000).optional(),
  priority: ticketPrioritySchema.optional(),
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
  channel: ticketChannelSchema,
  subject: text(200).min(1),
  receivedAt: instant.optional(),
  salesChannelId: z.uuid().nullable().optional(),
  /**
   * IN-2, IN-3: the telephony call id of the call this ticket is taken from. The call-log row gets
   * the ticket, and without a typed contactPhone the ticket keeps the number that called (which the
   * agent's screen may only show masked).
   */
  callId: z.string().trim().min(1).max(100).optional(),
  /**
   * 受理并办结 (CL-2, SLA-3): the answer given on the spot to a direct consultation; the ticket is
   * answered and closed in the same step, so no time limit is left running.
   */
  answerOnIntake: text(10_000).min(1).optional(),
  /**
   * CL-2: the approved answer (KB-1) the direct consultation is answered from. Required to close at
   * intake; the reply must contain its text (the agent may add a greeting), and its use is recorded
   * with the ticket. Without `answerOnIntake` the approved text itself is the reply.
   */
  answerArticleId: z.uuid().optional(),
});
export type CreateTicketInput = z.infer<typeof createTicketBody>;

// Unit, type (CL-5 re-classifies), channel and intake time are facts of the intake, not edits.
export const updateTicketBody = z.strictObject({
  ...ticketDetailFields,
  subject: text(200).min(1).optional(),
});
export type UpdateTicketInput = z.infer<typeof updateTicketBody>;

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
export const transitionBody = z.strictObject({
  to: z.enum(TRANSITION_TARGETS),
  reason: optionalText(500),
  /** CL-2: the approved answer a direct consultation was answered from (else the one last inserted). */
  answerArticleId: z.uuid().optional(),
});
export const mergeBody = z.strictObject({ intoTicketId: z.uuid() });

// ---- Responses ------------------------------------------------------------------------------

const ref = namedSchema.nullable();
export const ticketCustomerSchema = z.object({
  id: z.string(),
  name: z.string(),
  specialAttention: z.boolean(),
});
export type TicketCustomer = z.infer<typeof ticketCustomerSchema>;

export const ticketSummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  unit: namedSchema,
  type: ticketTypeSchema,
  rectificationKind: rectificationKindSchema.nullable(),
  channel: ticketChannelSchema,
  priority: ticketPrioritySchema,
  subject: z.string(),
  state: ticketStateSchema,
  customerId: z.string().nullable(),
  /** The linked customer as lists show it; special-attention customers are shown in red. */
  customer: ticketCustomerSchema.nullable(),
  /** Masked (138****5678) for roles without customers.phone.unmask at the ticket's unit (CUS-4). */
  contactPhone: z.string().nullable(),
  /** Null when no member of staff took the case in: `intakeOrigin` says who did (a customer's survey answer). */
  intakeAgent: ref,
  intakeOrigin: z.enum(TICKET_ORIGINS),
  assigneeUser: ref,
  assigneeTeam: ref,
  assigneeDepartment: ref,
  salesChannel: ref,
  receivedAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  sla: z.object({ state: slaSummaryStateSchema, nextDueAt: z.string().nullable() }),
});
export type TicketSummary = z.infer<typeof ticketSummarySchema>;

export { slaTargetSchema };

/** What a timeline entry records: created, assigned, reply, state_changed… (the domain's list). */
export const ticketEventTypeSchema = z.enum(TICKET_EVENT_TYPES);
export type TicketEventType = z.infer<typeof ticketEventTypeSchema>;

export const timelineEntrySchema = z.object({
  id: z.string(),
  type: ticketEventTypeSchema,
  at: z.string(),
  visibility: z.enum(['internal', 'customer']),
  actor: ref,
  body: z.record(z.string(), z.unknown()),
});
export type TimelineEvent = z.infer<typeof timelineEntrySchema>;

/**
 * ORG-1 per ticket: what this person may do on this ticket now, computed by the server from their
 * grants at the ticket's unit (or the department it is routed to) and the ticket's state. The web
 * shows a button only when its entry is true; the server still checks every request.
 */
export const ticketCanSchema = z.object({
  /** Edit the case's details, add notes, tasks and attachments. */
  edit: z.boolean(),
  note: z.boolean(),
  reply: z.boolean(),
  milestone: z.boolean(),
  assign: z.boolean(),
  reclassify: z.boolean(),
  merge: z.boolean(),
  /** Move the ticket by hand to one of `allowedTransitions`. */
  transition: z.boolean(),
  resolve: z.boolean(),
  close: z.boolean(),
  reopen: z.boolean(),
  cancel: z.boolean(),
});
export type TicketCan = z.infer<typeof ticketCanSchema>;

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
  missingEssentials: z.array(z.enum(ESSENTIAL_FIELDS)),
  allowedTransitions: z.array(ticketStateSchema),
  can: ticketCanSchema,
  slaTargets: z.array(slaTargetSchema),
  timeline: z.array(timelineEntrySchema),
});
export type TicketDetail = z.infer<typeof ticketDetailSchema>;

export const ticketListSchema = z.object({
  items: z.array(ticketSummarySchema),
  total: z.number(),
  /** A word search counts up to 1,000 matches: true means "more than `total`". */
  totalCapped: z.boolean(),
  page: z.number(),
  pageSize: z.number(),
});
