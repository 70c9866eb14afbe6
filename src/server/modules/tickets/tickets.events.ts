/**
 * ORG-3 for tickets: when a leaver's account is disabled, their open tickets do not sit orphaned.
 * Tickets assigned to them go to the successor (or back to the team/department queue when none
 * was named); tickets they took in — whose customer conversation they owned — go to the successor.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { OPEN_TICKET_STATES } from '../../../domain/tickets';
import { onBusinessEvent } from '../../app/business-events';
import { recordAudit } from '../audit/audit.service';
import { addEvent } from './tickets.repository';
import { tickets } from './tickets.table';

export function registerTicketEvents(): void {
  onBusinessEvent('user.disabled', 'tickets.hand-over', async (_deps, tx, event) => {
    const actor = { userId: event.actorId, ip: null };
    const open = inArray(tickets.state, [...OPEN_TICKET_STATES]);
    const assigned = await tx
      .update(tickets)
      .set({ assigneeUserId: event.successorId, updatedAt: event.at })
      .where(and(eq(tickets.assigneeUserId, event.userId), open))
      .returning({ id: tickets.id, unitId: tickets.unitId });
    const owned = event.successorId
      ? await tx
          .update(tickets)
          .set({ intakeAgentId: event.successorId, updatedAt: event.at })
          .where(and(eq(tickets.intakeAgentId, event.userId), open))
          .returning({ id: tickets.id, unitId: tickets.unitId })
      : [];
    const changes = [
      ...assigned.map((t) => ({ ...t, field: 'assigneeUserId' as const })),
      ...owned.map((t) => ({ ...t, field: 'intakeAgentId' as const })),
    ];
    for (const change of changes) {
      await addEvent(tx, {
        ticketId: change.id,
        type: 'assigned',
        actorId: event.actorId,
        at: event.at,
        body: { rule: 'ORG-3', field: change.field, fromUserId: event.userId, toUserId: event.successorId },
      });
      await recordAudit(tx, event.at, actor, {
        action: 'tickets.handed_over',
        subjectType: 'ticket',
        subjectId: change.id,
        unitId: change.unitId,
        before: { [change.field]: event.userId },
        after: { [change.field]: event.successorId, rule: 'ORG-3' },
      });
    }
  });
}
