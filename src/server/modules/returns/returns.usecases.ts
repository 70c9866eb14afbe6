import { randomUUID } from 'node:crypto';
import { and, count, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import {
  decideReturn,
  type OrderLineFacts,
  type ReturnDecision,
  type ReturnRequest,
} from '../../../domain/returns';
import type {
  inspectionBody,
  createPolicyBody,
  createReturnBody,
  listReturnsQuery,
  policyTestBody,
  previewReturnBody,
  ReturnDocumentCode,
} from '../../../shared/returns';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import {
  mayViewApprovalOf,
  openApproval,
  withdrawApproval,
  type ApprovalRow,
} from '../approvals/approvals.service';
import { can } from '../../../domain/permissions';
import { detectContentType, insertAttachment } from '../attachments/attachments.service';
import { AppError } from '../../app/errors';
import { normalizePhone } from '../../../domain/customers';
import { recordAudit } from '../audit/audit.service';
import { customerNames, loadChildren } from '../customers/customers.service';
import { enqueueMessage } from '../messages/messages.service';
import { effectiveCalendar } from '../calendar/calendar.service';
import { createNotifications } from '../notifications/notifications.service';
import { orderErrors } from '../orders/orders.errors';
import { findOrderLine, type OrderLineRow, type OrderWithLines } from '../orders/orders.service';
import {
  assertCan,
  displayNames,
  findUnit,
  nearestRoleHolders,
  scopeOf,
  unitContact,
  unitsWithin,
} from '../org/org.service';
import { cancelWorkOrder, createWorkOrder, workOrderProgress } from '../workorders/workorders.service';
import { organisationUnits } from '../org/org.table';
import { orders, orderLines } from '../orders/orders.table';
import { returnErrors } from './returns.errors';
import { nextVersionLabel, policyAt, versionsGoverning } from './returns.policy-versions';
import { returnPolicies, returnRequests } from './returns.table';

export type ReturnRow = typeof returnRequests.$inferSelect;
export const RETURN_SUBJECT = 'return_request';

type Observed = z.output<typeof previewReturnBody>;

/** The facts of one line as the policy core reads them; the counter's observations win over the order's. */
export function lineFacts(
  order: OrderWithLines,
  line: OrderLineRow,
  observed: Pick<Observed, 'packaging' | 'intact'>,
): OrderLineFacts {
  const handedOver =
    order.fulfilment === 'self_pickup'
      ? (order.pickedUpAt ?? order.deliveredAt)
      : (order.deliveredAt ?? order.pickedUpAt);
  return {
    channel: order.channel,
    fulfilment: order.fulfilment,
    priceFen: line.priceFen,
    paidFen: line.paidFen,
    custom: line.custom,
    clearance: line.clearance,
    specialOffer: line.specialOffer,
    orderedAt: order.orderedAt.getTime(),
    paidAt: order.paidAt?.getTime() ?? null,
    handedOverAt: handedOver?.getTime() ?? null,
    packaging: observed.packaging ?? line.packaging,
    intact: observed.intact,
  };
}

const requestOf = (o: Observed, at: Date): ReturnRequest => ({
  kind: o.kind,
  reason: o.reason,
  at: at.getTime(),
  inspection: o.inspection,
  customerInsists: o.customerInsists,
});

/** Documents to be checked off at the counter before submission; the signature is its own step. */
export function requiredDocuments(decision: ReturnDecision): ReturnDocumentCode[] {
  return decision.documents.filter((d) => d !== 'customer_signature');
}

/** A line of an order the caller may take requests for (another store's order is 404, ORG-1). */
async function lineInScope(
  deps: Deps,
  actor: Actor,
  lineId: string,
  permission: 'returns.request' | 'returns.read',
) {
  const found = await findOrderLine(deps.db, lineId);
  if (!found) throw orderErrors.lineNotFound();
  assertCan(actor, permission, found.order.unitPath, orderErrors.lineNotFound);
  return found;
}

async function decisionFor(
  deps: Deps,
  order: OrderWithLines,
  line: OrderLineRow,
  observed: Observed,
  at: Date,
) {
  if (at.getTime() < order.orderedAt.getTime()) throw returnErrors.requestedBeforeOrder();
  const unit = (await findUnit(deps.db, order.unitId))!;
  const timeZone = (await effectiveCalendar(deps.db, unit)).timeZone;
  const { policy, row } = await policyAt(deps.db, unit, at);
  const facts = lineFacts(order, line, observed);
  return {
    facts,
    policy,
    policyRow: row,
    timeZone,
    decision: decideReturn(facts, requestOf(observed, at), policy, timeZone),
  };
}

/** What would happen if the customer asked now: the decision with its sentence, nothing written. */
export async function previewReturn(deps: Deps, actor: Actor, input: Observed) {
  const { order, line } = await lineInScope(deps, actor, input.orderLineId, 'returns.request');
  return (await decisionFor(deps, order, line, input, deps.clock.now())).decision;
}

/**
 * RET-1…10: the counter takes the request — the reason first, then the facts — and stores the
 * decision with the facts and the policy version it was taken under, so it can be re-derived.
 */
export async function createReturn(
  deps: Deps,
  actor: Actor,
  input: z.output<typeof createReturnBody>,
): Promise<ReturnRow> {
  const { order, line } = await lineInScope(deps, actor, input.orderLineId, 'returns.request');
  const now = deps.clock.now();
  const d = await decisionFor(deps, order, line, input, now);
  if (input.refundFen != null && input.refundFen > line.paidFen)
    throw returnErrors.refundAbovePaid({ paidFen: line.paidFen, refundFen: input.refundFen });
  if (input.refundFen != null && input.refundFen > d.decision.refundFen)
    throw returnErrors.refundAboveDecision({
      decisionRefundFen: d.decision.refundFen,
      refundFen: input.refundFen,
    });
  return deps.db.transaction(async (tx) => {
    // RET-7: a quality claim on goods taken back starts with an inspection by a technician — a
    // field-service work order opened with the request, in the same transaction.
    const inspectionWorkOrderId = needsInspectionVisit(input, d.decision)
      ? await createWorkOrder(
          deps,
          actor,
          {
            unitId: order.unitId,
            type: 'inspection',
            customerId: order.customerId ?? undefined,
            contactName: order.customerName ?? undefined,
            contactPhone: order.customerPhone ?? undefined,
            problem: `质量问题检测（${input.kind === 'return' ? '退货' : '换货'}申请）：${order.orderNo} ${line.product}。${input.reasonDetail}`,
            source: 'sales',
          },
          { tx },
        )
      : null;
    const [row] = await tx
      .insert(returnRequests)
      .values({
        unitId: order.unitId,
        orderId: order.id,
        orderLineId: line.id,
        customerId: order.customerId,
        kind: input.kind,
        reason: input.reason,
        reasonDetail: input.reasonDetail,
        solutionOffered: input.solutionOffered ?? null,
        inspection: input.inspection,
        inspectionWorkOrderId,
        customerInsists: input.customerInsists,
        packaging: d.facts.packaging,
        intact: input.intact,
        requestedAt: now,
        timeZone: d.timeZone,
        facts: d.facts,
        policyId: d.policyRow?.id ?? null,
        policy: d.policy,
        decision: d.decision,
        refundFen: input.refundFen ?? d.decision.refundFen,
        documents: [],
        state: 'draft',
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, now, actor, {
      action: 'return.requested',
      subjectType: RETURN_SUBJECT,
      subjectId: row!.id,
      unitId: order.unitId,
      after: row,
    });
    return row!;
  });
}

/** RET-7: a return or exchange for a quality problem not yet inspected goes to a technician first. */
function needsInspectionVisit(
  input: Pick<Observed, 'kind' | 'reason'>,
  decision: Pick<ReturnDecision, 'outcome'>,
): boolean {
  return input.kind !== 'cancel' && input.reason === 'quality' && decision.outcome === 'inspect_first';
}

/** Work-order states in which the technician's inspection is done (the visit was completed). */
export const INSPECTION_DONE: ReadonlySet<string> = new Set([
  'completed',
  'carried_in',
  'returned',
  'verified',
  'closed',
]);

/**
 * RET-7: the inspection's finding is recorded and the decision re-taken from the stored facts and
 * policy version at the original instant (so `rederive` still holds). Only once the linked work
 * order is completed — or when staff record that the goods were inspected in the store instead,
 * with who and when.
 */
export const recordInspection = (
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.output<typeof inspectionBody>,
) =>
  onLockedReturn(deps, actor, id, 'return.inspected', ['draft'], async (tx, row, now) => {
    if (row.reason !== 'quality' || row.inspection !== null) throw returnErrors.noInspectionDue();
    let by: string | null;
    let at: Date;
    if (input.inStore) {
      by = input.inStore.inspectedBy ?? actor.userId;
      at = input.inStore.inspectedAt ? new Date(input.inStore.inspectedAt) : now;
      if (at.getTime() > now.getTime() + 60_000 || at.getTime() < row.requestedAt.getTime())
        throw returnErrors.inspectionTimeInvalid();
      if (!(await displayNames(tx, [by])).has(by)) throw returnErrors.inspectorNotFound();
      await cancelVisitNotNeeded(deps, tx, actor, row.inspectionWorkOrderId, input.finding);
    } else {
      const visit = row.inspectionWorkOrderId ? await workOrderProgress(tx, row.inspectionWorkOrderId) : null;
      if (!visit || !INSPECTION_DONE.has(visit.state))
        throw returnErrors.inspectionPending({
          workOrderNumber: visit?.number ?? null,
          state: visit?.state ?? null,
        });
      by = visit.technicianId;
      at = visit.completedAt ?? now;
    }
    const inspected = { ...row, inspection: input.finding, customerInsists: input.customerInsists };
    const decision = rederive(inspected);
    return {
      inspection: input.finding,
      customerInsists: input.customerInsists,
      inspectedBy: by,
      inspectedAt: at,
      inspectedInStore: !!input.inStore,
      decision,
      // A claim awaiting inspection was taken with no refund (the decision allowed none yet).
      refundFen: decision.refundFen,
    };
  });

/**
 * RET-7: the goods were inspected in the store, so the inspection visit opened with the request is
 * not needed: it is cancelled with the reason, through the work-order module in this transaction
 * (its time limits and customer links end with it). A visit already done keeps its own course
 * (verify, close); cancelling is the dispatcher's act, so one without that right is refused (403)
 * and nothing is recorded.
 */
async function cancelVisitNotNeeded(
  deps: Deps,
  tx: Db,
  actor: Actor,
  workOrderId: string | null,
  finding: ReturnRow['inspection'],
): Promise<void> {
  if (!workOrderId) return;
  const visit = await workOrderProgress(tx, workOrderId);
  if (!visit || INSPECTION_DONE.has(visit.state) || visit.state === 'cancelled') return;
  const found = { defect: '确属质量问题', misuse: '使用不当', no_fault: '无质量问题' }[finding ?? 'no_fault'];
  // { ...deps, db: tx }: the module's own transaction becomes a savepoint of this one.
  await cancelWorkOrder({ ...deps, db: tx }, actor, workOrderId, {
    reason: `已在门店完成质量检测（${found}），无需上门检测`,
  });
}

/** Re-derives a stored decision from its stored facts and policy version (RET-10). */
export function rederive(
  row: Pick<
    ReturnRow,
    'facts' | 'policy' | 'timeZone' | 'kind' | 'reason' | 'requestedAt' | 'inspection' | 'customerInsists'
  >,
): ReturnDecision {
  return decideReturn(
    row.facts,
    {
      kind: row.kind,
      reason: row.reason,
      at: row.requestedAt.getTime(),
      inspection: row.inspection,
      customerInsists: row.customerInsists,
    },
    row.policy,
    row.timeZone,
  );
}

/** Runs `change` on the locked request the caller may act on, in one transaction with its audit row. */
async function onLockedReturn<T>(
  deps: Deps,
  actor: Actor,
  id: string,
  action: string,
  allowedStates: readonly ReturnRow['state'][],
  change: (tx: Db, row: ReturnRow, now: Date) => Promise<Partial<ReturnRow> & { result?: T }>,
): Promise<ReturnRow> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(returnRequests).where(eq(returnRequests.id, id)).for('update');
    if (!row) throw returnErrors.notFound();
    const unit = await findUnit(tx, row.unitId);
    assertCan(actor, 'returns.request', unit?.path ?? [], returnErrors.notFound);
    if (!allowedStates.includes(row.state)) throw returnErrors.wrongState({ state: row.state });
    const { result: _ignored, ...patch } = await change(tx, row, now);
    const [updated] = await tx
      .update(returnRequests)
      .set({ ...patch, updatedAt: now })
      .where(eq(returnRequests.id, id))
      .returning();
    await recordAudit(tx, now, actor, {
      action,
      subjectType: RETURN_SUBJECT,
      subjectId: id,
      unitId: row.unitId,
      before: row,
      after: updated,
    });
    return updated!;
  });
}

const EDITABLE = ['draft', 'sent_back'] as const;

/** The documents the customer presented, checked off at the counter. */
export const setDocuments = (deps: Deps, actor: Actor, id: string, documents: ReturnDocumentCode[]) =>
  onLockedReturn(deps, actor, id, 'return.documents_checked', EDITABLE, async () => ({
    documents: [...new Set(documents)].sort(),
  }));

function pngOf(dataUrl: string): Buffer {
  return Buffer.from(dataUrl.slice('data:image/png;base64,'.length), 'base64');
}

/** The customer signs on screen (a PNG kept as an attachment of the request) or on paper (a tick). */
export async function signReturn(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { onPaper: true } | { dataUrl: string },
): Promise<ReturnRow> {
  if ('onPaper' in input)
    return onLockedReturn(deps, actor, id, 'return.signed_on_paper', EDITABLE, async (_tx, _row, now) => ({
      signedOnPaper: true,
      signatureAttachmentId: null,
      signedAt: now,
    }));
  const png = pngOf(input.dataUrl);
  // A stroke or two compresses to well over 100 bytes; an empty canvas of one colour does not.
  if (png.length < 100 || (await detectContentType(png)) !== 'image/png')
    throw returnErrors.signatureInvalid();
  const attachmentId = randomUUID();
  let stored: { key: string; size: number; sha256: string } | null = null;
  try {
    return await onLockedReturn(
      deps,
      actor,
      id,
      'return.signed_on_screen',
      EDITABLE,
      async (tx, row, now) => {
        stored = await deps.storage.put(`attachments/${attachmentId}`, png, {
          contentType: 'image/png',
          size: png.length,
        });
        await insertAttachment(tx, {
          id: attachmentId,
          subjectType: RETURN_SUBJECT,
          subjectId: row.id,
          unitId: row.unitId,
          fileName: `customer-signature-${row.id}.png`,
          contentType: 'image/png',
          size: stored.size,
          sha256: stored.sha256,
          storageKey: stored.key,
          uploadedBy: actor.userId,
          uploadedAt: now,
        });
        return { signatureAttachmentId: attachmentId, signedOnPaper: false, signedAt: now };
      },
    );
  } catch (err) {
    const key = (stored as { key: string } | null)?.key;
    if (key) await deps.storage.delete(key).catch(() => undefined);
    throw err;
  }
}

/**
 * The chain a request goes through: RET-2 cancellation, RET-8 the store's return or exchange, RET-9
 * an online order's return or exchange (its hand-offs from the parcel to the logistics warehouse).
 */
export function chainKind(row: Pick<ReturnRow, 'kind' | 'facts'>): string {
  if (row.kind === 'cancel') return 'cancellation';
  return row.facts.channel === 'online' ? `online_${row.kind}` : row.kind;
}

/**
 * Submits for approval once the checklist holds: the decision allows it, every document is checked
 * off and the customer has signed (RET-2, RET-8). A request sent back is resubmitted as a new round.
 */
export const submitReturn = (deps: Deps, actor: Actor, id: string) =>
  onLockedReturn(deps, actor, id, 'return.submitted', EDITABLE, async (tx, row) => {
    // RET-7: nothing moves past the inspection before its finding is recorded.
    if (row.decision.outcome === 'inspect_first') throw returnErrors.inspectionPending();
    if (row.decision.outcome !== 'allowed') throw returnErrors.notAllowed({ outcome: row.decision.outcome });
    const missing = requiredDocuments(row.decision).filter((d) => !row.documents.includes(d));
    if (missing.length > 0) throw returnErrors.documentsMissing({ missing });
    if (
      row.decision.documents.includes('customer_signature') &&
      !row.signedOnPaper &&
      !row.signatureAttachmentId
    )
      throw returnErrors.signatureMissing();
    const [order] = await tx
      .select({ orderNo: orders.orderNo })
      .from(orders)
      .where(eq(orders.id, row.orderId));
    const [line] = await tx
      .select({ product: orderLines.product })
      .from(orderLines)
      .where(eq(orderLines.id, row.orderLineId));
    const approval = await openApproval(deps, tx, actor, {
      subjectType: RETURN_SUBJECT,
      subjectId: row.id,
      kind: chainKind(row),
      unitId: row.unitId,
      title: `${order!.orderNo} · ${line!.product}`,
      amountFen: row.refundFen,
    });
    return { state: 'submitted', approvalId: approval.id };
  });

/** RET-1: the customer withdraws (the solution offered suited them); the request stays, as withdrawn. */
export const withdrawReturn = (deps: Deps, actor: Actor, id: string, reason: string) =>
  onLockedReturn(
    deps,
    actor,
    id,
    'return.withdrawn',
    ['draft', 'submitted', 'sent_back'],
    async (tx, row, now) => {
      if (row.approvalId) await withdrawApproval(deps, tx, actor, RETURN_SUBJECT, row.id);
      return { state: 'withdrawn', withdrawnAt: now, withdrawReason: reason };
    },
  );

/** The mobile the refund SMS goes to: the one written on the order, else the archive's first mobile. */
async function refundMobile(tx: Db, orderPhone: string | null, customerId: string | null) {
  const onOrder = orderPhone ? normalizePhone(orderPhone) : null;
  if (onOrder?.ok && onOrder.kind === 'mobile') return onOrder.normalized;
  if (!customerId) return null;
  const { phones } = await loadChildren(tx, [customerId]);
  return phones.find((p) => p.kind === 'mobile')?.normalized ?? null;
}

/**
 * The refund SMS (template return_refund_notice), queued in the refund step's own transaction: a
 * service message, so it goes out whatever the customer's marketing opt-out, moved out of quiet
 * hours by the outbox. Without a mobile, or with nothing to refund (an exchange), none is queued
 * and the request says why.
 */
async function queueRefundNotice(
  deps: Deps,
  tx: Db,
  actor: Actor,
  row: ReturnRow,
): Promise<Pick<ReturnRow, 'refundNoticeMessageId' | 'refundNoticeSkipped'>> {
  if (row.refundFen <= 0) return { refundNoticeMessageId: null, refundNoticeSkipped: 'no_refund' };
  const [order] = await tx
    .select({
      orderNo: orders.orderNo,
      customerId: orders.customerId,
      customerName: orders.customerName,
      customerPhone: orders.customerPhone,
    })
    .from(orders)
    .where(eq(orders.id, row.orderId));
  const customerId = row.customerId ?? order!.customerId;
  const to = await refundMobile(tx, order!.customerPhone, customerId);
  if (!to) return { refundNoticeMessageId: null, refundNoticeSkipped: 'no_mobile' };
  const archived = customerId ? (await customerNames(tx, [customerId])).get(customerId) : undefined;
  const unit = (await findUnit(tx, row.unitId))!;
  const contact = await unitContact(tx, unit);
  const storeName = contact?.name ?? unit.name;
  const sent = await enqueueMessage(deps, tx, {
    unitId: row.unitId,
    customerId: customerId ?? null,
    channel: 'sms',
    to,
    templateCode: 'return_refund_notice',
    variables: {
      customerName: archived?.trim() || order!.customerName?.trim() || '顾客',
      storeName,
      storeAddress: contact?.address ?? storeName,
      storePhone: contact?.servicePhone ?? '本店服务热线',
      orderNumber: order!.orderNo,
      refundAmount: (row.refundFen / 100).toFixed(2),
    },
    purpose: 'service',
    // One notice per request, however often the step is retried.
    idempotencyKey: `return-request:${row.id}:refund-notice`,
    source: { type: RETURN_SUBJECT, id: row.id },
    createdBy: actor.userId,
  });
  return { refundNoticeMessageId: sent.id, refundNoticeSkipped: null };
}

/**
 * RET-2 / RET-8, last step: the customer is told to collect the refund, by SMS through the outbox.
 * Asking again once told answers the request as it stands: still one notice, one audit entry.
 */
export async function notifyRefund(deps: Deps, actor: Actor, id: string): Promise<ReturnRow> {
  try {
    return await onLockedReturn(
      deps,
      actor,
      id,
      'return.refund_notified',
      ['approved'],
      async (tx, row, now) => ({
        state: 'refund_notified',
        refundNotifiedAt: now,
        ...(await queueRefundNotice(deps, tx, actor, row)),
      }),
    );
  } catch (err) {
    // The scope was checked before the state: a caller told of the state may read the row.
    if (!(err instanceof AppError) || err.code !== 'returns.wrong_state') throw err;
    const [row] = await deps.db.select().from(returnRequests).where(eq(returnRequests.id, id));
    if (row?.state === 'refund_notified') return row;
    throw err;
  }
}

/** The engine's callbacks for return requests, run in the deciding transaction. */
export const returnApprovalHandler = {
  async onApproved(deps: Deps, tx: Db, request: ApprovalRow, actor: Actor) {
    const now = deps.clock.now();
    await tx
      .update(returnRequests)
      .set({ state: 'approved', approvedAt: now, updatedAt: now })
      .where(eq(returnRequests.id, request.subjectId));
    await recordAudit(tx, now, actor, {
      action: 'return.approved',
      subjectType: RETURN_SUBJECT,
      subjectId: request.subjectId,
      unitId: request.unitId,
      after: { state: 'approved' },
    });
  },
  async onSentBack(deps: Deps, tx: Db, request: ApprovalRow, actor: Actor, reason: string) {
    const now = deps.clock.now();
    await tx
      .update(returnRequests)
      .set({ state: 'sent_back', updatedAt: now })
      .where(eq(returnRequests.id, request.subjectId));
    await recordAudit(tx, now, actor, {
      action: 'return.sent_back',
      subjectType: RETURN_SUBJECT,
      subjectId: request.subjectId,
      unitId: request.unitId,
      after: { state: 'sent_back', reason },
    });
  },
  /** RET-2: once the general manager has signed a cancellation, the service centre is told at once. */
  async onStageApproved(deps: Deps, tx: Db, request: ApprovalRow, stageKey: string, actor: Actor) {
    if (request.kind !== 'cancellation' || stageKey !== 'general_manager') return;
    const now = deps.clock.now();
    const unit = await findUnit(tx, request.unitId);
    const centre = await nearestRoleHolders(tx, unit?.path ?? [], ['cs_supervisor']);
    await createNotifications(
      tx,
      centre.map((recipientId) => ({
        recipientId,
        kind: 'cancellation_signed' as const,
        subjectType: RETURN_SUBJECT,
        subjectId: request.subjectId,
        targetId: request.id,
        payload: { title: request.title },
        createdAt: now,
      })),
    );
    await tx
      .update(returnRequests)
      .set({ serviceCentreNotifiedAt: now, updatedAt: now })
      .where(eq(returnRequests.id, request.subjectId));
    await recordAudit(tx, now, actor, {
      action: 'return.service_centre_notified',
      subjectType: RETURN_SUBJECT,
      subjectId: request.subjectId,
      unitId: request.unitId,
      after: { notified: centre },
    });
  },
};

/**
 * One request the caller may see: with returns.read in its unit, or as one who may see its
 * approval (a delegate standing in for an approver has no role in the store, yet decides on it).
 */
export async function getReturn(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<ReturnRow & { unitPath: string[] }> {
  const [row] = await deps.db.select().from(returnRequests).where(eq(returnRequests.id, id));
  if (!row) throw returnErrors.notFound();
  const unit = await findUnit(deps.db, row.unitId);
  if (!unit) throw returnErrors.notFound();
  if (!can(actor.grants, 'returns.read', unit.path)) {
    const approver = row.approvalId && (await mayViewApprovalOf(deps, actor, RETURN_SUBJECT, row.id));
    if (!approver) throw returnErrors.notFound();
  }
  return { ...row, unitPath: unit.path };
}

export async function listReturns(deps: Deps, actor: Actor, query: z.output<typeof listReturnsQuery>) {
  const roots = scopeOf(actor, 'returns.read');
  const where = and(
    unitsWithin(roots),
    query.unitId ? eq(returnRequests.unitId, query.unitId) : undefined,
    query.state ? eq(returnRequests.state, query.state) : undefined,
    query.orderId ? eq(returnRequests.orderId, query.orderId) : undefined,
  );
  const rows = await deps.db
    .select({
      r: returnRequests,
      unitName: organisationUnits.name,
      orderNo: orders.orderNo,
      customerName: orders.customerName,
      product: orderLines.product,
    })
    .from(returnRequests)
    .innerJoin(organisationUnits, eq(organisationUnits.id, returnRequests.unitId))
    .innerJoin(orders, eq(orders.id, returnRequests.orderId))
    .innerJoin(orderLines, eq(orderLines.id, returnRequests.orderLineId))
    .where(where)
    .orderBy(desc(returnRequests.createdAt))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [total] = await deps.db
    .select({ n: count() })
    .from(returnRequests)
    .innerJoin(organisationUnits, eq(organisationUnits.id, returnRequests.unitId))
    .where(where);
  return {
    items: rows.map(({ r, unitName, orderNo, customerName, product }) => ({
      id: r.id,
      unitName,
      kind: r.kind,
      reason: r.reason,
      state: r.state,
      refundFen: r.refundFen,
      requestedAt: r.requestedAt.toISOString(),
      decision: { ...r.decision, documents: [...r.decision.documents], approvals: [...r.decision.approvals] },
      orderNo,
      customerName,
      product,
    })),
    total: Number(total?.n ?? 0),
  };
}

// ---- Policy versions ------------------------------------------------------------------------

const presentPolicy = (r: typeof returnPolicies.$inferSelect) => ({
  id: r.id,
  unitId: r.unitId,
  version: r.version,
  effectiveFrom: r.effectiveFrom.toISOString(),
  freeCancellationHours: r.freeCancellationHours,
  cancellationFeePercent: r.cancellationFeePercent,
  returnDays: r.returnDays,
  onlineReturnDays: r.onlineReturnDays,
  note: r.note,
  createdAt: r.createdAt.toISOString(),
});

/** The versions that govern a unit and the one in force now. */
export async function listPolicies(deps: Deps, actor: Actor, unitId: string) {
  const unit = await findUnit(deps.db, unitId);
  if (!unit) throw returnErrors.unitNotFound();
  assertCan(actor, 'returns.read', unit.path, returnErrors.unitNotFound);
  const { fromUnitId, rows } = await versionsGoverning(deps.db, unit);
  const { row } = await policyAt(deps.db, unit, deps.clock.now());
  return { fromUnitId, inForce: row ? presentPolicy(row) : null, items: rows.map(presentPolicy) };
}

/** A new version for a unit, from now or later: a past decision never changes (RET-10). */
export async function createPolicy(deps: Deps, actor: Actor, input: z.output<typeof createPolicyBody>) {
  const unit = await findUnit(deps.db, input.unitId);
  if (!unit) throw returnErrors.unitNotFound();
  assertCan(actor, 'returns.policy.manage', unit.path, returnErrors.unitNotFound);
  const now = deps.clock.now();
  const effectiveFrom = new Date(input.effectiveFrom);
  // A minute's grace for the form's "now"; anything earlier would rewrite decisions already taken.
  if (effectiveFrom.getTime() < now.getTime() - 60_000) throw returnErrors.policyBackdated();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(returnPolicies)
      .values({
        unitId: unit.id,
        version: await nextVersionLabel(tx, unit.id),
        effectiveFrom,
        freeCancellationHours: input.freeCancellationHours,
        cancellationFeePercent: input.cancellationFeePercent,
        returnDays: input.returnDays,
        onlineReturnDays: input.onlineReturnDays,
        note: input.note ?? null,
        createdBy: actor.userId,
        createdAt: now,
      })
      .returning();
    await recordAudit(tx, now, actor, {
      action: 'return.policy_created',
      subjectType: 'return_policy',
      subjectId: row!.id,
      unitId: unit.id,
      after: row,
    });
    return presentPolicy(row!);
  });
}

/** The "what would happen" tester: any facts at any instant, against the version in force then or a draft. */
export async function testPolicy(deps: Deps, actor: Actor, input: z.output<typeof policyTestBody>) {
  const unit = await findUnit(deps.db, input.unitId);
  if (!unit) throw returnErrors.unitNotFound();
  assertCan(actor, 'returns.read', unit.path, returnErrors.unitNotFound);
  const at = new Date(input.at);
  const timeZone = (await effectiveCalendar(deps.db, unit)).timeZone;
  const inForce = (await policyAt(deps.db, unit, at)).policy;
  const policy = input.draft ? { ...input.draft, version: 'draft', effectiveFrom: at.getTime() } : inForce;
  const l = input.line;
  const facts: OrderLineFacts = {
    ...l,
    orderedAt: Date.parse(l.orderedAt),
    paidAt: l.paidAt ? Date.parse(l.paidAt) : null,
    handedOverAt: l.handedOverAt ? Date.parse(l.handedOverAt) : null,
  };
  return decideReturn(
    facts,
    {
      kind: input.kind,
      reason: input.reason,
      at: at.getTime(),
      inspection: input.inspection,
      customerInsists: input.customerInsists,
    },
    policy,
    timeZone,
  );
}
