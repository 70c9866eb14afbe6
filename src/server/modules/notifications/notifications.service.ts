/** What other modules call to notify people in-app (SLA escalations, complaints, tasks, surveys). */
export { createNotifications, type NewNotification } from './notifications.repository';
export { NOTIFICATION_KINDS } from './notifications.table';
