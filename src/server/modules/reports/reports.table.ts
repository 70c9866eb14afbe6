import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisationUnits, users } from '../org/org.table';
import { DELIVERABLE_REPORTS } from '../../../shared/reports';

/**
 * RPT-2 / RPT-3 / CMP-10 rollup, narrow (decision 0015): per unit × local day of intake × ticket
 * type, one row per breakdown the reports show and value in it — `channel`, `department` (the
 * responsible department's id; every ticket has exactly one row here, so it also gives the totals
 * and the split by type), and over complaint records only `cause`, `product`, `evaluation` (SAT-2)
 * and `nonconformity` (product-caused complaints; the value is the JSON array [product, defect,
 * cause]). Measures: tickets, of which complaints, product-caused, close-out assessed (CMP-5). One
 * unit-day is always rewritten whole by the refresh (reports.rollups.ts), so it has no key of its own.
 */
export const reportTicketDays = pgTable(
  'report_ticket_days',
  {
    unitId: uuid('unit_id').notNull(),
    day: date('day').notNull(),
    type: text('type').notNull(),
    dim: text('dim').notNull(),
    value: text('value'),
    tickets: integer('tickets').notNull(),
    complaints: integer('complaints').notNull(),
    productCaused: integer('product_caused').notNull(),
    assessed: integer('assessed').notNull(),
  },
  (t) => [index('report_ticket_days_unit_day_idx').on(t.unitId, t.day)],
);

/**
 * The same rows summed per report period (`period` is the first day of the period's label month,
 * '2026-03-01' for 26 Feb – 25 Mar) under the cut-off day in report_month_basis for the unit's
 * company. Always equal to the sum of its report_ticket_days rows: the refresh adds each rewritten
 * day's difference in the same statement, and rebuilds a company from the daily rows when its
 * cut-off day changed. Rows may hold zeros (a value that left the period).
 */
export const reportTicketMonths = pgTable(
  'report_ticket_months',
  {
    unitId: uuid('unit_id').notNull(),
    period: date('period').notNull(),
    type: text('type').notNull(),
    dim: text('dim').notNull(),
    value: text('value'),
    tickets: integer('tickets').notNull(),
    complaints: integer('complaints').notNull(),
    productCaused: integer('product_caused').notNull(),
    assessed: integer('assessed').notNull(),
  },
  (t) => [
    unique('report_ticket_months_key').on(t.unitId, t.period, t.type, t.dim, t.value).nullsNotDistinct(),
  ],
);

/** The cut-off day each company's report_ticket_months rows are summed under (one row per root unit). */
export const reportMonthBasis = pgTable('report_month_basis', {
  companyId: uuid('company_id').primaryKey(),
  cutOffDay: integer('cut_off_day').notNull(),
});

/**
 * RPT-3 rollup: ended (or breached) SLA target runs of tickets per unit × local day of the due time ×
 * ticket type × responsible department × step, counted on time or late (domain timelinessOutcome).
 */
export const reportSlaDaily = pgTable(
  'report_sla_daily',
  {
    unitId: uuid('unit_id').notNull(),
    day: date('day').notNull(),
    type: text('type').notNull(),
    departmentId: uuid('department_id'),
    step: text('step').notNull(),
    onTime: integer('on_time').notNull(),
    late: integer('late').notNull(),
  },
  (t) => [index('report_sla_daily_unit_day_idx').on(t.unitId, t.day)],
);

/**
 * SLA-9 hotline rollup: calls that rang, per unit × local day × local hour of ringing × agent (the
 * one who answered, else the extension it rang; null when unknown). Measures: offered (answered or
 * ended), answered, answered within the target (ANSWER_TARGET_SECONDS), abandoned (ended unanswered),
 * still ringing, the summed answer time in milliseconds (ringing → answered, never negative per call),
 * and the answered calls that ended with their summed talk seconds. Rewritten a unit-day at a time by
 * the same refresh as the ticket rollups (kind 'calls' in report_dirty_days, marked by row triggers
 * on contacts).
 */
export const reportCallHours = pgTable(
  'report_call_hours',
  {
    unitId: uuid('unit_id').notNull(),
    day: date('day').notNull(),
    hour: integer('hour').notNull(),
    agentId: uuid('agent_id'),
    offered: integer('offered').notNull(),
    answered: integer('answered').notNull(),
    answeredInTarget: integer('answered_in_target').notNull(),
    abandoned: integer('abandoned').notNull(),
    ringing: integer('ringing').notNull(),
    answerMs: bigint('answer_ms', { mode: 'number' }).notNull(),
    talked: integer('talked').notNull(),
    talkSeconds: bigint('talk_seconds', { mode: 'number' }).notNull(),
  },
  (t) => [index('report_call_hours_unit_day_idx').on(t.unitId, t.day)],
);

/**
 * Unit-days whose rollup rows are stale, appended by triggers on tickets, complaint_records and
 * sla_targets (and contacts, for the hotline) in the writing transaction. Append-only, no key, no index (each intake pays one heap
 * row, no sequence, no index entry, no upsert on a hot row); the refresh deletes exactly the rows
 * its statement saw (by ctid), so a row committed while it ran stays for the next pass.
 */
export const reportDirtyDays = pgTable('report_dirty_days', {
  kind: text('kind', { enum: ['tickets', 'sla', 'calls'] }).notNull(),
  unitId: uuid('unit_id').notNull(),
  day: date('day').notNull(),
});

/** One row: when the last refresh read the dirty queue ("数据截至"). */
export const reportRefreshState = pgTable('report_refresh_state', {
  id: text('id').primaryKey(),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull(),
  daysRefreshed: integer('days_refreshed').notNull(),
});

/** RPT-2: the company's cut-off day for monthly periods (one row per root unit; default 25). */
export const reportSettings = pgTable('report_settings', {
  unitId: uuid('unit_id')
    .primaryKey()
    .references(() => organisationUnits.id),
  cutOffDay: integer('cut_off_day').notNull(),
  updatedBy: uuid('updated_by')
    .notNull()
    .references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * RPT-2: the intake owner's written monthly analysis. Every save is a new version (never updated);
 * signing a version freezes it (signed_by/at are set once).
 */
export const reportAnalyses = pgTable(
  'report_analyses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    period: text('period').notNull(),
    version: integer('version').notNull(),
    body: text('body').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    signedBy: uuid('signed_by').references(() => users.id),
    signedAt: timestamp('signed_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('report_analyses_version_key').on(t.unitId, t.period, t.version)],
);

/** RPT-6: a report e-mailed as an Excel attachment every week or month. */
export const reportSubscriptions = pgTable(
  'report_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    report: text('report', { enum: DELIVERABLE_REPORTS }).notNull(),
    frequency: text('frequency', { enum: ['weekly', 'monthly'] }).notNull(),
    types: jsonb('types').$type<string[]>().notNull().default([]),
    recipients: jsonb('recipients').$type<string[]>().notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('report_subscriptions_unit_idx').on(t.unitId)],
);

/** A delivered subscription per period key, so a re-run job never mails twice. */
export const reportDeliveries = pgTable(
  'report_deliveries',
  {
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => reportSubscriptions.id, { onDelete: 'cascade' }),
    periodKey: text('period_key').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.subscriptionId, t.periodKey] })],
);
