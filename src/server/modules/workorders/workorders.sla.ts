import type { Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { startPendingTargets, stopTarget } from '../sla/sla.service';
import { emitTicketSlaEvent } from '../tickets/tickets.service';
import { WORK_ORDER_SUBJECT } from './workorders.create';

/**
 * A work order's SLA event (SLA-6, SLA-10): its own targets waiting for it start and those met by
 * it are met; the ticket it was dispatched from gets the same event, since the repair promised on
 * the ticket is kept by the visit (contact, solution, item returned, satisfaction call).
 */
export async function workOrderSlaEvent(
  deps: Deps,
  tx: Db,
  order: { id: string; ticketId: string | null },
  event: string,
  at: Date,
): Promise<void> {
  const ref = { subjectType: WORK_ORDER_SUBJECT, subjectId: order.id };
  await startPendingTargets(deps, tx, { ...ref, trigger: { event }, at });
  await stopTarget(deps, tx, { ...ref, event, at });
  if (order.ticketId) await emitTicketSlaEvent(deps, tx, order.ticketId, event, at);
}
