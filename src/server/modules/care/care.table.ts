import { sql } from 'drizzle-orm';
import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  CARE_CHANNELS,
  CARE_OUTCOMES,
  CARE_PURPOSES,
  CARE_TASK_STATES,
  type CareRule,
} from '../../../domain/care';
import { organisationUnits, users } from '../org/org.table';

/**
 * A unit's own care rules (CARE-1): a shipped default overridden (same code) or a rule of its own.
 * Units below inherit them, nearest wins — like working calendars.
 */
export const careRules = pgTable(
  'care_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    code: text('code').notNull(),
    /** The whole rule as in force here (trigger, offset, channel, script, enabled…). */
    rule: jsonb('rule').$type<CareRule>().notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('care_rules_unit_code_key').on(t.unitId, t.code)],
);

/**
 * READ-ONLY since CARE-6: the standard answers to common objections moved into the knowledge base
 * (approved answers of kind 'objection'; the migration copied each row, keeping its id as the
 * article's id). Nothing reads or writes this table any more; it is kept as the record of the
 * answers before the move and may be dropped once the move is accepted.
 */
export const careObjections = pgTable(
  'care_objections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    ruleCode: text('rule_code'),
    objection: text('objection').notNull(),
    answer: text('answer').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('care_objections_unit_idx').on(t.unitId)],
);

/**
 * Care tasks (回访/关怀任务): one dated contact a rule asked for. customer_id, asset_id and
 * linked_ticket_id carry no foreign key: the tasks must not depend on the modules owning them.
 */
export const careTasks = pgTable(
  'care_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    customerId: uuid('customer_id').notNull(),
    assetId: uuid('asset_id'),
    ruleCode: text('rule_code').notNull(),
    ruleName: text('rule_name').notNull(),
    channel: text('channel', { enum: CARE_CHANNELS }).notNull(),
    purpose: text('purpose', { enum: CARE_PURPOSES }).notNull(),
    script: text('script').notNull(),
    messageTemplateCode: text('message_template_code'),
    surveyTemplateCode: text('survey_template_code'),
    /** Rule + subject + occurrence: the unique key that makes replays and re-runs add nothing (CARE-1). */
    occurrenceKey: text('occurrence_key').notNull(),
    sourceType: text('source_type').notNull(),
    sourceId: text('source_id').notNull(),
    /** The employee whose service is followed up (SAT-4 per employee), when known. */
    employeeId: uuid('employee_id'),
    /** SAT-1: the one person who makes this satisfaction call (the service's owner); null = anyone of the unit. */
    ownerId: uuid('owner_id').references(() => users.id),
    note: text('note'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** Local date of the first due time; with the customer it forms the CARE-3 merge group. */
    dueDate: date('due_date').notNull(),
    mergeKey: text('merge_key'),
    /** CARE-3: a same-day call of the same customer folded into this task. */
    mergedInto: uuid('merged_into'),
    state: text('state', { enum: CARE_TASK_STATES }).notNull().default('open'),
    stateReason: text('state_reason'),
    attempts: integer('attempts').notNull().default(0),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    claimedBy: uuid('claimed_by').references(() => users.id),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    outcome: text('outcome', { enum: CARE_OUTCOMES }),
    outcomeNote: text('outcome_note'),
    linkedTicketId: uuid('linked_ticket_id'),
    surveyInvitationId: uuid('survey_invitation_id'),
    messageId: uuid('message_id'),
    doneBy: uuid('done_by').references(() => users.id),
    doneAt: timestamp('done_at', { withTimezone: true }),
    /** CARE-1 retail: when a thank-you letter was actually sent (the second call counts from it). */
    letterSentAt: timestamp('letter_sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('care_tasks_occurrence_key').on(t.occurrenceKey),
    // The worklist: a unit's open tasks by due time.
    index('care_tasks_unit_state_due_idx').on(t.unitId, t.state, t.dueAt),
    index('care_tasks_customer_idx').on(t.customerId, t.createdAt),
    index('care_tasks_merge_idx')
      .on(t.mergeKey)
      .where(sql`${t.state} = 'open'`),
    index('care_tasks_merged_into_idx').on(t.mergedInto),
    // The notifications module's pass telling each owner their call is due (open tasks by due time).
    index('care_tasks_open_due_idx')
      .on(t.dueAt)
      .where(sql`${t.state} = 'open'`),
  ],
);

/** Every call attempt on a task, with its outcome (CARE-2, CARE-5). */
export const careAttempts = pgTable(
  'care_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => careTasks.id),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => users.id),
    outcome: text('outcome', { enum: CARE_OUTCOMES }).notNull(),
    note: text('note'),
    callBackAt: timestamp('call_back_at', { withTimezone: true }),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('care_attempts_task_idx').on(t.taskId, t.at)],
);

/**
 * Last visit per customer and last service per asset, from completed work orders: what inactivity
 * and maintenance rules count from.
 */
export const careVisits = pgTable(
  'care_visits',
  {
    customerId: uuid('customer_id').primaryKey(),
    lastVisitDate: date('last_visit_date').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('care_visits_date_idx').on(t.lastVisitDate)],
);

export const careAssetServices = pgTable('care_asset_services', {
  assetId: uuid('asset_id').primaryKey(),
  lastServiceDate: date('last_service_date').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** The last local day each unit's daily date-rule run finished: the next run catches up from it. */
export const careRuns = pgTable('care_runs', {
  unitId: uuid('unit_id')
    .primaryKey()
    .references(() => organisationUnits.id),
  lastRunDate: date('last_run_date').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * CARE-1: a vehicle/item left the shop (出厂) — one record per work order, by the front-desk service
 * advisor who handed it back; the 30-minute SMS names that advisor.
 */
export const careDepartures = pgTable('care_departures', {
  workOrderId: uuid('work_order_id').primaryKey(),
  unitId: uuid('unit_id')
    .notNull()
    .references(() => organisationUnits.id),
  advisorId: uuid('advisor_id')
    .notNull()
    .references(() => users.id),
  leftAt: timestamp('left_at', { withTimezone: true }).notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
});

/**
 * CARE-1 real estate: an estate/project (a unit of the organisation) and its main move-in date
 * (集中入住) — the one date the 3-month residence follow-up of every house there counts from.
 */
export const careEstates = pgTable('care_estates', {
  unitId: uuid('unit_id')
    .primaryKey()
    .references(() => organisationUnits.id),
  moveInDate: date('move_in_date').notNull(),
  updatedBy: uuid('updated_by')
    .notNull()
    .references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
