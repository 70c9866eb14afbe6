import { onBusinessEvent } from '../../app/business-events';
import { registerApprovalSubject, voidApproval } from '../approvals/approvals.service';
import { CLOSE_OUT_SUBJECT, closeOutApprovalHandler } from './complaints.close-out';

/** CMP-5: the close-out chain runs on the approval engine (decision 0016). */
export function registerComplaintExtensions(): void {
  registerApprovalSubject(CLOSE_OUT_SUBJECT, closeOutApprovalHandler);
  // A complaint reopened while its close-out is under way: the request leaves the owners' inboxes at
  // once (asking for close-out again starts a new round), so the inbox never shows a chain that no
  // longer counts.
  onBusinessEvent('ticket.reopened', 'complaints.close-out', (deps, tx, e) =>
    voidApproval(deps, tx, null, CLOSE_OUT_SUBJECT, e.ticketId, 'ticket_reopened'),
  );
}
