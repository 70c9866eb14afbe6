import type { Db } from '../../app/db';
import { notifications } from './notifications.table';

export type NewNotification = typeof notifications.$inferInsert;

/** Writes in-app notices in the caller's transaction; other modules notify through this. */
export async function createNotifications(db: Db, rows: readonly NewNotification[]): Promise<void> {
  // Large batches go in slices to stay under the driver's bind-parameter limit.
  for (let i = 0; i < rows.length; i += 1000) await db.insert(notifications).values(rows.slice(i, i + 1000));
}
