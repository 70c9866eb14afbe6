import { defineError } from '../../app/errors';

export const notificationErrors = {
  // The code predates the module's split from SLA; clients already know it.
  notFound: defineError('sla.notification_not_found', 404, '找不到该通知', 'Notification not found'),
};
