/**
 * What the tickets module lends other modules at start-up: tickets carry attachments (photos of
 * the damage, letters), the customer card shows the customer's open tickets, and the SLA engine
 * asks which tickets are still open before it escalates anything (SLA-10).
 */
import { and, desc, eq, inArray, notInArray, or, sql } from 'drizzle-orm';
import { scopeRoots } from '../../../domain/permissions';
import { ENDED_TICKET_STATES, OPEN_TICKET_STATES } from '../../../domain/tickets';
import { registerAttachmentSubject } from '../attachments/attachments.service';
import { registerCardSection } from '../customers/customers.service';
import { registerSlaSubject } from '../sla/sla.service';
import { unitsWithin } from '../org/org.service';
import { organisationUnits } from '../org/org.table';
import { ticketErrors } from './tickets.errors';
import { assertOnTicket, mayOnTicket } from './tickets.policy';
import { presentTicketList } from './tickets.presenter';
import { loadTicket } from './tickets.repository';
import { tickets } from './tickets.table';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function registerTicketExtensions(): void {
  // A resolved ticket is still open for SLA purposes: its satisfaction call may be running.
  registerSlaSubject(
    'ticket',
    async (db, ids) => {
      const valid = ids.filter((id) => UUID.test(id));
      if (valid.length === 0) return new Set();
      const rows = await db
        .select({ id: tickets.id })
        .from(tickets)
        .where(and(inArray(tickets.id, valid), notInArray(tickets.state, [...ENDED_TICKET_STATES])));
      return new Set(rows.map((r) => r.id));
    },
    async (db, ids) => {
      const valid = ids.filter((id) => UUID.test(id));
      if (valid.length === 0) return new Map();
      const rows = await db
        .select({ id: tickets.id, number: tickets.number, subject: tickets.subject })
        .from(tickets)
        .where(inArray(tickets.id, valid));
      return new Map(rows.map((r) => [r.id, { number: r.number, title: r.subject }]));
    },
  );

  registerAttachmentSubject('ticket', {
    async unitOf(deps, actor, subjectId) {
      const loaded = UUID.test(subjectId) ? await loadTicket(deps.db, subjectId) : undefined;
      if (!loaded) throw ticketErrors.notFound();
      assertOnTicket(actor, 'tickets.read', loaded);
      return loaded.unit.path;
    },
    async canWrite(deps, actor, subjectId) {
      const loaded = await loadTicket(deps.db, subjectId);
      return !!loaded && mayOnTicket(actor, 'tickets.manage', loaded);
    },
  });

  /** The card's openTickets: the customer's open tickets the caller may see, newest first (at most 10). */
  registerCardSection('openTickets', async (deps, actor, customerId) => {
    const roots = scopeRoots(actor.grants, 'tickets.read');
    if (roots.length === 0) return [];
    const inUnits = sql`select ${organisationUnits.id} from ${organisationUnits} where ${unitsWithin(roots)}`;
    const rows = await deps.db
      .select()
      .from(tickets)
      .where(
        and(
          eq(tickets.customerId, customerId),
          inArray(tickets.state, [...OPEN_TICKET_STATES]),
          or(sql`${tickets.unitId} in (${inUnits})`, sql`${tickets.assigneeDepartmentId} in (${inUnits})`),
        ),
      )
      .orderBy(desc(tickets.receivedAt))
      .limit(10);
    return presentTicketList(deps, actor, rows);
  });
}
