import { eq } from 'drizzle-orm';
import { callChannel, normalizePhone, maskPhone } from '../../../domain/customers';
import { can, scopeRoots } from '../../../domain/permissions';
import type { Actor, Deps } from '../../app/context';
import { recordAudit } from '../audit/audit.service';
import { linkCallToCustomer, recordCall } from '../contacts/contacts.service';
import { cardOf, findCustomersByPhone, seesFullNumbers } from '../customers/customers.service';
import { scopeOf, loadGrants, getUser } from '../org/org.service';
import type { CallHub } from './telephony.hub';
import { telephonyErrors } from './telephony.errors';
import { agentExtensions } from './telephony.table';

export interface CallEvent {
  event: 'ringing' | 'answered' | 'ended';
  callId: string;
  callerNumber: string;
  line?: string | undefined;
  agentExtension?: string | undefined;
  at?: string | undefined;
}

/** Own extension: anyone who takes calls; someone else's: who manages users in that person's unit. */
async function assertMayEditExtension(deps: Deps, actor: Actor, userId: string): Promise<void> {
  if (userId === actor.userId) {
    scopeOf(actor, 'telephony.receive');
    return;
  }
  const { memberships } = await getUser(deps, actor, userId).catch(() => {
    throw telephonyErrors.userNotFound();
  });
  if (!memberships.some((m) => can(actor.grants, 'org.users.manage', m.unitPath)))
    throw telephonyErrors.userNotFound();
}

export async function getExtension(deps: Deps, actor: Actor, userId: string) {
  if (userId !== actor.userId) await getUser(deps, actor, userId);
  const [row] = await deps.db.select().from(agentExtensions).where(eq(agentExtensions.userId, userId));
  return { userId, extension: row?.extension ?? null };
}

/** Sets (or clears, with null) the desk extension a person answers calls on. */
export async function setExtension(deps: Deps, actor: Actor, userId: string, extension: string | null) {
  await assertMayEditExtension(deps, actor, userId);
  const now = deps.clock.now();
  try {
    await deps.db.transaction(async (tx) => {
      const [before] = await tx.select().from(agentExtensions).where(eq(agentExtensions.userId, userId));
      if (extension === null) await tx.delete(agentExtensions).where(eq(agentExtensions.userId, userId));
      else {
        await tx
          .insert(agentExtensions)
          .values({ userId, extension, updatedAt: now })
          .onConflictDoUpdate({ target: agentExtensions.userId, set: { extension, updatedAt: now } });
      }
      await recordAudit(tx, now, actor, {
        action: 'telephony.extension_set',
        subjectType: 'user',
        subjectId: userId,
        unitId: null,
        before: before ?? null,
        after: { extension },
      });
    });
  } catch (err) {
    const e = err as { code?: string; cause?: { code?: string } };
    if ((e.cause ?? e).code === '23505') throw telephonyErrors.extensionTaken({ extension });
    throw err;
  }
  return { userId, extension };
}

/**
 * The person a call rings for, as an actor with their own grants (their scope decides what they see).
 * Only the integration (bearer token) may name any extension: a signed-in person's event concerns
 * their own desk, and naming someone else's is refused the same way whether that extension exists
 * or not, so the answer tells nothing about who sits where in another store.
 */
export async function ringingAgent(
  deps: Deps,
  poster: Actor | null,
  extension: string | undefined,
): Promise<Actor> {
  let userId: string;
  if (poster && extension) {
    const [own] = await deps.db
      .select()
      .from(agentExtensions)
      .where(eq(agentExtensions.userId, poster.userId));
    if (own?.extension !== extension) throw telephonyErrors.extensionNotOwn();
    userId = poster.userId;
  } else if (extension) {
    const [row] = await deps.db
      .select()
      .from(agentExtensions)
      .where(eq(agentExtensions.extension, extension));
    if (!row) throw telephonyErrors.extensionNotFound({ extension });
    userId = row.userId;
  } else if (poster) userId = poster.userId;
  else throw telephonyErrors.agentUnknown();
  const agent: Actor =
    poster?.userId === userId
      ? poster
      : { userId, username: '', displayName: '', grants: await loadGrants(deps.db, userId), ip: null };
  if (scopeRoots(agent.grants, 'telephony.receive').length === 0) throw telephonyErrors.agentCannotReceive();
  return agent;
}

/**
 * IN-3: a call event from the telephony integration (or the "simulate call" button). Ringing pops
 * the customer card — or a new-customer draft for an unknown number — on the agent's browser;
 * every event writes the call's one contact-log row (ringing, answer and end instants, SLA-9). The answer says only whether the pop-up was
 * delivered and which contact-log row was written: who the caller is, is the agent's screen's business.
 */
export async function handleCallEvent(deps: Deps, hub: CallHub, poster: Actor | null, event: CallEvent) {
  if (poster) scopeOf(poster, 'telephony.receive');
  const agent = await ringingAgent(deps, poster, event.agentExtension);
  const at = event.at ? new Date(event.at) : deps.clock.now();
  const phone = normalizePhone(event.callerNumber);
  const readsCustomers = scopeRoots(agent.grants, 'customers.read').length > 0;
  const matches = phone.ok && readsCustomers ? await findCustomersByPhone(deps, agent, phone.normalized) : [];
  const first = matches[0];

  const line = event.line ? normalizePhone(event.line) : null;
  // SLA-9: every stage lands on the call's contact-log row, ringing included, so the hotline report
  // has the ringing instant and counts calls that rang and were never answered.
  const logCall = () =>
    recordCall(deps, agent, {
      callId: event.callId,
      stage: event.event,
      at,
      unitId: first?.customer.unitId ?? scopeRoots(agent.grants, 'telephony.receive')[0]!,
      customerId: matches.length === 1 ? first!.customer.id : null,
      phoneNumber: phone.ok ? phone.normalized : null,
      channel: callChannel(line?.ok ? line.kind : null),
    });
  if (event.event === 'ringing') {
    const data = first
      ? {
          callId: event.callId,
          at: at.toISOString(),
          line: event.line ?? null,
          known: true,
          callerNumber: phone.ok
            ? seesFullNumbers(agent, first.unitPath)
              ? phone.display
              : maskPhone(phone.normalized)
            : null,
          card: await cardOf(deps, agent, first),
          otherMatches: matches.slice(1).map((m) => ({ id: m.customer.id, name: m.customer.name })),
        }
      : {
          callId: event.callId,
          at: at.toISOString(),
          line: event.line ?? null,
          known: false,
          unknown: true,
          // The number calling right now is what the agent types into the new record; it is not masked.
          draft: {
            phone: phone.ok ? phone.display : event.callerNumber,
            phoneValid: phone.ok,
            unitId: scopeRoots(agent.grants, 'customers.manage')[0] ?? null,
          },
        };
    // The pop-up goes out before the row is written: the agent's screen must not wait on the log.
    const delivered = await hub.publish(agent.userId, { type: 'call', data });
    const contact = await logCall();
    return { delivered, contactId: contact.id };
  }

  const contact = await logCall();
  // The agent's browser keeps the call live (the header's call indicator, 挂断) until it hears the
  // call was answered or ended, whoever ended it: the exchange, the caller or the agent.
  const delivered = await hub.publish(agent.userId, {
    type: 'call_state',
    data: { callId: event.callId, stage: event.event, durationSeconds: contact.durationSeconds },
  });
  return { delivered, contactId: contact.id };
}

/** 保存为新客户 during a call: the new record is the caller of that call's log row (IN-2, IN-3). */
export async function linkCallCustomer(deps: Deps, actor: Actor, callId: string, customerId: string) {
  scopeOf(actor, 'telephony.receive');
  return linkCallToCustomer(deps, actor, callId, customerId);
}
