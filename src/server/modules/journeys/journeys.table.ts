import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { JourneyTemplate } from '../../../domain/journeys';
import { approvalRequests } from '../approvals/approvals.table';
import { customers } from '../customers/customers.table';
import { orders } from '../orders/orders.table';
import { organisationUnits, users } from '../org/org.table';
import { workOrders } from '../workorders/workorders.table';

/**
 * Journey template versions (JRN-1…8). A version is never edited: a change is a new version of the
 * same code, and a running journey keeps the version it started with. The shipped templates are
 * seeded as version 1 the first time templates are needed.
 */
export const journeyTemplates = pgTable(
  'journey_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    version: integer('version').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    definition: jsonb('definition').$type<JourneyTemplate>().notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('journey_templates_code_version_idx').on(t.code, t.version)],
);

/** A payment of a journey: its share of the contract, when it fell due and when it was received. */
export interface JourneyPayment {
  key: string;
  stage: string;
  amountFen: number;
  dueAt: string | null;
  receivedFen: number | null;
  receivedAt: string | null;
}

/** One stage a journey went through: entered, due, left (null while it is the current one). */
export interface JourneyStageEntry {
  stage: string;
  enteredAt: string;
  dueAt: string | null;
  leftAt: string | null;
  answer?: boolean | null;
  leftBy?: string | null;
}

/** A journey closed without finishing (终止): why, by whom, from which stage, what became of deposits. */
export interface JourneyCancellation {
  reason: string;
  by: string;
  stage: string;
  deposits: { stage: string; amountFen: number; outcome: 'forfeited' | 'credited_to_project' }[];
}

/** A customer's running (or finished) journey on one template version. */
export const journeys = pgTable(
  'journeys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    orderId: uuid('order_id').references(() => orders.id),
    templateId: uuid('template_id')
      .notNull()
      .references(() => journeyTemplates.id),
    templateCode: text('template_code').notNull(),
    templateVersion: integer('template_version').notNull(),
    /** The current stage; null once the journey is finished. */
    stage: text('stage'),
    stageEnteredAt: timestamp('stage_entered_at', { withTimezone: true }).notNull(),
    /** When the current stage is due (SLA engine or lead time), copied here for lists and filters. */
    stageDueAt: timestamp('stage_due_at', { withTimezone: true }),
    forms: text('forms').array().notNull(),
    fields: jsonb('fields').$type<Record<string, unknown>>().notNull(),
    documents: text('documents').array().notNull(),
    approvals: text('approvals').array().notNull(),
    contractFen: integer('contract_fen'),
    payments: jsonb('payments').$type<JourneyPayment[]>().notNull(),
    history: jsonb('history').$type<JourneyStageEntry[]>().notNull(),
    note: text('note'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** Set when the journey was closed without finishing (finishedAt is set too). */
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancellation: jsonb('cancellation').$type<JourneyCancellation>(),
    /** JRN-1: the work order whose acceptance left the items this leftover journey follows up (one journey each). */
    sourceWorkOrderId: uuid('source_work_order_id').references(() => workOrders.id),
  },
  (t) => [
    uniqueIndex('journeys_source_work_order_idx').on(t.sourceWorkOrderId),
    index('journeys_unit_template_idx').on(t.unitId, t.templateCode, t.stage),
    index('journeys_customer_idx').on(t.customerId),
    index('journeys_due_idx').on(t.stageDueAt),
  ],
);

/** An approval a journey stage asks for, run by the approval engine (one request per row). */
export const journeyApprovals = pgTable(
  'journey_approvals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    journeyId: uuid('journey_id')
      .notNull()
      .references(() => journeys.id),
    key: text('key').notNull(),
    stage: text('stage').notNull(),
    approvalId: uuid('approval_id').references(() => approvalRequests.id),
    status: text('status', { enum: ['pending', 'approved', 'sent_back', 'withdrawn'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('journey_approvals_journey_key_idx').on(t.journeyId, t.key)],
);

/**
 * A ticket or work order linked to a journey (from one of its stages, or by the JRN-1 hook): the
 * journey page lists them and the ticket or work order shows its journeys.
 */
export const journeyLinks = pgTable(
  'journey_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    journeyId: uuid('journey_id')
      .notNull()
      .references(() => journeys.id),
    subjectType: text('subject_type', { enum: ['ticket', 'work_order'] }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    /** The stage the journey was in when linked (null once finished). */
    stage: text('stage'),
    linkedBy: uuid('linked_by').references(() => users.id),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('journey_links_journey_subject_idx').on(t.journeyId, t.subjectType, t.subjectId),
    index('journey_links_subject_idx').on(t.subjectType, t.subjectId),
  ],
);
