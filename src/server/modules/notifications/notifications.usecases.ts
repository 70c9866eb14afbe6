import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../app/context';
import { notificationErrors } from './notifications.errors';
import { notifications } from './notifications.table';

/** The caller's own notifications, newest first. */
export async function listMyNotifications(
  deps: Deps,
  actor: Actor,
  opts: { unreadOnly: boolean; page: number; pageSize: number },
) {
  const where = and(
    eq(notifications.recipientId, actor.userId),
    opts.unreadOnly ? isNull(notifications.readAt) : undefined,
  );
  const [items, [{ total } = { total: 0 }], [{ unread } = { unread: 0 }]] = await Promise.all([
    deps.db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(opts.pageSize)
      .offset((opts.page - 1) * opts.pageSize),
    deps.db
      .select({ total: sql<number>`count(*)::int` })
      .from(notifications)
      .where(where),
    deps.db
      .select({ unread: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(eq(notifications.recipientId, actor.userId), isNull(notifications.readAt))),
  ]);
  return { items, total, unread };
}

/** Marks one of the caller's notifications read; someone else's answers 404. */
export async function markNotificationRead(deps: Deps, actor: Actor, id: string) {
  const [row] = await deps.db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${deps.clock.now()})` })
    .where(and(eq(notifications.id, id), eq(notifications.recipientId, actor.userId)))
    .returning();
  if (!row) throw notificationErrors.notFound();
  return row;
}

/** Marks every unread notification of the caller read at once; answers how many were unread. */
export async function markAllNotificationsRead(deps: Deps, actor: Actor): Promise<{ updated: number }> {
  const rows = await deps.db
    .update(notifications)
    .set({ readAt: deps.clock.now() })
    .where(and(eq(notifications.recipientId, actor.userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { updated: rows.length };
}
