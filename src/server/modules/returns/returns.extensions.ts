import { registerApprovalSubject } from '../approvals/approvals.service';
import { registerAttachmentSubject } from '../attachments/attachments.service';
import { findUnit } from '../org/org.service';
import { can } from '../../../domain/permissions';
import { getReturn, returnApprovalHandler, RETURN_SUBJECT } from './returns.usecases';

/** Return requests go through the approval engine and carry the customer's signature as an attachment. */
export function registerReturnExtensions(): void {
  registerApprovalSubject(RETURN_SUBJECT, returnApprovalHandler);
  registerAttachmentSubject(RETURN_SUBJECT, {
    unitOf: async (deps, actor, id) => {
      const row = await getReturn(deps, actor, id);
      return (await findUnit(deps.db, row.unitId))!.path;
    },
    canWrite: (_deps, actor, _id, unitPath) => can(actor.grants, 'returns.request', unitPath),
  });
}
