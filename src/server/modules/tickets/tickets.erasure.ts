import { eq, inArray } from 'drizzle-orm';
import { registerErasureHandler, scrubJson } from '../customers/customers.service';
import { ticketSearchText } from './tickets.search';
import { ticketEvents, tickets } from './tickets.table';

/**
 * PIPL erasure: the customer's tickets keep their type, states and times; the contact number and
 * address go, and the customer's name and numbers are taken out of the subject, description and
 * every entry's text (search words rebuilt from the scrubbed text).
 */
export function registerTicketErasure(): void {
  registerErasureHandler('tickets', async (tx, customerId, scrub) => {
    const rows = await tx.select().from(tickets).where(eq(tickets.customerId, customerId));
    for (const t of rows) {
      const next = {
        ...t,
        subject: scrub(t.subject),
        description: scrub(t.description),
        contactPhone: null,
        address: null,
      };
      await tx
        .update(tickets)
        .set({
          subject: next.subject,
          description: next.description,
          contactPhone: null,
          address: null,
          searchText: ticketSearchText(next, null),
        })
        .where(eq(tickets.id, t.id));
    }
    if (rows.length > 0) {
      const events = await tx
        .select({ id: ticketEvents.id, body: ticketEvents.body })
        .from(ticketEvents)
        .where(
          inArray(
            ticketEvents.ticketId,
            rows.map((t) => t.id),
          ),
        );
      for (const e of events)
        await tx
          .update(ticketEvents)
          .set({ body: scrubJson(e.body, scrub) as Record<string, unknown> })
          .where(eq(ticketEvents.id, e.id));
    }
    return rows.length;
  });
}
