import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { SLA_TARGET_STATES, type SlaEndReason, type SlaPause, type SlaTarget } from '../../../domain/sla';
import { organisationUnits, users } from '../org/org.table';

/** Per-unit SLA policy overrides by ticket type (and optionally priority); absent = inherit. */
export const slaPolicies = pgTable(
  'sla_policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    ticketType: text('ticket_type').notNull(),
    priority: text('priority'),
    targets: jsonb('targets').$type<SlaTarget[]>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('sla_policies_unit_type_priority_key').on(
      t.unitId,
      t.ticketType,
      sql`coalesce(${t.priority}, '')`,
    ),
  ],
);

/**
 * Lifecycle of a target row: the states and what they mean live in the domain
 * (domain/sla/sla.target-states.ts). Every run ends (SLA-10): met, met_late, or ended with an
 * `end_reason` (its subject closed, cancelled or merged; type changed).
 */
export type SlaTargetRowState = (typeof SLA_TARGET_STATES)[number];

/** One running SLA target of a subject (ticket, work order…). */
export const slaTargets = pgTable(
  'sla_targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    key: text('key').notNull(),
    position: integer('position').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    ticketType: text('ticket_type').notNull(),
    // The policy's target as it was when started, so a later policy edit does not move promises made.
    definition: jsonb('definition').$type<SlaTarget>().notNull(),
    intakeAt: timestamp('intake_at', { withTimezone: true }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    committedAt: timestamp('committed_at', { withTimezone: true }),
    dueAt: timestamp('due_at', { withTimezone: true }),
    atRiskAt: timestamp('at_risk_at', { withTimezone: true }),
    secondBreachAt: timestamp('second_breach_at', { withTimezone: true }),
    state: text('state', { enum: SLA_TARGET_STATES }).notNull(),
    metAt: timestamp('met_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: text('end_reason').$type<SlaEndReason>(),
    pauses: jsonb('pauses').$type<SlaPause[]>().notNull().default([]),
    ownerId: uuid('owner_id').references(() => users.id),
    supervisorId: uuid('supervisor_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // The scheduler's scan: open targets whose at-risk / due / second-breach instant has passed.
    index('sla_targets_state_due_idx').on(t.state, t.dueAt),
    index('sla_targets_state_at_risk_idx').on(t.state, t.atRiskAt),
    index('sla_targets_state_second_breach_idx').on(t.state, t.secondBreachAt),
    index('sla_targets_subject_idx').on(t.subjectType, t.subjectId),
    index('sla_targets_unit_idx').on(t.unitId),
    // The RPT-3 rollup's recount of a unit-day (reports.rollups.ts, decision 0015) and the
    // assessment's list of late runs per unit and state, newest due first: only runs that count
    // (met, late, ended), so a new running target at intake adds no entry.
    index('sla_targets_report_state_due_idx')
      .on(t.unitId, t.state, t.dueAt)
      .where(sql`subject_type = 'ticket' and state in ('met', 'met_late', 'breached', 'escalated', 'ended')`),
  ],
);
