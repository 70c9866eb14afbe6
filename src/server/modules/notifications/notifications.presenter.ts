import type { notifications } from './notifications.table';

type NotificationRow = typeof notifications.$inferSelect;

export function presentNotification(n: NotificationRow) {
  return {
    id: n.id,
    kind: n.kind,
    subjectType: n.subjectType,
    subjectId: n.subjectId,
    targetId: n.targetId,
    stepId: n.stepId,
    payload: n.payload ?? null,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt ? n.readAt.toISOString() : null,
  };
}
