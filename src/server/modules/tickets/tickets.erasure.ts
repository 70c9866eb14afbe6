import { eq, inArray } from 'drizzle-orm';
import { registerErasureHandler } from '../customers/customers.service';
import { ticketSearchText } from './tickets.search';
import { ticketEvents, tickets } from './tickets.table';

/** Every string inside a JSON value passed through `scrub`. */
function scrubJson(value: unknown, scrub: (text: string) => string): unknown {
  if (typeof value === 'string') return scrub(value);
  if (Array.isArray(value)) return value.map((v) => scrubJson(v, scrub));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubJson(v, scrub)]));
  return value;
}

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
