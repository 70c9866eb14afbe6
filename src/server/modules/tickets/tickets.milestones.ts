/**
 * Milestones of a service recorded on the ticket itself (SLA-5, SLA-6, SLA-10): the solution
 * offered, the repaired item returned, the satisfaction call made. They start and meet the targets
 * the hard-complaint and repair policies run on tickets, so those targets can end without a work
 * order (a repair solved on the phone); a work order's own milestones reach its ticket too.
 */
import { desc, eq } from 'drizzle-orm';
import { isReopen, TICKET_MILESTONES, type TicketMilestone, type TicketState } from '../../../domain/tickets';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { recordAudit } from '../audit/audit.service';
import { startPendingTargets, stopTarget } from '../sla/sla.service';
import { ticketErrors } from './tickets.errors';
import { onLockedTicket } from './tickets.policy';
import { saveTicket, addEvent } from './tickets.repository';
import { ticketEvents } from './tickets.table';

/** Records a milestone: its timeline entry, the targets it starts and meets, its audit row. */
export async function recordMilestone(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { kind: TicketMilestone; note?: string | null | undefined },
): Promise<void> {
  await onLockedTicket(deps, actor, id, 'tickets.manage', async (tx, { ticket, unit }, now) => {
    if (ticket.state === 'cancelled' || ticket.state === 'merged') throw ticketErrors.milestoneNotAllowed();
    // CARE-1: one satisfaction call per service; a reopened case is a new round of service.
    if (input.kind === 'satisfaction_call' && (await satisfactionCallSinceReopen(tx, id)))
      throw ticketErrors.satisfactionCallAlreadyMade();
    const event = TICKET_MILESTONES[input.kind];
    const note = input.note?.trim() || null;
    await addEvent(tx, {
      ticketId: id,
      type: 'milestone',
      actorId: actor.userId,
      at: now,
      body: { kind: input.kind, note },
    });
    await emitTicketSlaEvent(deps, tx, id, event, now);
    await saveTicket(tx, id, { updatedAt: now });
    await recordAudit(tx, now, actor, {
      action: 'tickets.milestone_recorded',
      subjectType: 'ticket',
      subjectId: id,
      unitId: unit.id,
      after: { kind: input.kind, note, state: ticket.state },
    });
  });
}

/** An SLA event on a ticket: targets waiting for it start, targets met by it are met. */
export async function emitTicketSlaEvent(deps: Deps, tx: Db, ticketId: string, event: string, at: Date) {
  const ref = { subjectType: 'ticket', subjectId: ticketId };
  await startPendingTargets(deps, tx, { ...ref, trigger: { event }, at });
  await stopTarget(deps, tx, { ...ref, event, at });
}

/** True when a satisfaction call was recorded after the ticket was last reopened (or ever, if never). */
async function satisfactionCallSinceReopen(tx: Db, ticketId: string): Promise<boolean> {
  const rows = await tx
    .select({ type: ticketEvents.type, body: ticketEvents.body })
    .from(ticketEvents)
    .where(eq(ticketEvents.ticketId, ticketId))
    .orderBy(desc(ticketEvents.seq));
  for (const row of rows) {
    const body = row.body as { kind?: string; from?: string; to?: string };
    if (row.type === 'milestone' && body.kind === 'satisfaction_call') return true;
    const reopened =
      row.type === 'state_changed' && isReopen(body.from as TicketState, body.to as TicketState);
    if (reopened) return false;
  }
  return false;
}
