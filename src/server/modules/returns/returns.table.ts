import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { OrderLineFacts, ReturnDecision, ReturnPolicy } from '../../../domain/returns';
import { PACKAGING_STATES } from '../../../shared/orders';
import {
  INSPECTION_FINDINGS,
  REFUND_NOTICE_SKIPS,
  RETURN_KINDS,
  RETURN_REASONS,
  RETURN_STATES,
} from '../../../shared/returns';
import { approvalRequests } from '../approvals/approvals.table';
import { customers } from '../customers/customers.table';
import { orderLines, orders } from '../orders/orders.table';
import { workOrders } from '../workorders/workorders.table';
import { organisationUnits, users } from '../org/org.table';

/**
 * Return policy versions per unit (退换货政策). A version is never edited: a change is a new version
 * with a later start, so a decision taken under an earlier one can always be re-derived (RET-10).
 * A unit without versions follows the nearest unit above it that has some, then the shipped default.
 */
export const returnPolicies = pgTable(
  'return_policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    version: text('version').notNull(),
    effectiveFrom: timestamp('effective_from', { withTimezone: true }).notNull(),
    freeCancellationHours: integer('free_cancellation_hours').notNull(),
    cancellationFeePercent: integer('cancellation_fee_percent').notNull(),
    returnDays: integer('return_days').notNull(),
    onlineReturnDays: integer('online_return_days').notNull(),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('return_policies_unit_version_idx').on(t.unitId, t.version)],
);

/**
 * A cancellation, return or exchange request taken at the counter (取消订单申请单 / 退换货申请单).
 * `facts`, `policy` and `decision` are stored as they were when it was taken: the decision can be
 * re-derived from the first two at any time, whatever the policy has become since (RET-10).
 */
export const returnRequests = pgTable(
  'return_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    orderLineId: uuid('order_line_id')
      .notNull()
      .references(() => orderLines.id),
    customerId: uuid('customer_id').references(() => customers.id),
    kind: text('kind', { enum: RETURN_KINDS }).notNull(),
    reason: text('reason', { enum: RETURN_REASONS }).notNull(),
    reasonDetail: text('reason_detail').notNull(),
    solutionOffered: text('solution_offered'),
    inspection: text('inspection', { enum: INSPECTION_FINDINGS }),
    /** RET-7: the field-service work order that inspects a quality claim (opened with the request). */
    inspectionWorkOrderId: uuid('inspection_work_order_id').references(() => workOrders.id),
    /** Who inspected and when: the work order's technician at completion, or staff in the store. */
    inspectedBy: uuid('inspected_by').references(() => users.id),
    inspectedAt: timestamp('inspected_at', { withTimezone: true }),
    inspectedInStore: boolean('inspected_in_store').notNull().default(false),
    customerInsists: boolean('customer_insists').notNull(),
    packaging: text('packaging', { enum: PACKAGING_STATES }).notNull(),
    intact: boolean('intact').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    timeZone: text('time_zone').notNull(),
    facts: jsonb('facts').$type<OrderLineFacts>().notNull(),
    policyId: uuid('policy_id').references(() => returnPolicies.id),
    policy: jsonb('policy').$type<ReturnPolicy>().notNull(),
    decision: jsonb('decision').$type<ReturnDecision>().notNull(),
    refundFen: integer('refund_fen').notNull(),
    documents: text('documents').array().notNull(),
    signatureAttachmentId: uuid('signature_attachment_id'),
    signedOnPaper: boolean('signed_on_paper').notNull().default(false),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    state: text('state', { enum: RETURN_STATES }).notNull(),
    approvalId: uuid('approval_id').references(() => approvalRequests.id),
    serviceCentreNotifiedAt: timestamp('service_centre_notified_at', { withTimezone: true }),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    refundNotifiedAt: timestamp('refund_notified_at', { withTimezone: true }),
    // The refund SMS in the outbox (messages module), or why none was queued.
    refundNoticeMessageId: uuid('refund_notice_message_id'),
    refundNoticeSkipped: text('refund_notice_skipped', { enum: REFUND_NOTICE_SKIPS }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawReason: text('withdraw_reason'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('return_requests_unit_state_idx').on(t.unitId, t.state, t.createdAt),
    index('return_requests_order_idx').on(t.orderId),
    index('return_requests_inspection_work_order_idx').on(t.inspectionWorkOrderId),
  ],
);
