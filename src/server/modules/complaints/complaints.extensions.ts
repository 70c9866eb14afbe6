import { registerApprovalSubject } from '../approvals/approvals.service';
import { CLOSE_OUT_SUBJECT, closeOutApprovalHandler } from './complaints.close-out';

/** CMP-5: the close-out chain runs on the approval engine (decision 0016). */
export function registerComplaintExtensions(): void {
  registerApprovalSubject(CLOSE_OUT_SUBJECT, closeOutApprovalHandler);
}
