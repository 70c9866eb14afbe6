import {
  doublePrecision,
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
import type { QualityFormItem } from '../../../domain/reports';
import { organisationUnits, users } from '../org/org.table';

/**
 * RPT-7 scoring forms (质检评分表), one row per version: saving a form adds a version and never edits
 * one, so a review keeps pointing at the form it was scored on. A form set on a unit applies to the
 * units below it unless one of them has its own.
 */
export const qualityForms = pgTable(
  'quality_forms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    version: integer('version').notNull(),
    items: jsonb('items').$type<QualityFormItem[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** Null for the shipped default, written the first time a unit without a form scores. */
    createdBy: uuid('created_by').references(() => users.id),
  },
  (t) => [uniqueIndex('quality_forms_unit_version_key').on(t.unitId, t.version)],
);

/**
 * RPT-7 one review of one handled ticket or follow-up call: sampled, scored item by item, at most
 * one appeal by the agent, decided by another supervisor. One review per subject, so drawing an
 * overlapping period again never reviews the same work twice.
 */
export const qualityReviews = pgTable(
  'quality_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    subjectType: text('subject_type', { enum: ['ticket', 'follow_up'] }).notNull(),
    /** A ticket or a care task; other modules' rows, so no foreign key. */
    subjectId: uuid('subject_id').notNull(),
    /** The ticket number or the follow-up's rule name, as it read when drawn. */
    subjectLabel: text('subject_label').notNull(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason', { enum: ['complaint', 'dissatisfied', 'random'] }).notNull(),
    state: text('state', { enum: ['sampled', 'scored', 'appealed', 'upheld', 'revised'] }).notNull(),
    /** When the work was done (resolved, or the follow-up finished): decides its report month. */
    handledAt: timestamp('handled_at', { withTimezone: true }).notNull(),
    /** 'YYYY-MM': the report month of handledAt (cut on the company's cut-off day, RPT-2). */
    month: text('month').notNull(),
    sampledBy: uuid('sampled_by')
      .notNull()
      .references(() => users.id),
    sampledAt: timestamp('sampled_at', { withTimezone: true }).notNull(),
    formId: uuid('form_id').references(() => qualityForms.id),
    reviewerId: uuid('reviewer_id').references(() => users.id),
    scoredAt: timestamp('scored_at', { withTimezone: true }),
    points: jsonb('points').$type<Record<string, number>>(),
    itemComments: jsonb('item_comments').$type<Record<string, string>>().notNull().default({}),
    comment: text('comment'),
    percent: doublePrecision('percent'),
    appealReason: text('appeal_reason'),
    appealedAt: timestamp('appealed_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionComment: text('decision_comment'),
    revisedPoints: jsonb('revised_points').$type<Record<string, number>>(),
    revisedItemComments: jsonb('revised_item_comments').$type<Record<string, string>>(),
    /** The score that counts: the revised one after an accepted appeal, otherwise the first. */
    finalPercent: doublePrecision('final_percent'),
  },
  (t) => [
    uniqueIndex('quality_reviews_subject_key').on(t.subjectType, t.subjectId),
    index('quality_reviews_unit_month_idx').on(t.unitId, t.month),
    index('quality_reviews_agent_month_idx').on(t.agentId, t.month),
  ],
);

/**
 * RPT-7 the agent's monthly quality figures, kept in the same transaction as each score, appeal and
 * decision, so the figures page reads one row per agent instead of adding up reviews.
 */
export const qualityAgentMonths = pgTable(
  'quality_agent_months',
  {
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => users.id),
    month: text('month').notNull(),
    reviews: integer('reviews').notNull(),
    percentSum: doublePrecision('percent_sum').notNull(),
    appeals: integer('appeals').notNull(),
    appealsRevised: integer('appeals_revised').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.agentId, t.month] })],
);
