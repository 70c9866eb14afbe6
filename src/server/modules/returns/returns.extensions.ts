import { eq } from 'drizzle-orm';
import { RETURN_KIND_LABELS } from '../../../shared/returns';
import { registerApprovalSubject } from '../approvals/approvals.service';
import { orders } from '../orders/orders.table';
import { registerWorkOrderLinks } from '../workorders/workorders.service';
import { returnRequests } from './returns.table';
import { registerAttachmentSubject } from '../attachments/attachments.service';
import { findUnit } from '../org/org.service';
import { can } from '../../../domain/permissions';
import { getReturn, returnApprovalHandler, RETURN_SUBJECT } from './returns.usecases';

/** Return requests go through the approval engine and carry the customer's signature as an attachment. */
export function registerReturnExtensions(): void {
  registerApprovalSubject(RETURN_SUBJECT, returnApprovalHandler);
  // RET-7: the inspection work order of a quality claim links back to its request.
  registerWorkOrderLinks(RETURN_SUBJECT, async (db, workOrderId) =>
    (
      await db
        .select({ id: returnRequests.id, kind: returnRequests.kind, orderNo: orders.orderNo })
        .from(returnRequests)
        .innerJoin(orders, eq(orders.id, returnRequests.orderId))
        .where(eq(returnRequests.inspectionWorkOrderId, workOrderId))
    ).map((r) => ({
      subjectType: RETURN_SUBJECT,
      id: r.id,
      label: `${RETURN_KIND_LABELS[r.kind].zh} · ${r.orderNo}`,
    })),
  );
  registerAttachmentSubject(RETURN_SUBJECT, {
    unitOf: async (deps, actor, id) => {
      const row = await getReturn(deps, actor, id);
      return (await findUnit(deps.db, row.unitId))!.path;
    },
    canWrite: (_deps, actor, _id, unitPath) => can(actor.grants, 'returns.request', unitPath),
  });
}
