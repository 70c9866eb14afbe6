/**
 * What happens to a call's contact-log row while the agent is on the call (IN-2, IN-3): the ticket
 * taken from it and a customer saved for an unknown number are written onto that one row, so the
 * call log says what the call led to.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { recordAudit } from '../audit/audit.service';
import { customerInScope } from '../customers/customers.service';
import { contactErrors } from './contacts.errors';
import { contacts } from './contacts.table';

export interface CallOnFile {
  contactId: string;
  unitId: string;
  /** Normalized digits of the number that called; never the masked text a screen showed. */
  phoneNumber: string | null;
  customerId: string | null;
  ticketId: string | null;
}

/**
 * The agent's own call by the telephony call id, else 404: a call rang on one person's desk, and
 * another person cannot attach a ticket or a customer to it by guessing its id.
 */
export async function findOwnCall(db: Db, agent: Actor, callId: string): Promise<CallOnFile> {
  const [row] = await db
    .select({
      contactId: contacts.id,
      unitId: contacts.unitId,
      phoneNumber: contacts.phoneNumber,
      customerId: contacts.customerId,
      ticketId: contacts.ticketId,
      agentId: contacts.agentId,
    })
    .from(contacts)
    .where(eq(contacts.callId, callId));
  if (!row || row.agentId !== agent.userId) throw contactErrors.callNotFound();
  return {
    contactId: row.contactId,
    unitId: row.unitId,
    phoneNumber: row.phoneNumber,
    customerId: row.customerId,
    ticketId: row.ticketId,
  };
}

/**
 * The ticket taken from a call goes onto the call's row, in the creating transaction. A caller who
 * raises a second matter gets a second ticket; the row keeps the first one it led to.
 */
export async function linkCallToTicket(
  tx: Db,
  now: Date,
  agent: Actor,
  call: CallOnFile,
  ticket: { id: string; customerId: string | null },
): Promise<void> {
  const [row] = await tx
    .update(contacts)
    .set({ ticketId: ticket.id, ...(call.customerId ? {} : { customerId: ticket.customerId }) })
    .where(and(eq(contacts.id, call.contactId), isNull(contacts.ticketId)))
    .returning({ id: contacts.id, customerId: contacts.customerId });
  if (!row) return;
  await recordAudit(tx, now, agent, {
    action: 'contact.call_ticket_linked',
    subjectType: 'contact',
    subjectId: call.contactId,
    unitId: call.unitId,
    before: { ticketId: null, customerId: call.customerId },
    after: { ticketId: ticket.id, customerId: row.customerId },
  });
}

/** A customer saved during a call from an unknown number (保存为新客户) is the caller of that call. */
export async function linkCallToCustomer(
  deps: Deps,
  agent: Actor,
  callId: string,
  customerId: string,
): Promise<{ contactId: string; customerId: string }> {
  await customerInScope(deps, agent, customerId);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const call = await findOwnCall(tx, agent, callId);
    if (call.customerId === customerId) return { contactId: call.contactId, customerId };
    await tx.update(contacts).set({ customerId }).where(eq(contacts.id, call.contactId));
    await recordAudit(tx, now, agent, {
      action: 'contact.call_customer_linked',
      subjectType: 'contact',
      subjectId: call.contactId,
      unitId: call.unitId,
      before: { customerId: call.customerId },
      after: { customerId },
    });
    return { contactId: call.contactId, customerId };
  });
}

/** The contact-log row of a call by the telephony call id, whoever took it (the integration's view). */
export async function findCallContact(db: Db, callId: string) {
  const [row] = await db.select().from(contacts).where(eq(contacts.callId, callId));
  return row ?? null;
}

/**
 * The vendor's after-call record lands on the call's row (SLA-9): a ringing or answer instant the
 * call events never brought is filled in (the hotline report counts the call from its ringing
 * instant), and the talk duration becomes the vendor's measure. Instants already on the row stay.
 */
export async function applyCallRecord(
  tx: Db,
  now: Date,
  contactId: string,
  record: { ringingAt: Date | null; answeredAt: Date | null; durationSeconds: number },
) {
  const [before] = await tx.select().from(contacts).where(eq(contacts.id, contactId)).for('update');
  if (!before) throw contactErrors.callNotFound();
  const ringingAt = before.ringingAt ?? record.ringingAt;
  const answeredAt = before.answeredAt ?? record.answeredAt;
  const durationSeconds = answeredAt ? record.durationSeconds : 0;
  const summary = !answeredAt
    ? '未接来电'
    : ['来电振铃', '来电已接听', '未接来电'].includes(before.summary) ||
        /^来电，通话 \d+ 秒$/.test(before.summary)
      ? `来电，通话 ${durationSeconds} 秒`
      : before.summary;
  const [row] = await tx
    .update(contacts)
    .set({ ringingAt, answeredAt, durationSeconds, summary })
    .where(eq(contacts.id, contactId))
    .returning();
  await recordAudit(tx, now, null, {
    action: 'contact.call_record_attached',
    subjectType: 'contact',
    subjectId: contactId,
    unitId: before.unitId,
    before: {
      ringingAt: before.ringingAt,
      answeredAt: before.answeredAt,
      durationSeconds: before.durationSeconds,
    },
    after: { ringingAt, answeredAt, durationSeconds },
  });
  return row!;
}
