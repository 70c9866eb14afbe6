import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { phoneSearchDigits } from '../../../domain/customers';
import { searchDocument, searchQuery } from '../../app/chinese-text';
import type { Db } from '../../app/db';
import { customerPhones, customers } from '../customers/customers.table';
import { searchTextOf } from './tickets.repository';
import { ticketEvents, tickets } from './tickets.table';

/** Events whose text an agent searches by: what was said to the customer and what colleagues noted. */
const SEARCHED_EVENTS = ['reply', 'note'] as const;
const MIN_NUMBER_DIGITS = 4;

/**
 * Rebuilds the ticket's search words from its subject, description, number, phone, address and
 * model, its customer's name, and every reply and note. Called in the transaction that changed any of them.
 */
export async function refreshTicketSearchText(db: Db, ticketId: string): Promise<void> {
  // Reads the customers table for the name: the customers module has no name-only helper.
  const [row] = await db
    .select({ ticket: tickets, customerName: customers.name })
    .from(tickets)
    .leftJoin(customers, eq(customers.id, tickets.customerId))
    .where(eq(tickets.id, ticketId));
  if (!row) return;
  const events = await db
    .select({ body: ticketEvents.body })
    .from(ticketEvents)
    .where(and(eq(ticketEvents.ticketId, ticketId), inArray(ticketEvents.type, [...SEARCHED_EVENTS])));
  const messages = events.map((e) => (typeof e.body.text === 'string' ? e.body.text : ''));
  await db
    .update(tickets)
    .set({ searchText: ticketSearchText(row.ticket, row.customerName, messages) })
    .where(eq(tickets.id, ticketId));
}

/** The searched words of a ticket: its own fields, the customer's name and the replies' text. */
export function ticketSearchText(
  ticket: Parameters<typeof searchTextOf>[0],
  customerName: string | null,
  messages: string[] = [],
): string {
  const words = new Set([
    ...searchTextOf(ticket).split(' '),
    ...searchDocument(customerName, ...messages).split(' '),
  ]);
  words.delete('');
  return [...words].join(' ');
}

/**
 * to_tsvector('simple', search_text), stored by PostgreSQL and GIN-indexed (migration 0013) so the
 * match does not re-parse the text. Not a Drizzle column: nothing ever writes it.
 */
const DOCUMENT = sql`${tickets}.search_vector`;

/**
 * Every search lists newest first (listTickets). `words`: a full-text search, which can match a
 * large share of all tickets, so listTickets counts it only up to a cap.
 */
export type TicketSearch = { where: SQL; kind: 'number' | 'words' };

/**
 * What `q` of the ticket list means. Digits (≥ 4, phone spellings allowed) or T + digits: the start
 * of a ticket number, or part of the contact phone or of any of the customer's phones, newest first.
 * Anything else: every word (jieba-cut) must appear; newest first. Null = nothing searchable.
 */
export function ticketSearch(q: string): TicketSearch | null {
  const text = q.trim();
  const numbered = /^[Tt]\d{4,}$/.exec(text);
  if (numbered)
    return {
      where: sql`${tickets.number} like ${`T${text.slice(1)}%`}`,
      kind: 'number',
    };
  const digits = phoneSearchDigits(text);
  if (digits !== null && digits.length >= MIN_NUMBER_DIGITS) {
    const like = `%${digits}%`;
    // One indexed lookup per way of matching, united: an OR over the three would scan the table.
    // Reads customer_phones for a join: the customers module has no ids-by-partial-number helper.
    return {
      where: sql`${tickets.id} in (
        select n.id from ${tickets} n where n.number like ${`T${digits}%`}
        union select p.id from ${tickets} p
          where regexp_replace(coalesce(p.contact_phone, ''), '[^0-9]', '', 'g') like ${like}
        union select c.id from ${tickets} c where c.customer_id in (
          select ${customerPhones.customerId} from ${customerPhones} where ${customerPhones.normalized} like ${like}))`,
      kind: 'number',
    };
  }
  const query = searchQuery(text);
  if (query === null) return null;
  // Not ranked by ts_rank: every match holds every word, so rank only weighs how often they
  // recur, while the case an agent looks for is usually the recent one — and ranking would read
  // every match of a common word (decision 0007).
  return {
    where: sql`${DOCUMENT} @@ to_tsquery('simple', ${query})`,
    kind: 'words',
  };
}
