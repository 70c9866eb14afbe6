/**
 * The work order's approvals on the approval engine (decision 0016): the charged-service quote
 * (PAY-3: department head, then company head; none below the small-charge threshold, which is the
 * quote chain's lower amount bound) and the field-service record of a complaint-driven visit
 * (REP-8/CMP-4: quality manager, then general manager, before the technician goes). The engine keeps
 * the requests, steps, time limits and inbox; this module keeps what they mean for the order.
 */
import { and, asc, eq } from 'drizzle-orm';
import { chooseChain } from '../../../domain/approvals';
import { isSettled } from '../../../domain/workorders';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { approvalRequests, approvalSteps } from '../approvals/approvals.table';
import {
  chainsReaching,
  decideApprovalStep,
  openApproval,
  withdrawApproval,
  type ApprovalRow,
  type ApprovalSubjectHandler,
} from '../approvals/approvals.service';
import { recordAudit } from '../audit/audit.service';
import type { UnitRow } from '../org/org.service';
import { editWorkOrder, visibleWorkOrder } from './workorders.access';
import { workOrderErrors } from './workorders.errors';
import { workOrderQuotes } from './pricing.table';
import { workOrders } from './workorders.table';
import type { WorkOrderRow } from './workorders.repository';

export const QUOTE_SUBJECT = 'work_order_quote';
export const FIELD_RECORD_SUBJECT = 'work_order_field_record';

/** PAY-3: the quote's request moved; the quote row follows in the deciding transaction. */
export const quoteApprovalHandler: ApprovalSubjectHandler = {
  async onApproved(deps, tx, request, actor) {
    const now = deps.clock.now();
    await tx
      .update(workOrderQuotes)
      .set({ approvalStatus: 'approved', approvedBy: actor.userId, approvedAt: now, updatedAt: now })
      .where(eq(workOrderQuotes.workOrderId, request.subjectId));
    await recordAudit(tx, now, actor, {
      action: 'workorder.quote.approved',
      subjectType: 'work_order',
      subjectId: request.subjectId,
      unitId: request.unitId,
      after: { approvalRequestId: request.id, approvalStatus: 'approved' },
    });
  },
  async onSentBack(deps, tx, request, actor, reason) {
    const now = deps.clock.now();
    await tx
      .update(workOrderQuotes)
      .set({ approvalStatus: 'sent_back', updatedAt: now })
      .where(eq(workOrderQuotes.workOrderId, request.subjectId));
    await recordAudit(tx, now, actor, {
      action: 'workorder.quote.sent_back',
      subjectType: 'work_order',
      subjectId: request.subjectId,
      unitId: request.unitId,
      after: { approvalRequestId: request.id, approvalStatus: 'sent_back', reason },
    });
  },
};

/** REP-8: the field-service record's request moved; the order's audit trail says so. */
export const fieldRecordApprovalHandler: ApprovalSubjectHandler = {
  async onApproved(deps, tx, request, actor) {
    await recordAudit(tx, deps.clock.now(), actor, {
      action: 'workorder.field_record.approved',
      subjectType: 'work_order',
      subjectId: request.subjectId,
      unitId: request.unitId,
      after: { approvalRequestId: request.id },
    });
  },
  async onSentBack(deps, tx, request, actor, reason) {
    await recordAudit(tx, deps.clock.now(), actor, {
      action: 'workorder.field_record.sent_back',
      subjectType: 'work_order',
      subjectId: request.subjectId,
      unitId: request.unitId,
      after: { approvalRequestId: request.id, reason },
    });
  },
};

/** The engine's request of one of the order's subjects (null when none was opened). */
export async function requestOf(
  db: Db,
  subjectType: typeof QUOTE_SUBJECT | typeof FIELD_RECORD_SUBJECT,
  workOrderId: string,
): Promise<ApprovalRow | null> {
  const [row] = await db
    .select()
    .from(approvalRequests)
    .where(and(eq(approvalRequests.subjectType, subjectType), eq(approvalRequests.subjectId, workOrderId)));
  return row ?? null;
}

/**
 * PAY-3/PAY-4: whether a quote of `totalFen` at the unit needs the managers' approval — a quote chain
 * reaches the unit for that amount. Below the shipped chain's lower bound it is a small charge.
 */
export async function quoteNeedsApproval(tx: Db, unit: UnitRow, totalFen: number, now: Date) {
  const chains = await chainsReaching(tx, unit, now);
  const rule = chooseChain(
    chains.map((r) => ({
      subjectType: r.kind,
      ...(r.minAmountFen !== null ? { minAmountFen: r.minAmountFen } : {}),
      ...(r.maxAmountFen !== null ? { maxAmountFen: r.maxAmountFen } : {}),
      ...(r.unitKinds ? { unitKinds: r.unitKinds } : {}),
      stages: r.stages,
    })),
    { subjectType: 'quote', amountFen: totalFen, unitKind: unit.kind },
  );
  return rule !== null;
}

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/**
 * PAY-3: the customer agreed to the priced quote; it goes to the engine (a new round after a
 * send-back), or needs no approval below the small-charge threshold.
 */
export async function submitQuote(
  deps: Deps,
  tx: Db,
  actor: Actor,
  order: WorkOrderRow,
  unit: UnitRow,
  totalFen: number,
): Promise<'not_required' | 'pending'> {
  if (!(await quoteNeedsApproval(tx, unit, totalFen, deps.clock.now()))) return 'not_required';
  await openApproval(deps, tx, actor, {
    subjectType: QUOTE_SUBJECT,
    subjectId: order.id,
    kind: 'quote',
    unitId: order.unitId,
    title: `收费报价 ${order.number} · ${yuan(totalFen)}`,
    amountFen: totalFen,
  });
  return 'pending';
}

/** A redrafted quote starts over: its pending request is withdrawn by whoever submitted it. */
export async function withdrawQuote(deps: Deps, tx: Db, actor: Actor, workOrderId: string) {
  const request = await requestOf(tx, QUOTE_SUBJECT, workOrderId);
  if (request?.status === 'pending') await withdrawApproval(deps, tx, actor, QUOTE_SUBJECT, workOrderId);
}

/** REP-8: opens (or after a send-back resubmits) the field-service record's request of a complaint-driven order. */
export async function submitFieldRecord(deps: Deps, tx: Db, actor: Actor, order: WorkOrderRow) {
  if (!order.complaintDriven) throw workOrderErrors.approvalNotRequired();
  const existing = await requestOf(tx, FIELD_RECORD_SUBJECT, order.id);
  if (existing && existing.status !== 'sent_back' && existing.status !== 'withdrawn') return existing;
  return openApproval(deps, tx, actor, {
    subjectType: FIELD_RECORD_SUBJECT,
    subjectId: order.id,
    kind: 'field_record',
    unitId: order.unitId,
    title: `售后服务（维修）记录表 ${order.number}`,
    amountFen: null,
  });
}

/** REP-8: the dispatcher submits (or after a send-back resubmits) the field-service record. */
export async function submitFieldRecordCommand(deps: Deps, actor: Actor, id: string) {
  return editWorkOrder(
    deps,
    actor,
    id,
    'workorders.dispatch',
    'workorder.field_record.submitted',
    async ({ tx, order }) => {
      if (isSettled(order.state) || order.departedAt)
        throw workOrderErrors.transitionNotAllowed({ state: order.state, action: 'field_record' });
      const request = await submitFieldRecord(deps, tx, actor, order);
      return { audit: { approvalRequestId: request.id, round: request.round } };
    },
  );
}

/** REP-8: both the quality manager and the general manager approved the visit. */
export async function fieldRecordApproved(db: Db, workOrderId: string): Promise<boolean> {
  return (await requestOf(db, FIELD_RECORD_SUBJECT, workOrderId))?.status === 'approved';
}

/** The engine's stage keys of the field record, as the order's page has always named them. */
const FIELD_STAGE = { quality: 'quality', general: 'general_manager' } as const;

/**
 * REP-8 as the order's page shows it: the latest decision of each stage in the current round
 * (a send-back shows as 'rejected' with its reason).
 */
export async function fieldRecordDecisions(db: Db, workOrderId: string) {
  const request = await requestOf(db, FIELD_RECORD_SUBJECT, workOrderId);
  if (!request) return { request: null, decisions: [] };
  const steps = await db
    .select()
    .from(approvalSteps)
    .where(and(eq(approvalSteps.requestId, request.id), eq(approvalSteps.round, request.round)))
    .orderBy(asc(approvalSteps.at));
  const decisions = (['quality', 'general'] as const).flatMap((stage) => {
    const s = steps.filter((x) => x.stage === FIELD_STAGE[stage]).at(-1);
    return s
      ? [
          {
            stage,
            decision: s.decision === 'approved' ? ('approved' as const) : ('rejected' as const),
            by: s.by,
            at: s.at,
            note: s.reason,
          },
        ]
      : [];
  });
  return { request, decisions };
}

/**
 * REP-8 through the order's own route (kept for the pages and integrations): the stage named must be
 * the one the request waits on; the engine checks the role, the own-request rule and records the step.
 */
export async function decideFieldRecordStage(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { stage: 'quality' | 'general'; decision: 'approved' | 'rejected'; note?: string | undefined },
) {
  const { order } = await visibleWorkOrder(deps.db, actor, id);
  if (!order.complaintDriven) throw workOrderErrors.approvalNotRequired();
  const request = await requestOf(deps.db, FIELD_RECORD_SUBJECT, id);
  if (!request || request.status === 'sent_back' || request.status === 'withdrawn')
    throw workOrderErrors.fieldRecordNotSubmitted();
  if (request.status !== 'pending' || request.currentStage !== FIELD_STAGE[input.stage])
    throw workOrderErrors.approvalOutOfOrder({ waitingFor: request.currentStage });
  await decideApprovalStep(
    deps,
    actor,
    request.id,
    input.decision === 'approved' ? 'approve' : 'send_back',
    input.note ?? null,
  );
}

/** PAY-3 through the order's `quote/approve` route: the stage the quote's request waits on. */
export async function approveQuoteStage(deps: Deps, actor: Actor, id: string) {
  await visibleWorkOrder(deps.db, actor, id);
  const request = await requestOf(deps.db, QUOTE_SUBJECT, id);
  if (request?.status !== 'pending') throw workOrderErrors.quoteStepOutOfOrder({ step: 'approve' });
  await decideApprovalStep(deps, actor, request.id, 'approve', null);
}

/**
 * For spare parts (issue 18): parts are requisitioned against a charged order only once its quote
 * is approved (or needed no approval) and signed by the customer; other classes need no quote.
 * Reads in the caller's transaction.
 */
export async function quoteApprovedForRequisition(tx: Db, workOrderId: string): Promise<boolean> {
  const [row] = await tx
    .select({
      serviceClass: workOrders.serviceClass,
      approvedAt: workOrderQuotes.approvedAt,
      signedAt: workOrderQuotes.customerSignedAt,
    })
    .from(workOrders)
    .leftJoin(workOrderQuotes, eq(workOrderQuotes.workOrderId, workOrders.id))
    .where(eq(workOrders.id, workOrderId));
  if (!row) return false;
  return row.serviceClass !== 'A' || (!!row.approvedAt && !!row.signedAt);
}

/**
 * PAY-3 gate of a charged order's departure and completion: what its quote still lacks — none,
 * approved (by the chain, or needing none below the threshold) and signed by the customer. At
 * completion, charges found on site below the small-charge threshold (PAY-4: collected on site) are
 * signed with the customer's acceptance of the visit instead.
 */
export async function quoteGap(
  tx: Db,
  order: WorkOrderRow,
  unit: UnitRow,
  now: Date,
  moment: 'depart' | 'finish',
): Promise<'quote_missing' | 'quote_not_approved' | 'quote_not_signed' | null> {
  if (order.serviceClass !== 'A') return null;
  const [q] = await tx.select().from(workOrderQuotes).where(eq(workOrderQuotes.workOrderId, order.id));
  if (!q) return 'quote_missing';
  if (q.approvedAt && q.customerSignedAt) return null;
  if (moment === 'finish' && q.approvalStatus === null && q.lines.length > 0) {
    const total = q.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceFen, 0);
    if (!(await quoteNeedsApproval(tx, unit, total, now))) return null;
  }
  return q.approvedAt ? 'quote_not_signed' : 'quote_not_approved';
}

/** The 409 naming what the charged order's quote still lacks. */
export function quoteGapError(gap: 'quote_missing' | 'quote_not_approved' | 'quote_not_signed') {
  const details = { missing: gap };
  return gap === 'quote_missing'
    ? workOrderErrors.quoteRequired(details)
    : gap === 'quote_not_approved'
      ? workOrderErrors.quoteNotApproved(details)
      : workOrderErrors.quoteNotSigned(details);
}
