import type { Db } from '../../app/db';
import { notifications } from './notifications.table';

export type NewNotification = typeof notifications.$inferInsert;
export type NotificationRow = typeof notifications.$inferSelect;

/**
 * What else happens when notices are written, in the same transaction (staff notices queued for
 * WeCom/DingTalk by the channels module). Keyed by name: registering again replaces (decision 0012).
 */
type NotificationListener = (db: Db, rows: readonly NotificationRow[]) => Promise<void>;
const listeners = new Map<string, NotificationListener>();

export function onNotificationsCreated(name: string, listener: NotificationListener): void {
  listeners.set(name, listener);
}

/** Writes in-app notices in the caller's transaction; other modules notify through this. */
export async function createNotifications(db: Db, rows: readonly NewNotification[]): Promise<void> {
  // Large batches go in slices to stay under the driver's bind-parameter limit.
  for (let i = 0; i < rows.length; i += 1000) {
    const slice = rows.slice(i, i + 1000);
    if (listeners.size === 0) {
      await db.insert(notifications).values(slice);
      continue;
    }
    const inserted = await db.insert(notifications).values(slice).returning();
    for (const listener of listeners.values()) await listener(db, inserted);
  }
}
