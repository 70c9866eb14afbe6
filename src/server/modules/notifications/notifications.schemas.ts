import { z } from 'zod';
import { NOTIFICATION_KINDS } from './notifications.table';

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  subjectType: z.string(),
  subjectId: z.string(),
  targetId: z.string().nullable(),
  stepId: z.string().nullable(),
  payload: z.any(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const listNotificationsQuery = z.strictObject({
  unread: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const idParams = z.strictObject({ id: z.uuid() });
