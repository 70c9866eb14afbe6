import { sql } from 'drizzle-orm';
import {
  boolean,
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
import type { SatisfactionLevel, SurveyAnswers, SurveyQuestion } from '../../../domain/surveys';
import { customers } from '../customers/customers.table';
import { organisationUnits, users } from '../org/org.table';

/**
 * A unit's own survey template (SAT-3). Shipped templates live in code (domain/surveys); a row here
 * overrides the shipped one of the same code for the unit and every unit below it.
 */
export const surveyTemplates = pgTable(
  'survey_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** The version new invitations use; older versions stay for the invitations that used them. */
    currentVersion: integer('current_version').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (t) => [uniqueIndex('survey_templates_unit_code_uq').on(t.unitId, t.code)],
);

/** Every saved version of a template's questions; a version is never changed once saved. */
export const surveyTemplateVersions = pgTable(
  'survey_template_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => surveyTemplates.id),
    version: integer('version').notNull(),
    questions: jsonb('questions').$type<SurveyQuestion[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by').references(() => users.id),
  },
  (t) => [uniqueIndex('survey_template_versions_uq').on(t.templateId, t.version)],
);

/**
 * One request to one customer to answer one survey (SAT-3). The questions are copied in, so the
 * customer answers exactly what was sent even if the template changes afterwards.
 */
export const surveyInvitations = pgTable(
  'survey_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    customerId: uuid('customer_id').references(() => customers.id),
    templateCode: text('template_code').notNull(),
    /** Null when the shipped template was used. */
    templateVersionId: uuid('template_version_id').references(() => surveyTemplateVersions.id),
    title: text('title').notNull(),
    questions: jsonb('questions').$type<SurveyQuestion[]>().notNull(),
    subjectType: text('subject_type', { enum: ['ticket', 'workorder', 'care_task'] }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    /** Whose service is rated (SAT-4 per employee). */
    employeeId: uuid('employee_id').references(() => users.id),
    delivery: text('delivery', { enum: ['call', 'sms', 'email', 'portal'] }).notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    /** The outbox message that carried the link (sms / email). */
    messageId: uuid('message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('survey_invitations_idempotency_uq').on(t.idempotencyKey),
    index('survey_invitations_subject_idx').on(t.subjectType, t.subjectId),
    index('survey_invitations_unit_created_idx').on(t.unitId, t.createdAt),
  ],
);

/** The customer's answers; the unique invitation id is what makes "one response per invitation" hold. */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    invitationId: uuid('invitation_id')
      .notNull()
      .references(() => surveyInvitations.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    employeeId: uuid('employee_id').references(() => users.id),
    templateCode: text('template_code').notNull(),
    answers: jsonb('answers').$type<SurveyAnswers>().notNull(),
    csat: integer('csat'),
    nps: integer('nps'),
    satisfaction: text('satisfaction').$type<SatisfactionLevel>(),
    comment: text('comment'),
    detractor: boolean('detractor').notNull(),
    /** The agent who filled it in during a call; null when the customer answered the link. */
    recordedBy: uuid('recorded_by').references(() => users.id),
    respondedAt: timestamp('responded_at', { withTimezone: true }).notNull(),
    /** The follow-up ticket a detractor opened. */
    followUpTicketId: uuid('follow_up_ticket_id'),
  },
  (t) => [
    uniqueIndex('survey_responses_invitation_uq').on(t.invitationId),
    index('survey_responses_unit_time_idx').on(t.unitId, t.respondedAt),
    index('survey_responses_employee_time_idx')
      .on(t.employeeId, t.respondedAt)
      .where(sql`${t.employeeId} is not null`),
  ],
);

/** SAT-4: one Monday summary per unit and reporting week, never two. */
export const surveyWeeklySummaries = pgTable(
  'survey_weekly_summaries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    week: text('week').notNull(),
    periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
    periodEnd: timestamp('period_end', { withTimezone: true }).notNull(),
    summary: jsonb('summary').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('survey_weekly_summaries_unit_week_uq').on(t.unitId, t.week)],
);

/**
 * SAT-4 / RPT-5: the improvement plan of a unit's monthly satisfaction report — each action (what,
 * who, by when) tracked until it is done or dropped. Every change is audited.
 */
export const satisfactionImprovementActions = pgTable(
  'satisfaction_improvement_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    /** The report period it answers ('YYYY-MM', cut on the 25th like RPT-2). */
    period: text('period').notNull(),
    action: text('action').notNull(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    dueDate: date('due_date').notNull(),
    state: text('state', { enum: ['open', 'in_progress', 'done', 'cancelled'] }).notNull(),
    note: text('note'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('satisfaction_improvement_actions_unit_period_idx').on(t.unitId, t.period)],
);
