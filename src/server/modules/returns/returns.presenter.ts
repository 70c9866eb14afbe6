import type { ReturnDecision } from '../../../domain/returns';
import type { ReturnDocumentCode, ReturnRequestView } from '../../../shared/returns';
import type { Actor, Deps } from '../../app/context';
import { approvalOfSubject } from '../approvals/approvals.service';
import { findOrderLine, presentOrder } from '../orders/orders.service';
import { displayNames, unitNames } from '../org/org.service';
import { workOrderProgress } from '../workorders/workorders.service';
import { INSPECTION_DONE, requiredDocuments, RETURN_SUBJECT, type ReturnRow } from './returns.usecases';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A decision as the API sends it (the core's arrays are read-only). */
export const presentDecision = (d: ReturnDecision) => ({
  ...d,
  documents: [...d.documents],
  approvals: [...d.approvals],
});

/** A request with its order, decision, checklist, signature and approval, as the counter and the forms show it. */
export async function presentReturn(deps: Deps, actor: Actor, r: ReturnRow): Promise<ReturnRequestView> {
  const found = (await findOrderLine(deps.db, r.orderLineId))!;
  const names = await displayNames(deps.db, [r.createdBy, r.inspectedBy]);
  const visit = r.inspectionWorkOrderId ? await workOrderProgress(deps.db, r.inspectionWorkOrderId) : null;
  const units = await unitNames(deps.db, [r.unitId]);
  return {
    id: r.id,
    unitId: r.unitId,
    unitName: units.get(r.unitId) ?? '',
    order: presentOrder(found.order, actor),
    orderLineId: r.orderLineId,
    kind: r.kind,
    reason: r.reason,
    reasonDetail: r.reasonDetail,
    solutionOffered: r.solutionOffered,
    inspection: r.inspection,
    inspectionWorkOrder: visit
      ? { id: visit.id, number: visit.number, state: visit.state, done: INSPECTION_DONE.has(visit.state) }
      : null,
    inspectedBy: r.inspectedBy ? { id: r.inspectedBy, name: names.get(r.inspectedBy) ?? '' } : null,
    inspectedAt: iso(r.inspectedAt),
    inspectedInStore: r.inspectedInStore,
    customerInsists: r.customerInsists,
    packaging: r.packaging,
    intact: r.intact,
    requestedAt: r.requestedAt.toISOString(),
    policyId: r.policyId,
    policy: { ...r.policy, effectiveFrom: new Date(r.policy.effectiveFrom).toISOString() },
    decision: presentDecision(r.decision),
    refundFen: r.refundFen,
    requiredDocuments: requiredDocuments(r.decision),
    documents: r.documents as ReturnDocumentCode[],
    signature: { attachmentId: r.signatureAttachmentId, onPaper: r.signedOnPaper, at: iso(r.signedAt) },
    state: r.state,
    approval: r.approvalId ? await approvalOfSubject(deps, actor, RETURN_SUBJECT, r.id) : null,
    serviceCentreNotifiedAt: iso(r.serviceCentreNotifiedAt),
    approvedAt: iso(r.approvedAt),
    refundNotifiedAt: iso(r.refundNotifiedAt),
    refundNotice: r.refundNotifiedAt
      ? { messageId: r.refundNoticeMessageId, skipped: r.refundNoticeSkipped }
      : null,
    withdrawnAt: iso(r.withdrawnAt),
    withdrawReason: r.withdrawReason,
    createdBy: r.createdBy,
    createdByName: names.get(r.createdBy) ?? '',
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
