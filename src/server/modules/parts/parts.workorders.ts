/**
 * What the parts module needs to know about a work order, read-only: its unit, state, technician,
 * service class and whether its charged-service quote (PAY-3) is approved and signed. This is the
 * only place the parts module reads the quote.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../app/db';
import { organisationUnits } from '../org/org.table';
import { workOrders } from '../workorders/workorders.table';

export interface WorkOrderFacts {
  id: string;
  number: string;
  unitId: string;
  unitPath: string[];
  state: string;
  technicianId: string | null;
  serviceClass: 'A' | 'B' | 'C' | 'D';
}

export async function workOrderFacts(db: Db, id: string): Promise<WorkOrderFacts | undefined> {
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

/**
 * PAY-3: a charged (class A) order's quote is approved by the chain and signed by the customer
 * before parts are requisitioned for it; other classes need none. The workorders module decides.
 */
export { quoteApprovedForRequisition as quoteApproved } from '../workorders/workorders.service';

/** Parts are not moved for an order that is over. */
export const workOrderOver = (state: string) => state === 'closed' || state === 'cancelled';
