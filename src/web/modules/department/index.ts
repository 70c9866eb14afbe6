// What other pages (ticket detail) may embed from the department module.
export { DepartmentReplyForm } from './department-reply-form';
export { DepartmentInboxPage } from './department-inbox-page';
export {
  DepartmentReplyList,
  TicketDepartmentReplies,
  useDepartmentReplies,
  departmentRepliesKey,
} from './department-replies';
export { replyTone, CORRECTIVE_ACTIONS } from './department-types';
export type { DepartmentInbox, InboxItem, DepartmentReplyDue } from './department-types';
