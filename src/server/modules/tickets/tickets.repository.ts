import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { insertRows, StatementParams } from '../../app/bulk-insert';
import { executePrepared, type Db } from '../../app/db';
import type { TicketClosedEvent } from '../../app/business-events';
import { searchDocument } from '../../app/chinese-text';
import { findUnit, type UnitRow } from '../org/org.service';
import {
  ticketEvents,
  ticketIdempotencyKeys,
  ticketNumberCounters,
  tickets,
  type TicketEventType,
} from './tickets.table';

export type TicketRow = typeof tickets.$inferSelect;
export type NewTicketRow = typeof tickets.$inferInsert;
/** A ticket as lists show it: without its search words, which can be long and are never shown. */
export type TicketListRow = Omit<TicketRow, 'searchText'>;
export type TicketEventRow = typeof ticketEvents.$inferSelect;

/** A ticket with the units that decide who sees it (ORG-1): its own, and its responsible department's. */
export interface LoadedTicket {
  ticket: TicketRow;
  unit: UnitRow;
  department: UnitRow | null;
}

export async function loadTicket(
  db: Db,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<LoadedTicket | undefined> {
  const query = db.select().from(tickets).where(eq(tickets.id, id));
  const [ticket] = opts.forUpdate ? await query.for('update') : await query;
  if (!ticket) return undefined;
  // Often called inside a transaction (one connection), so the lookups run one after another.
  const unit = await findUnit(db, ticket.unitId);
  const department = ticket.assigneeDepartmentId
    ? await findUnit(db, ticket.assigneeDepartmentId)
    : undefined;
  return unit ? { ticket, unit, department: department ?? null } : undefined;
}

/**
 * Draws the next number of its unit's local day for each intake, in the order given, with one
 * statement (one counter row per unit and day, moved by as many as that day's intakes need).
 *
 * `ownTransaction`: the statement is a transaction of its own (not part of a caller's), whose commit
 * need not wait for the disk. That is safe because a number only matters once a ticket carries it,
 * and the ticket's own commit is written to the log after this one: when it is on disk, so is the
 * counter. A crash before that loses both, and the numbers are drawn again — by tickets that exist
 * nowhere else. Measured under load, it takes one disk flush per intake batch off the intake's path.
 */
export async function drawTicketNumbers(
  db: Db,
  intakes: readonly { unitId: string; localDate: string }[],
  opts: { ownTransaction: boolean },
): Promise<number[]> {
  if (intakes.length === 0) return [];
  const runKey = (r: { unitId: string; localDate: string }) => `${r.unitId}|${r.localDate}`;
  const counts = new Map<string, { unitId: string; localDate: string; lastValue: number }>();
  for (const intake of intakes) {
    const run = counts.get(runKey(intake)) ?? { ...intake, lastValue: 0 };
    run.lastValue++;
    counts.set(runKey(intake), run);
  }
  const params = new StatementParams();
  const rows = await executePrepared<{ unitId: string; localDate: string; lastValue: number }>(
    db,
    `${insertRows(ticketNumberCounters, [...counts.values()], params)}
      on conflict (unit_id, local_date) do update set last_value = ticket_number_counters.last_value + excluded.last_value
      returning unit_id as "unitId", local_date as "localDate", last_value as "lastValue"${
        // A returning expression is evaluated for every row, so the setting is in place at commit.
        opts.ownTransaction ? `, set_config('synchronous_commit', 'off', true) as "commitWithoutWaiting"` : ''
      }`,
    params.values,
  );
  // Each unit's day gets the last numbers up to its counter's new value, as many as it asked for, in order.
  const next = new Map(
    rows.map((row) => [runKey(row), row.lastValue - counts.get(runKey(row))!.lastValue + 1]),
  );
  return intakes.map((intake) => {
    const number = next.get(runKey(intake))!;
    next.set(runKey(intake), number + 1);
    return number;
  });
}

/** The `ticket.closed` business event other modules (care rules, surveys) act on. */
export function ticketClosedEvent(ticket: TicketRow, at: Date): TicketClosedEvent {
  return {
    type: 'ticket.closed',
    ticketId: ticket.id,
    ticketNumber: ticket.number,
    ticketType: ticket.type,
    unitId: ticket.unitId,
    customerId: ticket.customerId,
    ownerId: ticket.intakeAgentId ?? ticket.assigneeUserId,
    at,
  };
}

export interface NewTicketEvent {
  ticketId: string;
  type: TicketEventType;
  actorId: string | null;
  at: Date;
  visibility?: 'internal' | 'customer';
  body?: Record<string, unknown>;
}

/** A timeline entry as written: internal and empty unless said otherwise, with its id chosen here. */
export function eventRow(event: NewTicketEvent) {
  return { visibility: 'internal' as const, body: {}, ...event, id: randomUUID() };
}

/** The one writer of a ticket row's changes (ticket and complaint actions alike). */
export async function saveTicket(tx: Db, id: string, changes: Partial<TicketRow>): Promise<TicketRow> {
  const [row] = await tx.update(tickets).set(changes).where(eq(tickets.id, id)).returning();
  return row!;
}

export async function addEvent(db: Db, event: NewTicketEvent): Promise<TicketEventRow> {
  const [row] = await db.insert(ticketEvents).values(eventRow(event)).returning();
  return row!;
}

export async function eventsOf(db: Db, ticketId: string): Promise<TicketEventRow[]> {
  return db
    .select()
    .from(ticketEvents)
    .where(eq(ticketEvents.ticketId, ticketId))
    .orderBy(asc(ticketEvents.at), asc(ticketEvents.seq));
}

/** True once a customer-visible reply was written on the ticket. */
export async function hasReply(db: Db, ticketId: string): Promise<boolean> {
  const rows = await db
    .select({ id: ticketEvents.id })
    .from(ticketEvents)
    .where(and(eq(ticketEvents.ticketId, ticketId), eq(ticketEvents.type, 'reply')))
    .limit(1);
  return rows.length > 0;
}

/** The words the ticket is found by (search is built on this column). */
export function searchTextOf(
  t: Pick<TicketRow, 'number' | 'subject' | 'description' | 'contactPhone' | 'address' | 'assetModel'>,
): string {
  return searchDocument(t.number, t.subject, t.description, t.contactPhone, t.address, t.assetModel);
}

export async function findIdempotencyKey(db: Db, actorId: string, key: string) {
  const [row] = await db
    .select()
    .from(ticketIdempotencyKeys)
    .where(and(eq(ticketIdempotencyKeys.actorId, actorId), eq(ticketIdempotencyKeys.key, key)));
  return row;
}

export async function ticketNumbers(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: tickets.id, number: tickets.number })
    .from(tickets)
    .where(inArray(tickets.id, ids));
  return new Map(rows.map((r) => [r.id, r.number]));
}
