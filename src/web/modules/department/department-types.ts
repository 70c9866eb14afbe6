import { isAtRiskAt, isBreachedAt, isRunningTarget } from '../../../domain/sla/sla.target-states';
import { instant, type SlaTone } from '../sla/sla-clock';
import type { TicketSummary } from '../../../shared/tickets';

/** CMP-3 corrective actions, in the order the form offers them. */
export const CORRECTIVE_ACTIONS = [
  'rework',
  'repair',
  'on_site_service',
  'replacement',
  'refund',
  'explanation',
] as const;
export type CorrectiveAction = (typeof CORRECTIVE_ACTIONS)[number];

/** The department_reply target as the inbox shows it (SLA-3). */
export interface DepartmentReplyDue {
  state: string;
  dueAt: string | null;
  atRiskAt: string | null;
  overdue: boolean;
}

export interface InboxItem extends TicketSummary {
  departmentReply: DepartmentReplyDue | null;
}

export interface DepartmentInbox {
  departments: { id: string; name: string }[];
  items: InboxItem[];
}

export const DEPARTMENT_INBOX_KEY = 'department-inbox';

/**
 * SLA-8 colour of the reply due time: red once breached or past due, orange once at risk (the
 * server's state or the at-risk instant passed), green otherwise; grey without a running target.
 */
export function replyTone(due: DepartmentReplyDue | null, now: number): SlaTone {
  if (!due || !due.dueAt || !isRunningTarget(due.state)) return 'grey';
  const clock = { state: due.state, dueAt: instant(due.dueAt), atRiskAt: instant(due.atRiskAt) };
  if (due.overdue || isBreachedAt(clock, now)) return 'red';
  if (isAtRiskAt(clock, now)) return 'orange';
  return 'green';
}
