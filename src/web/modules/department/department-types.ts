import { isAtRiskAt, isBreachedAt, isRunningTarget } from '../../../domain/sla/sla.target-states';
import { instant, type SlaTone } from '../sla/sla-clock';
import type { DepartmentReplyDue } from '../../../shared/complaints';

// The inbox's shapes and CMP-3 corrective actions come from src/shared/complaints.ts.
export { CORRECTIVE_ACTIONS } from '../../../shared/complaints';
export type {
  CorrectiveAction,
  DepartmentInbox,
  DepartmentReplyDue,
  InboxItem,
} from '../../../shared/complaints';

export const DEPARTMENT_INBOX_KEY = 'department-inbox';

/**
 * SLA-8 colour of the reply due time: red once breached or past due, orange once at risk (the
 * server's state or the at-risk instant passed), green otherwise; grey without a running target.
 */
export function replyTone(
  due: (Omit<DepartmentReplyDue, 'state'> & { state: string }) | null,
  now: number,
): SlaTone {
  if (!due || !due.dueAt || !isRunningTarget(due.state)) return 'grey';
  const clock = { state: due.state, dueAt: instant(due.dueAt), atRiskAt: instant(due.atRiskAt) };
  if (due.overdue || isBreachedAt(clock, now)) return 'red';
  if (isAtRiskAt(clock, now)) return 'orange';
  return 'green';
}
