/**
 * SAT-1 / CARE-1 / SLA-6: one satisfaction call per service, by its owner. The call task is planned
 * when the work is done (workorder.completed) and owned by the person who owns the customer
 * conversation — the ticket's intake agent, or whoever raised the order. Making that call (a care
 * task reached) is the event that meets the 24-hour target; closing the order is archiving only.
 */
import { eq } from 'drizzle-orm';
import type { Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { tickets } from '../tickets/tickets.table';
import { workOrderSlaEvent } from './workorders.sla';
import { workOrders } from './workorders.table';

/** The order's owner: the ticket's intake agent (接诉人) when it came from a ticket, else its creator. */
export async function workOrderOwner(
  db: Db,
  order: { ticketId: string | null; createdBy: string },
): Promise<string> {
  if (order.ticketId) {
    const [t] = await db
      .select({ intakeAgentId: tickets.intakeAgentId })
      .from(tickets)
      .where(eq(tickets.id, order.ticketId));
    if (t?.intakeAgentId) return t.intakeAgentId;
  }
  return order.createdBy;
}

/** The satisfaction call of a work order was made: its own and its ticket's follow-up targets are met. */
export async function workOrderSatisfactionCallMade(
  deps: Deps,
  tx: Db,
  workOrderId: string,
  at: Date,
): Promise<void> {
  const [order] = await tx
    .select({ id: workOrders.id, ticketId: workOrders.ticketId })
    .from(workOrders)
    .where(eq(workOrders.id, workOrderId));
  if (order) await workOrderSlaEvent(deps, tx, order, 'satisfaction_call_made', at);
}

/** The work orders dispatched from a ticket (a ticket's call and its orders' call are the same service). */
export async function workOrderIdsOfTicket(db: Db, ticketId: string): Promise<string[]> {
  const rows = await db
    .select({ id: workOrders.id })
    .from(workOrders)
    .where(eq(workOrders.ticketId, ticketId));
  return rows.map((r) => r.id);
}
