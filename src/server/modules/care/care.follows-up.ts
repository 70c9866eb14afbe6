import { inArray } from 'drizzle-orm';
import type { Db } from '../../app/db';
import { tickets } from '../tickets/tickets.table';
import { workOrders } from '../workorders/workorders.table';
import type { CareTaskRow } from './care.repository';

/** The ticket or work order a follow-up calls about, by its number (CARE-5: the caller says which visit). */
export interface FollowsUp {
  kind: 'ticket' | 'work_order';
  id: string;
  number: string;
}

/**
 * Event rules record their subject as the event's first word ('ticket' for ticket.closed,
 * 'workorder' for workorder.completed); date and inactivity rules follow up no case.
 */
export async function followsUpOf(db: Db, tasks: readonly CareTaskRow[]): Promise<Map<string, FollowsUp>> {
  const uuid = /^[0-9a-f-]{36}$/i;
  const idsOf = (type: string) => [
    ...new Set(tasks.filter((t) => t.sourceType === type && uuid.test(t.sourceId)).map((t) => t.sourceId)),
  ];
  const ticketIds = idsOf('ticket');
  const orderIds = idsOf('workorder');
  const [ticketRows, orderRows] = await Promise.all([
    ticketIds.length
      ? db
          .select({ id: tickets.id, number: tickets.number })
          .from(tickets)
          .where(inArray(tickets.id, ticketIds))
      : [],
    orderIds.length
      ? db
          .select({ id: workOrders.id, number: workOrders.number })
          .from(workOrders)
          .where(inArray(workOrders.id, orderIds))
      : [],
  ]);
  const tickNo = new Map(ticketRows.map((r) => [r.id, r.number]));
  const orderNo = new Map(orderRows.map((r) => [r.id, r.number]));
  const out = new Map<string, FollowsUp>();
  for (const t of tasks) {
    const ticket = t.sourceType === 'ticket' ? tickNo.get(t.sourceId) : undefined;
    const order = t.sourceType === 'workorder' ? orderNo.get(t.sourceId) : undefined;
    if (ticket) out.set(t.id, { kind: 'ticket', id: t.sourceId, number: ticket });
    else if (order) out.set(t.id, { kind: 'work_order', id: t.sourceId, number: order });
  }
  return out;
}
