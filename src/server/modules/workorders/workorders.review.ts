/**
 * After the visit and around it: the supervisor's next-working-day check of the signed form (REP-7),
 * closing the order, cancelling it, the pre-visit approvals of complaint-driven orders (REP-8,
 * CMP-4) and a person's choice of the service class over the proposal (PAY-2).
 */
import { can } from '../../../domain/permissions';
import { isSettled, type ServiceClass } from '../../../domain/workorders';
import type { Actor, Deps } from '../../app/context';
import { publishBusinessEvent } from '../../app/business-events';
import { authErrors } from '../auth/auth.errors';
import { revokeCustomerLinks } from '../customer-links/customer-links.service';
import { endTargets } from '../sla/sla.service';
import { editWorkOrder, takeAction } from './workorders.access';
import { WORK_ORDER_SUBJECT } from './workorders.create';
import { workOrderErrors } from './workorders.errors';
import { workOrderApprovals } from './workorders.table';
import { and, eq } from 'drizzle-orm';

/** REP-7: the supervisor checks and signs the form; after close of business of the next working day it is late. */
export async function verifyWorkOrder(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { note?: string | undefined },
) {
  return takeAction(deps, actor, id, 'verify', async ({ order, now }) => {
    const late = !!order.verificationDueAt && now.getTime() > order.verificationDueAt.getTime();
    return {
      set: {
        verifiedAt: now,
        verifiedBy: actor.userId,
        verificationLate: late,
        verificationNote: input.note ?? null,
      },
      audit: { late, note: input.note ?? null },
    };
  });
}

/**
 * REP-7: customer service archives the order. The satisfaction call is a care task of its own,
 * made once by the order's owner; that call meets SLA-6's 24-hour target, not the closing (SAT-1).
 */
export async function closeWorkOrder(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { note?: string | undefined },
) {
  return takeAction(deps, actor, id, 'close', async ({ tx, now }) => ({
    set: { closedAt: now },
    audit: { note: input.note ?? null },
    after: async (order) => {
      // SLA-10: a closed order runs nothing more.
      await endTargets(deps, tx, {
        subjectType: WORK_ORDER_SUBJECT,
        subjectId: id,
        at: now,
        reason: 'subject_closed',
      });
      await publishBusinessEvent(deps, tx, {
        type: 'workorder.closed',
        workOrderId: order.id,
        workOrderNumber: order.number,
        workOrderType: order.type,
        ticketId: order.ticketId,
        unitId: order.unitId,
        customerId: order.customerId,
        assetId: order.assetId,
        technicianId: order.technicianId,
        at: now,
      });
    },
  }));
}

/** Cancels an order before the work is done; its SLA targets and customer links end with it. */
export async function cancelWorkOrder(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { reason: string },
  // A cancellation the customer asked for keeps their link open, so their page can say it is done.
  opts: { keepCustomerLinks?: boolean } = {},
) {
  return takeAction(deps, actor, id, 'cancel', async ({ tx, now }) => ({
    set: { cancelledAt: now, cancelReason: input.reason },
    audit: { reason: input.reason },
    after: async () => {
      await endTargets(deps, tx, {
        subjectType: WORK_ORDER_SUBJECT,
        subjectId: id,
        at: now,
        reason: 'subject_cancelled',
      });
      if (!opts.keepCustomerLinks)
        await revokeCustomerLinks(deps, tx, { subjectType: 'workorder', subjectId: id });
    },
  }));
}

/**
 * REP-8: the quality manager (holder of complaints.quality_sign_off) approves first, then the
 * general manager (holder of complaints.approve); both also need workorders.approve.
 */
export async function decideApproval(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { stage: 'quality' | 'general'; decision: 'approved' | 'rejected'; note?: string | undefined },
) {
  return editWorkOrder(
    deps,
    actor,
    id,
    'workorders.approve',
    'workorder.approval',
    async ({ tx, order, unit, now }) => {
      const stageRight = input.stage === 'quality' ? 'complaints.quality_sign_off' : 'complaints.approve';
      if (!can(actor.grants, stageRight, unit.path)) throw authErrors.forbidden({ permission: stageRight });
      if (!order.complaintDriven) throw workOrderErrors.approvalNotRequired();
      if (!['new', 'assigned', 'appointment_agreed'].includes(order.state))
        throw workOrderErrors.transitionNotAllowed({ state: order.state, action: 'approve' });
      const rows = await tx.select().from(workOrderApprovals).where(eq(workOrderApprovals.workOrderId, id));
      const quality = rows.find((r) => r.stage === 'quality');
      if (input.stage === 'general' && quality?.decision !== 'approved')
        throw workOrderErrors.approvalOutOfOrder();
      // A new decision replaces the stage's last one; a new quality decision needs the GM again.
      await tx
        .delete(workOrderApprovals)
        .where(and(eq(workOrderApprovals.workOrderId, id), eq(workOrderApprovals.stage, input.stage)));
      if (input.stage === 'quality')
        await tx
          .delete(workOrderApprovals)
          .where(and(eq(workOrderApprovals.workOrderId, id), eq(workOrderApprovals.stage, 'general')));
      await tx.insert(workOrderApprovals).values({
        workOrderId: id,
        stage: input.stage,
        decision: input.decision,
        note: input.note ?? null,
        by: actor.userId,
        at: now,
      });
      return { audit: { stage: input.stage, decision: input.decision, note: input.note ?? null } };
    },
  );
}

/** PAY-2: a person sets the class (with the reason) instead of the proposal. */
export async function setServiceClass(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { serviceClass: ServiceClass; reason: string },
) {
  return editWorkOrder(
    deps,
    actor,
    id,
    'workorders.dispatch',
    'workorder.service_class_set',
    async ({ order }) => {
      if (isSettled(order.state))
        throw workOrderErrors.transitionNotAllowed({ state: order.state, action: 'service_class' });
      return {
        set: {
          serviceClass: input.serviceClass,
          serviceClassReasonCode: 'set_by_person',
          serviceClassReason: input.reason,
          serviceClassSetBy: actor.userId,
        },
      };
    },
  );
}
