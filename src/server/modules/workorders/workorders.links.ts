/**
 * Records of other modules that a work order was opened for (a quality claim's inspection, RET-7):
 * the owning module registers a reader, and the work order's page links back to them.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../app/db';
import { workOrders } from './workorders.table';

export interface WorkOrderLink {
  subjectType: string;
  id: string;
  /** What the page shows, e.g. the order number and product of the return request. */
  label: string;
}
export type WorkOrderLinkReader = (db: Db, workOrderId: string) => Promise<WorkOrderLink[]>;
const readers = new Map<string, WorkOrderLinkReader>();

/** A module says which of its records point at a work order (registered once per server). */
export function registerWorkOrderLinks(subjectType: string, reader: WorkOrderLinkReader): void {
  readers.set(subjectType, reader);
}

/** Every record that points at the work order, from each registered module. */
export async function linksOf(db: Db, workOrderId: string): Promise<WorkOrderLink[]> {
  const out: WorkOrderLink[] = [];
  for (const read of readers.values()) out.push(...(await read(db, workOrderId)));
  return out;
}

/** Where a work order stands, for a module waiting on it (RET-7: the inspection is done once completed). */
export async function workOrderProgress(db: Db, id: string) {
  const [row] = await db
    .select({
      id: workOrders.id,
      number: workOrders.number,
      state: workOrders.state,
      technicianId: workOrders.technicianId,
      completedAt: workOrders.completedAt,
      faultCause: workOrders.faultCause,
    })
    .from(workOrders)
    .where(eq(workOrders.id, id));
  return row ?? null;
}
