/**
 * What a signed-in customer does in the portal (PORTAL-1): see their records and points, submit a
 * request — a ticket taken in through the tickets module's own intake, owned by the store's
 * customer-service supervisor (or the store manager), with no member of staff as its intake agent —
 * and follow their requests: the state, and the replies and progress updates meant for the customer
 * (CMP-6). Everything is limited to the customers whose records carry the signed-in number; another
 * customer's request answers 404, the same as one that does not exist.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { maskPhone } from '../../../domain/customers';
import { can } from '../../../domain/permissions';
import type { TICKET_TYPES } from '../../../domain/tickets';
import type { PortalRequestKind, portalRequestBody } from '../../../shared/portal';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { recordAudit } from '../audit/audit.service';
import { publicAnswersFor } from '../knowledge/knowledge.service';
import { members } from '../members/members.table';
import { activeActorOf, findUnit, nearestRoleHolders } from '../org/org.service';
import { createTicket } from '../tickets/tickets.service';
import { ticketEvents, tickets } from '../tickets/tickets.table';
import { ownTicket, photosOf } from './portal.actions';
import { customersOfPhone } from './portal.auth';
import { portalErrors } from './portal.errors';
import { portalRequests } from './portal.table';

/** Who works a portal request: the nearest customer-service supervisor, else the store manager. */
const OWNER_ROLES = ['cs_supervisor', 'store_manager'];

const TYPE_OF: Record<PortalRequestKind, (typeof TICKET_TYPES)[number]> = {
  repair: 'repair',
  complaint: 'soft_complaint',
  consultation: 'consultation_indirect',
  suggestion: 'suggestion',
};
const SUBJECT_OF: Record<PortalRequestKind, string> = {
  repair: '客户自助报修',
  complaint: '客户自助投诉',
  consultation: '客户自助咨询',
  suggestion: '客户自助建议',
};

async function ownerFor(db: Db, unitPath: string[]): Promise<Actor | null> {
  for (const userId of await nearestRoleHolders(db, unitPath, OWNER_ROLES)) {
    const actor = await activeActorOf(db, userId);
    if (actor && can(actor.grants, 'tickets.create', unitPath)) return actor;
  }
  return null;
}

/** My records (by my number) and my member points. */
export async function portalMe(deps: Deps, phone: string) {
  const owned = await customersOfPhone(deps, phone);
  const memberRows =
    owned.length === 0
      ? []
      : await deps.db
          .select()
          .from(members)
          .where(
            inArray(
              members.customerId,
              owned.map((c) => c.id),
            ),
          );
  return {
    phone: maskPhone(phone),
    customers: owned.map((c) => ({ id: c.id, name: c.name })),
    members: memberRows.map((m) => ({
      customerId: m.customerId,
      memberNumber: m.memberNumber,
      level: m.level,
      balance: m.balance,
    })),
  };
}

/** PORTAL-1 常见问题: the public approved answers of the customer's stores and the companies above them. */
export async function portalAnswers(deps: Deps, phone: string) {
  const owned = await customersOfPhone(deps, phone);
  const paths = [];
  for (const c of owned) {
    const unit = await findUnit(deps.db, c.unitId);
    if (unit) paths.push(unit.path);
  }
  return { items: await publicAnswersFor(deps.db, paths, deps.clock.now()) };
}

/** A request from the customer becomes a ticket of their store. */
export async function submitRequest(deps: Deps, phone: string, input: z.output<typeof portalRequestBody>) {
  const owned = await customersOfPhone(deps, phone);
  const customer = input.customerId ? owned.find((c) => c.id === input.customerId) : owned[0];
  if (!customer) throw portalErrors.notFound();
  const unit = await findUnit(deps.db, customer.unitId);
  if (!unit) throw portalErrors.notFound();
  return deps.db.transaction(async (tx) => {
    const owner = await ownerFor(tx, unit.path);
    if (!owner) throw portalErrors.noOneToServe();
    const { ticketId } = await createTicket(
      { ...deps, db: tx },
      owner,
      {
        unitId: unit.id,
        type: TYPE_OF[input.kind],
        channel: 'web_form',
        subject: SUBJECT_OF[input.kind],
        description: input.description,
        customerId: customer.id,
        contactPhone: phone,
      },
      null,
      { origin: 'customer_portal' },
    );
    const now = deps.clock.now();
    await tx.insert(portalRequests).values({ ticketId, phone, customerId: customer.id, createdAt: now });
    await recordAudit(tx, now, null, {
      action: 'portal.request_submitted',
      subjectType: 'ticket',
      subjectId: ticketId,
      unitId: unit.id,
      after: { origin: 'customer_portal', kind: input.kind },
    });
    return requestDetail({ ...deps, db: tx }, phone, ticketId);
  });
}

const summaryColumns = {
  id: tickets.id,
  number: tickets.number,
  subject: tickets.subject,
  state: tickets.state,
  receivedAt: tickets.receivedAt,
};

/** My requests (every ticket of my records, whoever took it in), newest first. */
export async function listRequests(deps: Deps, phone: string) {
  const owned = await customersOfPhone(deps, phone);
  if (owned.length === 0) return [];
  const rows = await deps.db
    .select(summaryColumns)
    .from(tickets)
    .where(
      inArray(
        tickets.customerId,
        owned.map((c) => c.id),
      ),
    )
    .orderBy(desc(tickets.receivedAt))
    .limit(100);
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    subject: r.subject,
    state: r.state,
    receivedAt: r.receivedAt.toISOString(),
  }));
}

/** One of my requests with the entries meant for the customer; anyone else's answers 404. */
export async function requestDetail(deps: Deps, phone: string, id: string) {
  const t = await ownTicket(deps, phone, id);
  const events = await deps.db
    .select()
    .from(ticketEvents)
    .where(and(eq(ticketEvents.ticketId, id), eq(ticketEvents.visibility, 'customer')))
    .orderBy(asc(ticketEvents.at), asc(ticketEvents.seq));
  return {
    id: t.id,
    number: t.number,
    subject: t.subject,
    state: t.state,
    receivedAt: t.receivedAt.toISOString(),
    description: t.description,
    photos: await photosOf(deps, t.id),
    updates: events
      .map((e) => ({
        type: e.type,
        kind: typeof e.body.kind === 'string' ? e.body.kind : null,
        text: typeof e.body.text === 'string' ? e.body.text : '',
        at: e.at.toISOString(),
      }))
      .filter((e) => e.text !== ''),
  };
}
