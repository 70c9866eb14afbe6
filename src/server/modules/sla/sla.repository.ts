import { inArray } from 'drizzle-orm';
import { DEFAULT_SLA_POLICIES, resolvePolicy, type TicketType } from '../../../domain/sla';
import type { Db } from '../../app/db';
import type { UnitRow } from '../org/org.repository';
import { notifications, slaPolicies } from './sla.table';

export type SlaPolicyRow = typeof slaPolicies.$inferSelect;
export const TICKET_TYPES = Object.keys(DEFAULT_SLA_POLICIES) as TicketType[];

export async function policyRowsOnPath(db: Db, unitPath: readonly string[]): Promise<SlaPolicyRow[]> {
  return db
    .select()
    .from(slaPolicies)
    .where(inArray(slaPolicies.unitId, [...unitPath]));
}

export async function effectivePolicy(
  db: Db,
  unit: Pick<UnitRow, 'id' | 'path'>,
  ticketType: TicketType,
  priority: string | null = null,
) {
  return resolvePolicy(await policyRowsOnPath(db, unit.path), unit, ticketType, priority);
}

export type NewNotification = typeof notifications.$inferInsert;

/** Writes in-app notices in the caller's transaction; other modules (tasks) notify through this. */
export async function createNotifications(db: Db, rows: readonly NewNotification[]): Promise<void> {
  // Large batches go in slices to stay under the driver's bind-parameter limit.
  for (let i = 0; i < rows.length; i += 1000) await db.insert(notifications).values(rows.slice(i, i + 1000));
}
