import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ApprovalStage } from '../../../domain/approvals';
import { APPROVAL_STATUSES } from '../../../shared/approvals';
import { organisationUnits, users } from '../org/org.table';

/**
 * Chain rules (审批流程) per unit: a rule at a unit applies to its subtree, the deepest unit's rules
 * are tried first, in `position` order; the first that fits the request (kind, amount, unit kind)
 * decides its stages. Shipped defaults are seeded at the root the first time they are needed.
 */
export const approvalChains = pgTable(
  'approval_chains',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    kind: text('kind').notNull(),
    position: integer('position').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    minAmountFen: integer('min_amount_fen'),
    maxAmountFen: integer('max_amount_fen'),
    unitKinds: text('unit_kinds').array(),
    stages: jsonb('stages').$type<ApprovalStage[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('approval_chains_unit_idx').on(t.unitId, t.position)],
);

/**
 * One request for approval of one subject (a return request, later a quote…). The stages are copied
 * from the chain when it is opened, so editing a chain never changes a request under way.
 */
export const approvalRequests = pgTable(
  'approval_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    amountFen: integer('amount_fen'),
    requesterId: uuid('requester_id')
      .notNull()
      .references(() => users.id),
    chainId: uuid('chain_id').references(() => approvalChains.id),
    stages: jsonb('stages').$type<ApprovalStage[]>().notNull(),
    status: text('status', { enum: APPROVAL_STATUSES }).notNull(),
    round: integer('round').notNull(),
    /**
     * The stage waited on and the roles still awaited there, kept by the engine with every move
     * (null / empty once the request is no longer pending), so the inbox filters in SQL.
     */
    currentStage: text('current_stage'),
    awaitedRoles: text('awaited_roles').array().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('approval_requests_subject_idx').on(t.subjectType, t.subjectId),
    // The inbox: pending requests whose awaited roles meet the caller's.
    index('approval_requests_awaited_idx').using('gin', t.awaitedRoles),
    index('approval_requests_status_idx').on(t.status, t.unitId),
    index('approval_requests_requester_idx').on(t.requesterId, t.status),
  ],
);

/** Every decision taken on a request, in order: the approval sheet and its audit. */
export const approvalSteps = pgTable(
  'approval_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => approvalRequests.id),
    round: integer('round').notNull(),
    stage: text('stage').notNull(),
    role: text('role').notNull(),
    decision: text('decision', { enum: ['approved', 'sent_back'] }).notNull(),
    by: uuid('by')
      .notNull()
      .references(() => users.id),
    onBehalfOf: uuid('on_behalf_of').references(() => users.id),
    reason: text('reason'),
    /** A send-back to an earlier stage (CMP-5: one stage back): that stage's key; null: to the requester. */
    returnedTo: text('returned_to'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('approval_steps_request_idx').on(t.requestId, t.at)],
);

/** A delegate stands in for an approver who is away (holiday, business trip) between two instants. */
export const approvalDelegations = pgTable(
  'approval_delegations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fromUserId: uuid('from_user_id')
      .notNull()
      .references(() => users.id),
    toUserId: uuid('to_user_id')
      .notNull()
      .references(() => users.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('approval_delegations_to_idx').on(t.toUserId, t.endsAt)],
);
