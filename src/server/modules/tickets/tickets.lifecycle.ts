/**
 * What a ticket's move between states does beyond the row: its SLA targets (SLA-7 pause, resolved
 * meets the resolution, SLA-10 an end ends every target, a reopen restarts what the policy says)
 * and the `ticket.closed` business event. Every path that moves a ticket — the transition action,
 * bulk moves, merging, complaint close-out and evaluation — goes through here, so no path can
 * leave targets running on an ended ticket.
 */
import { endReasonOf } from '../../../domain/sla';
import {
  isReopen,
  RESOLVED_SLA_EVENT,
  slaClockChange,
  ticketEnd,
  type TicketState,
} from '../../../domain/tickets';
import { publishBusinessEvent } from '../../app/business-events';
import type { Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { endTargets, pauseTargets, restartTargets, resumeTargets, stopTarget } from '../sla/sla.service';
import { ticketClosedEvent, type TicketRow } from './tickets.repository';

/** The row changes a move makes: when it was resolved or closed, cleared again on a reopen. */
export function stateChanges(from: TicketState, to: TicketState, now: Date): Partial<TicketRow> {
  const changes: Partial<TicketRow> = { state: to, updatedAt: now };
  if (to === 'resolved') changes.resolvedAt = now;
  if (ticketEnd(to)) changes.closedAt = now;
  if (isReopen(from, to)) Object.assign(changes, { resolvedAt: null, closedAt: null });
  return changes;
}

/** Runs the SLA and business-event consequences of `ticket` (as it was) moving to `to`, in `tx`. */
export async function applyStateEffects(
  deps: Deps,
  tx: Db,
  ticket: TicketRow,
  to: TicketState,
  now: Date,
): Promise<void> {
  const ref = { subjectType: 'ticket', subjectId: ticket.id };
  const from = ticket.state;
  const clock = slaClockChange(from, to);
  if (clock === 'pause') await pauseTargets(deps, tx, { ...ref, at: now });
  if (clock === 'resume') await resumeTargets(deps, tx, { ...ref, at: now });
  if (to === 'resolved') await stopTarget(deps, tx, { ...ref, event: RESOLVED_SLA_EVENT, at: now });
  const end = ticketEnd(to);
  if (end) await endTargets(deps, tx, { ...ref, at: now, reason: endReasonOf(end) });
  if (isReopen(from, to)) {
    await restartTargets(deps, tx, { ...ref, at: now, ticketType: ticket.type });
    await publishBusinessEvent(deps, tx, {
      type: 'ticket.reopened',
      ticketId: ticket.id,
      unitId: ticket.unitId,
      at: now,
    });
  }
  if (to === 'closed') await publishBusinessEvent(deps, tx, ticketClosedEvent(ticket, now));
}
