/** The complaints module's public face: what other modules may call (docs/decisions/0012-module-boundaries.md). */
export { recordEvaluation } from './complaints.close-out';
export { completeCloseOutStep, requestCloseOut } from './complaints.close-out';
export { addProgress, recordComplaintDetails } from './complaints.usecases';
export { fileDepartmentReply } from './department-replies.usecases';
