/**
 * What the parts module needs to know about a work order, read-only: its unit, state, technician,
 * service class and whether its charged-service quote (PAY-3) is approved.
 *
 * The quote is read from work_order_quotes.approved_at, where the workorders module stores the
 * manager's approval today. The quote is moving onto the approval engine (docs/decisions/0016) in
 * the appr-wo branch, whose workorders service exports `quoteApprovedForRequisition(db, id)`
 * (approved and signed by the customer; classes other than A need none). Once merged,
 * `quoteApproved` below should return that — this is the only place the parts module reads the quote.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../app/db';
import { organisationUnits } from '../org/org.table';
import { workOrderQuotes } from '../workorders/pricing.table';
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

/** PAY-3: the charged-service quote of the order has the manager's approval. */
export async function quoteApproved(db: Db, workOrderId: string): Promise<boolean> {
  const [row] = await db
    .select({ approvedAt: workOrderQuotes.approvedAt })
    .from(workOrderQuotes)
    .where(eq(workOrderQuotes.workOrderId, workOrderId));
  return !!row?.approvedAt;
}

/** Parts are not moved for an order that is over. */
export const workOrderOver = (state: string) => state === 'closed' || state === 'cancelled';
