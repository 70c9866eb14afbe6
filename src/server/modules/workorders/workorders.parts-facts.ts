/**
 * What the spare-parts module may know of work orders (decision 0012: it reads them through the
 * workorders service, never the tables): one order's unit, state, technician and class, and the
 * numbers of orders its movements and old-part returns point at.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../app/db';
import { organisationUnits } from '../org/org.table';
import { workOrders } from './workorders.table';

export interface WorkOrderPartsFacts {
  id: string;
  number: string;
  unitId: string;
  unitPath: string[];
  state: string;
  technicianId: string | null;
  serviceClass: 'A' | 'B' | 'C' | 'D';
}

export async function workOrderFactsForParts(db: Db, id: string): Promise<WorkOrderPartsFacts | undefined> {
  const [row] = await db
    .select({
      id: workOrders.id,
      number: workOrders.number,
      unitId: workOrders.unitId,
      unitPath: organisationUnits.path,
      state: workOrders.state,
      technicianId: workOrders.technicianId,
      serviceClass: workOrders.serviceClass,
    })
    .from(workOrders)
    .innerJoin(organisationUnits, eq(organisationUnits.id, workOrders.unitId))
    .where(eq(workOrders.id, id));
  return row;
}

/** The numbers (派工单号) of the given orders, by id. */
export async function workOrderNumbers(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: workOrders.id, number: workOrders.number })
    .from(workOrders)
    .where(inArray(workOrders.id, unique));
  return new Map(rows.map((r) => [r.id, r.number]));
}
