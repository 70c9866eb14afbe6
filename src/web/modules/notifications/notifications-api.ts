import { useQuery } from '@tanstack/react-query';
import { get } from '../../api/client';

export const NOTIFICATIONS_KEY = 'notifications';
export const NOTIFICATIONS = '/api/v1/notifications';

export interface NotificationView {
  id: string;
  kind: string;
  subjectType: string;
  subjectId: string;
  targetId: string | null;
  payload: Record<string, unknown> | null;
  createdAt: string;
  readAt: string | null;
}
export interface NotificationPage {
  items: NotificationView[];
  total: number;
  unread: number;
}

/** How many notices wait unread, for the menu's badge (checked again every minute). */
export function useUnreadCount(): number {
  const q = useQuery({
    queryKey: [NOTIFICATIONS_KEY, 'unread'],
    queryFn: ({ signal }) => get<NotificationPage>(NOTIFICATIONS, { unread: 'true', pageSize: 1 }, signal),
    refetchInterval: 60_000,
  });
  return q.data?.unread ?? 0;
}

/** Where a notice's subject lives in the app, or null when it has no page of its own. */
export function subjectPath(n: NotificationView): string | null {
  switch (n.subjectType) {
    case 'ticket':
      return `/tickets/${n.subjectId}`;
    case 'work_order':
    case 'workorder':
      return `/workorders/${n.subjectId}`;
    case 'return_request':
      return `/returns/${n.subjectId}`;
    case 'approval_request':
      return '/approvals';
    case 'survey_week':
      return '/surveys/weekly';
    case 'maintenance_contract':
      return '/workorders/contracts';
    case 'care_task':
      return '/care/worklist';
    default:
      return null;
  }
}
