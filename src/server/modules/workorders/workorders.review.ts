/**
 * After the visit and around it: the supervisor's next-working-day check of the signed form (REP-7),
 * closing the order, cancelling it and a person's choice of the service class over the proposal
 * (PAY-2). The pre-visit approvals of complaint-driven orders (REP-8) run on the approval engine
 * (workorders.approvals).
 */
import { checkerFor, isSettled, type ServiceClass } from '../../../domain/workorders';
import type { Actor, Deps } from '../../app/context';
import { publishBusinessEvent } from '../../app/business-events';
import { revokeCustomerLinks } from '../customer-links/customer-links.service';
import { endTargets } from '../sla/sla.service';
import { editWorkOrder, takeAction } from './workorders.access';
import { WORK_ORDER_SUBJECT } from './workorders.create';
import { workOrderErrors } from './workorders.errors';
import type { ClassOpinion } from './workorders.table';

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

export interface ClassOpinionInput {
  department: string;
  givenBy: string;
  proposedClass: ServiceClass;
  reason: string;
}

function opinionOf(
  order: { source: 'after_sales' | 'sales' | 'project' },
  input: ClassOpinionInput,
  by: string,
  now: Date,
): ClassOpinion {
  return {
    checker: checkerFor(order.source),
    department: input.department,
    givenBy: input.givenBy,
    proposedClass: input.proposedClass,
    reason: input.reason,
    by,
    at: now.toISOString(),
  };
}

/**
 * PAY-1: the checking department's opinion on the intake sheet (信息受付单). Who checks follows the
 * order's source (after-sales, the sales owner or engineering); the opinion names the department,
 * the person who gave it, the class it proposes and why. A later opinion replaces the one on file
 * (the audit keeps every one).
 */
export async function recordClassOpinion(deps: Deps, actor: Actor, id: string, input: ClassOpinionInput) {
  return editWorkOrder(
    deps,
    actor,
    id,
    'workorders.dispatch',
    'workorder.class_opinion_recorded',
    async ({ order, now }) => {
      if (isSettled(order.state))
        throw workOrderErrors.transitionNotAllowed({ state: order.state, action: 'class_opinion' });
      return { set: { classOpinion: opinionOf(order, input, actor.userId, now) } };
    },
  );
}

/**
 * PAY-1/PAY-2: a person sets the class (with the reason) instead of the proposal — only with the
 * checking department's opinion on file (given here or recorded before), and only the class that
 * opinion proposes.
 */
export async function setServiceClass(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { serviceClass: ServiceClass; reason: string; opinion?: ClassOpinionInput | undefined },
) {
  return editWorkOrder(
    deps,
    actor,
    id,
    'workorders.dispatch',
    'workorder.service_class_set',
    async ({ order, now }) => {
      if (isSettled(order.state))
        throw workOrderErrors.transitionNotAllowed({ state: order.state, action: 'service_class' });
      const opinion = input.opinion ? opinionOf(order, input.opinion, actor.userId, now) : order.classOpinion;
      if (!opinion) throw workOrderErrors.classOpinionMissing();
      if (opinion.proposedClass !== input.serviceClass)
        throw workOrderErrors.classDiffersFromOpinion({
          proposedClass: opinion.proposedClass,
          serviceClass: input.serviceClass,
        });
      return {
        set: {
          serviceClass: input.serviceClass,
          serviceClassReasonCode: 'set_by_person',
          serviceClassReason: input.reason,
          serviceClassSetBy: actor.userId,
          ...(input.opinion ? { classOpinion: opinion } : {}),
        },
        audit: { opinion },
      };
    },
  );
}
