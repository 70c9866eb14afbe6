import { approversOf } from './approvals.engine';
import { registerApprovalSla } from './approvals.sla';

/** Approval requests carry their stages' time limits as SLA targets (approvals.sla). */
export function registerApprovalExtensions(): void {
  registerApprovalSla(approversOf);
}
