import {
  bigserial,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import {
  RECTIFICATION_KINDS,
  TICKET_CHANNELS,
  TICKET_EVENT_TYPES,
  TICKET_ORIGINS,
  TICKET_PRIORITIES,
  TICKET_STATES,
  TICKET_TYPES,
} from '../../../domain/tickets';
import { customers } from '../customers/customers.table';
import { organisationUnits, users } from '../org/org.table';
import { salesChannels, teams } from '../routing/routing.table';

/** A ticket (工单): one case taken in on any channel (IN-1), typed (CL-1), routed, timed by the SLA engine. */
export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** T + local date + daily sequence of the unit; unique per unit (two units may both have T…00001). */
    number: text('number').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    customerId: uuid('customer_id').references(() => customers.id),
    type: text('type', { enum: TICKET_TYPES }).notNull(),
    rectificationKind: text('rectification_kind', { enum: RECTIFICATION_KINDS }),
    channel: text('channel', { enum: TICKET_CHANNELS }).notNull(),
    priority: text('priority', { enum: TICKET_PRIORITIES }).notNull().default('normal'),
    subject: text('subject').notNull(),
    description: text('description').notNull().default(''),
    state: text('state', { enum: TICKET_STATES }).notNull(),
    /** When the contact really came in (a letter that arrived yesterday); SLA counts from here. */
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    /**
     * 接诉人: owns the customer conversation and the SLA targets. Null when nobody on the staff took
     * the case in: a customer's survey answer opened it (intake_origin 'customer_survey').
     */
    intakeAgentId: uuid('intake_agent_id').references(() => users.id),
    intakeOrigin: text('intake_origin', { enum: TICKET_ORIGINS }).notNull().default('staff'),
    assigneeUserId: uuid('assignee_user_id').references(() => users.id),
    assigneeTeamId: uuid('assignee_team_id').references(() => teams.id),
    /** 责任部门: a unit of kind department. */
    assigneeDepartmentId: uuid('assignee_department_id').references(() => organisationUnits.id),
    salesChannelId: uuid('sales_channel_id').references(() => salesChannels.id),
    contactPhone: text('contact_phone'),
    address: text('address'),
    /** The asset as the customer described it; asset_id links the archive record once there is one. */
    assetId: uuid('asset_id'),
    assetModel: text('asset_model'),
    assetSerial: text('asset_serial'),
    purchaseDate: date('purchase_date'),
    requestedTime: text('requested_time'),
    /** IN-9: link to the public post the complaint came from. */
    publicPostUrl: text('public_post_url'),
    mergedIntoId: uuid('merged_into_id'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    /**
     * The earliest due time of the ticket's running SLA targets — what SLA-driven queues sort by.
     * Kept by a trigger on sla_targets (migration 0016), whoever changes the targets.
     */
    nextDueAt: timestamp('next_due_at', { withTimezone: true }),
    /**
     * SLA-8: the earliest instant one of the ticket's on-track or at-risk targets is at risk (for a
     * target the scan already marked at risk, no later than its creation), so "at risk now" is
     * `at_risk_from <= now` on the ticket itself. Kept by the same trigger as next_due_at.
     */
    atRiskFrom: timestamp('at_risk_from', { withTimezone: true }),
    /** jieba tokens of number, subject, description and phone, for to_tsvector('simple', …). */
    searchText: text('search_text').notNull().default(''),
  },
  (t) => [
    uniqueIndex('tickets_unit_number_key').on(t.unitId, t.number),
    // Number look-ups use tickets_number_prefix_idx (text_pattern_ops, migration 0011), which serves equality too.
    // "My queue": a person's open tickets, oldest intake first.
    index('tickets_assignee_state_idx').on(t.assigneeUserId, t.state, t.receivedAt),
    index('tickets_intake_agent_state_idx').on(t.intakeAgentId, t.state),
    index('tickets_team_state_idx').on(t.assigneeTeamId, t.state),
    index('tickets_department_state_idx').on(t.assigneeDepartmentId, t.state),
    index('tickets_unit_state_created_idx').on(t.unitId, t.state, t.createdAt),
    index('tickets_unit_received_idx').on(t.unitId, t.receivedAt),
    // KB-3: similar past cases while an agent types — a store's resolved and closed tickets, newest
    // first, without walking past its open ones (issue 19 at 1,000,000 tickets).
    index('tickets_done_unit_received_idx')
      .on(t.unitId, t.receivedAt)
      .where(sql`state in ('resolved', 'closed')`),
    index('tickets_customer_idx').on(t.customerId),
    // A capped word search finds its page among the newest tickets (decision 0007).
    index('tickets_received_idx').on(t.receivedAt),
    // RPT-1: the dashboard counts open tickets by type, state and SLA at millions of tickets; open
    // tickets are a small share of all, so this partial index holds only them (index-only counts).
    index('tickets_open_idx')
      .on(t.type, t.state, t.nextDueAt, t.unitId, t.assigneeDepartmentId)
      .where(sql`state in ('new', 'assigned', 'in_progress', 'waiting_department', 'pending_customer')`),
    // RPT-1 "due today": open tickets whose next due time lies around now, index-only.
    index('tickets_open_next_due_idx')
      .on(t.nextDueAt, t.unitId, t.type, t.assigneeDepartmentId)
      .where(
        sql`state in ('new', 'assigned', 'in_progress', 'waiting_department', 'pending_customer') and next_due_at is not null`,
      ),
    // RPT-1 / SLA-8 "at risk": open tickets with a target at risk by now, index-only.
    index('tickets_open_at_risk_idx')
      .on(t.atRiskFrom, t.nextDueAt, t.unitId, t.type, t.assigneeDepartmentId)
      .where(
        sql`state in ('new', 'assigned', 'in_progress', 'waiting_department', 'pending_customer') and at_risk_from is not null`,
      ),
  ],
);

export { TICKET_EVENT_TYPES, type TicketEventType } from '../../../domain/tickets';

/** The ticket's timeline; `visibility` says whether the customer may ever see the entry. */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    type: text('type', { enum: TICKET_EVENT_TYPES }).notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    visibility: text('visibility', { enum: ['internal', 'customer'] }).notNull(),
    body: jsonb('body').$type<Record<string, unknown>>().notNull(),
    /** Insertion order: several entries written in one action share `at` and must keep their order. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
  },
  (t) => [index('ticket_events_ticket_idx').on(t.ticketId, t.at)],
);

/** Daily ticket-number sequence per unit, taken with INSERT … ON CONFLICT DO UPDATE … RETURNING. */
export const ticketNumberCounters = pgTable(
  'ticket_number_counters',
  {
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    localDate: text('local_date').notNull(),
    lastValue: integer('last_value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.localDate] })],
);

/** IN-10: a create retried with the same key by the same person answers with the same ticket. */
export const ticketIdempotencyKeys = pgTable(
  'ticket_idempotency_keys',
  {
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.actorId, t.key] }),
    index('ticket_idempotency_keys_created_idx').on(t.createdAt),
  ],
);
