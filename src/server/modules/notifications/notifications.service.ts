/** What other modules call to notify people in-app (SLA escalations, complaints, tasks, surveys). */
export {
  createNotifications,
  onNotificationsCreated,
  type NewNotification,
  type NotificationRow,
} from './notifications.repository';
export { NOTIFICATION_KINDS } from './notifications.table';
