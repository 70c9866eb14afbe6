import { and, desc, eq, gte, ilike, lte, or, sql, type SQL } from 'drizzle-orm';
import {
  coordinationSheetRule,
  phoneSearchDigits,
  routeLetter,
  type ContactChannel,
} from '../../../domain/customers';
import { localDateOf } from '../../../domain/calendar';
import { can, scopeRoots } from '../../../domain/permissions';
import type { Actor, Deps } from '../../app/context';
import { ticketInScope } from '../tickets/tickets.service';
import { recordAudit } from '../audit/audit.service';
import { customerInScope, parsePhone, registerCardSection } from '../customers/customers.service';
import { assertCan, scopeOf, findUnit, unitsWithin } from '../org/org.service';
import { organisationUnits } from '../org/org.table';
import { contactErrors } from './contacts.errors';
import type { ListContactsQuery, LogContactInput } from './contacts.schemas';
import { contacts } from './contacts.table';
import { draftSheet, writeSheet } from './coordination-sheets.write';

export type ContactRow = typeof contacts.$inferSelect;
export interface ContactRecord {
  contact: ContactRow;
  unitPath: string[];
}

/** IN-8: where a letter of this category goes in this unit, by its departments' names and codes. */
async function defaultLetterRoute(
  deps: Deps,
  unitId: string,
  category: Parameters<typeof routeLetter>[0],
): Promise<string> {
  // No organisation helper lists a unit's departments; read them for this one decision.
  const departments = await deps.db
    .select({ id: organisationUnits.id, name: organisationUnits.name, code: organisationUnits.code })
    .from(organisationUnits)
    .where(
      and(
        eq(organisationUnits.parentId, unitId),
        eq(organisationUnits.kind, 'department'),
        eq(organisationUnits.active, true),
      ),
    )
    .orderBy(organisationUnits.name);
  return routeLetter(category, unitId, departments);
}

/** IN-2: logs a call, visit, letter… with or without a customer or ticket. */
export async function logContact(deps: Deps, actor: Actor, input: LogContactInput): Promise<ContactRecord> {
  const now = deps.clock.now();
  const customer = input.customerId ? await customerInScope(deps, actor, input.customerId) : null;
  if (input.ticketId) await ticketInScope(deps.db, actor, input.ticketId);
  const unitId = input.unitId ?? customer?.customer.unitId ?? singleScopeRoot(actor);
  if (!unitId) throw contactErrors.unitRequired();
  const unit = await findUnit(deps.db, unitId);
  if (!unit) throw contactErrors.unitNotFound();
  assertCan(actor, 'contacts.manage', unit.path, contactErrors.unitNotFound);
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : now;
  if (occurredAt.getTime() > now.getTime() + 60_000)
    throw contactErrors.occurredInFuture({ occurredAt: input.occurredAt });
  const phone = input.phoneNumber ? parsePhone(input.phoneNumber) : null;

  const isLetter = input.channel === 'letter';
  if (!isLetter && (input.letterCategory || input.letterRoutedToUnitId || input.sender || input.receivedOn)) {
    throw contactErrors.letterFieldsOnLetterOnly();
  }
  if (isLetter && !input.letterCategory) throw contactErrors.letterCategoryRequired();
  let routedTo: string | null = null;
  if (isLetter && input.letterRoutedToUnitId) {
    const target = await findUnit(deps.db, input.letterRoutedToUnitId);
    if (!target) throw contactErrors.unitNotFound();
    assertCan(actor, 'contacts.read', target.path, contactErrors.unitNotFound);
    routedTo = target.id;
  } else if (isLetter) {
    routedTo = await defaultLetterRoute(deps, unit.id, input.letterCategory!);
  }
  const receivedOn = isLetter ? (input.receivedOn ?? localDateOf(occurredAt, unit.timezone)) : null;
  // IN-8: a service report's coordination sheet is issued with the letter, in the same command.
  const sheetDraft =
    isLetter && coordinationSheetRule(input.letterCategory!) === 'at_once'
      ? await draftSheet(
          deps,
          actor,
          {
            unit,
            category: 'service_report',
            summary: input.summary,
            sender: input.sender ?? null,
            receivedOn,
            customerId: customer?.customer.id ?? null,
            phone: phone?.normalized ?? null,
            routedToUnitId: routedTo,
          },
          {},
        )
      : null;

  const row = await deps.db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(contacts)
      .values({
        unitId: unit.id,
        customerId: customer?.customer.id ?? null,
        channel: input.channel,
        direction: input.direction,
        occurredAt,
        durationSeconds: input.durationSeconds ?? null,
        summary: input.summary,
        agentId: actor.userId,
        phoneNumber: phone?.normalized ?? null,
        ticketId: input.ticketId ?? null,
        letterCategory: isLetter ? input.letterCategory! : null,
        letterRoutedToUnitId: routedTo,
        sender: isLetter ? (input.sender ?? null) : null,
        receivedOn,
        createdBy: actor.userId,
        createdAt: now,
      })
      .returning();
    await recordAudit(tx, now, actor, {
      action: 'contact.logged',
      subjectType: 'contact',
      subjectId: inserted!.id,
      unitId: unit.id,
      after: { ...inserted!, phoneNumber: phone ? '(masked)' : null },
    });
    if (sheetDraft) await writeSheet(tx, now, actor, inserted!.id, sheetDraft);
    return inserted!;
  });
  return { contact: row, unitPath: unit.path };
}

/** The one unit where the actor logs contacts, when there is exactly one. */
function singleScopeRoot(actor: Actor): string | null {
  const roots = scopeRoots(actor.grants, 'contacts.manage');
  return roots.length === 1 ? roots[0]! : null;
}

/** Corrects the summary or links the customer / ticket after the fact (e.g. after a call ends). */
export async function updateContact(
  deps: Deps,
  actor: Actor,
  id: string,
  input: {
    summary?: string | undefined;
    customerId?: string | null | undefined;
    ticketId?: string | null | undefined;
  },
): Promise<ContactRecord> {
  const before = await getContact(deps, actor, id);
  assertCan(actor, 'contacts.manage', before.unitPath, contactErrors.notFound);
  if (input.customerId) await customerInScope(deps, actor, input.customerId);
  if (input.ticketId) await ticketInScope(deps.db, actor, input.ticketId);
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const [after] = await tx
      .update(contacts)
      .set({
        ...(input.summary !== undefined ? { summary: input.summary } : {}),
        ...(input.customerId !== undefined ? { customerId: input.customerId } : {}),
        ...(input.ticketId !== undefined ? { ticketId: input.ticketId } : {}),
      })
      .where(eq(contacts.id, id))
      .returning();
    await recordAudit(tx, now, actor, {
      action: 'contact.updated',
      subjectType: 'contact',
      subjectId: id,
      unitId: before.contact.unitId,
      before: {
        summary: before.contact.summary,
        customerId: before.contact.customerId,
        ticketId: before.contact.ticketId,
      },
      after: { summary: after!.summary, customerId: after!.customerId, ticketId: after!.ticketId },
    });
    return after!;
  });
  return { contact: row, unitPath: before.unitPath };
}

const withUnitPath = { contact: contacts, unitPath: organisationUnits.path };

export async function getContact(deps: Deps, actor: Actor, id: string): Promise<ContactRecord> {
  const [row] = await deps.db
    .select(withUnitPath)
    .from(contacts)
    .innerJoin(organisationUnits, eq(organisationUnits.id, contacts.unitId))
    .where(eq(contacts.id, id));
  if (!row) throw contactErrors.notFound();
  assertCan(actor, 'contacts.read', row.unitPath, contactErrors.notFound);
  return row;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The contact log, newest first, within the caller's units (ORG-1); `channel=letter` is the letter register. */
export async function listContacts(deps: Deps, actor: Actor, query: ListContactsQuery) {
  const roots = scopeOf(actor, 'contacts.read');
  if (query.unitId) {
    const unit = await findUnit(deps.db, query.unitId);
    if (!unit) throw contactErrors.unitNotFound();
    assertCan(actor, 'contacts.read', unit.path, contactErrors.unitNotFound);
  }
  if (query.customerId) await customerInScope(deps, actor, query.customerId);
  const conditions: (SQL | undefined)[] = [unitsWithin(roots)];
  if (query.unitId) conditions.push(sql`${organisationUnits.path} @> array[${query.unitId}]::uuid[]`);
  if (query.channel) conditions.push(eq(contacts.channel, query.channel));
  if (query.letterCategory) conditions.push(eq(contacts.letterCategory, query.letterCategory));
  if (query.from) conditions.push(gte(contacts.occurredAt, new Date(query.from)));
  if (query.to) conditions.push(lte(contacts.occurredAt, new Date(query.to)));
  if (query.agentId) conditions.push(eq(contacts.agentId, query.agentId));
  if (query.customerId) conditions.push(eq(contacts.customerId, query.customerId));
  if (query.ticketId) conditions.push(eq(contacts.ticketId, query.ticketId));
  if (query.q) {
    const digits = phoneSearchDigits(query.q);
    const bySummary = ilike(contacts.summary, `%${escapeLike(query.q)}%`);
    conditions.push(
      digits && digits.length >= 4
        ? or(bySummary, sql`${contacts.phoneNumber} like ${`%${digits}%`}`)
        : bySummary,
    );
  }
  const where = and(...conditions);
  const [items, [count]] = await Promise.all([
    deps.db
      .select(withUnitPath)
      .from(contacts)
      .innerJoin(organisationUnits, eq(organisationUnits.id, contacts.unitId))
      .where(where)
      .orderBy(desc(contacts.occurredAt), desc(contacts.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    deps.db
      .select({ total: sql<number>`count(*)::int` })
      .from(contacts)
      .innerJoin(organisationUnits, eq(organisationUnits.id, contacts.unitId))
      .where(where),
  ]);
  return { items, total: Number(count?.total ?? 0) };
}

/**
 * IN-2 / SLA-9: a call event from telephony written to the contact log, one row per call id. Ringing
 * creates the row with its ringing instant, answered stamps the answer instant (and who answered),
 * ended sets the talk time from the answer, or marks the call missed when nobody answered. Events
 * may arrive without the earlier ones (an integration that only reports answered/ended): the row is
 * then created by whichever comes first, and a call without a ringing instant stays out of the
 * hotline report's answer times.
 */
export async function recordCall(
  deps: Deps,
  agent: Actor,
  call: {
    callId: string;
    stage: 'ringing' | 'answered' | 'ended';
    at: Date;
    unitId: string;
    customerId: string | null;
    phoneNumber: string | null;
    channel: ContactChannel;
  },
): Promise<ContactRow> {
  return deps.db.transaction(async (tx) => {
    const [existing] = await tx.select().from(contacts).where(eq(contacts.callId, call.callId)).for('update');
    let row: ContactRow;
    let action: string;
    if (existing) {
      if (call.stage === 'ringing') return existing;
      if (call.stage === 'answered') {
        if (existing.answeredAt || existing.durationSeconds !== null) return existing;
        action = 'contact.call_answered';
        [row] = (await tx
          .update(contacts)
          .set({ answeredAt: call.at, agentId: agent.userId, summary: '来电已接听' })
          .where(eq(contacts.id, existing.id))
          .returning()) as [ContactRow];
      } else {
        if (existing.durationSeconds !== null) return existing;
        const answered = existing.answeredAt ?? (existing.ringingAt ? null : existing.occurredAt);
        const seconds = answered
          ? Math.max(0, Math.round((call.at.getTime() - answered.getTime()) / 1000))
          : 0;
        action = 'contact.call_ended';
        [row] = (await tx
          .update(contacts)
          .set({
            durationSeconds: seconds,
            summary: !answered
              ? '未接来电'
              : existing.summary === '来电已接听'
                ? `来电，通话 ${seconds} 秒`
                : existing.summary,
          })
          .where(eq(contacts.id, existing.id))
          .returning()) as [ContactRow];
      }
    } else {
      action = 'contact.call_logged';
      [row] = (await tx
        .insert(contacts)
        .values({
          unitId: call.unitId,
          customerId: call.customerId,
          channel: call.channel,
          direction: 'inbound',
          occurredAt: call.at,
          durationSeconds: call.stage === 'ended' ? 0 : null,
          summary: { ringing: '来电振铃', answered: '来电已接听', ended: '未接来电' }[call.stage],
          agentId: agent.userId,
          phoneNumber: call.phoneNumber,
          callId: call.callId,
          ringingAt: call.stage === 'ringing' ? call.at : null,
          answeredAt: call.stage === 'answered' ? call.at : null,
          createdBy: agent.userId,
          createdAt: deps.clock.now(),
        })
        .returning()) as [ContactRow];
    }
    await recordAudit(tx, deps.clock.now(), agent, {
      action,
      subjectType: 'contact',
      subjectId: row.id,
      unitId: row.unitId,
      after: {
        callId: row.callId,
        ringingAt: row.ringingAt,
        answeredAt: row.answeredAt,
        durationSeconds: row.durationSeconds,
        customerId: row.customerId,
      },
    });
    return row;
  });
}

/** The last 5 contacts on the customer card (IN-3), for callers who may read the contact log. */
export function registerContactCardSection(): void {
  registerCardSection('lastContacts', async (deps, actor, customerId) => {
    const roots = scopeRoots(actor.grants, 'contacts.read');
    if (roots.length === 0) return [];
    const rows = await deps.db
      .select(withUnitPath)
      .from(contacts)
      .innerJoin(organisationUnits, eq(organisationUnits.id, contacts.unitId))
      .where(and(eq(contacts.customerId, customerId), unitsWithin(roots)))
      .orderBy(desc(contacts.occurredAt))
      .limit(5);
    return rows.map(({ contact: c }) => ({
      id: c.id,
      channel: c.channel,
      direction: c.direction,
      occurredAt: c.occurredAt.toISOString(),
      summary: c.summary,
      ticketId: c.ticketId,
    }));
  });
}

/** CUS-4 applies to the log's numbers too. */
export function seesFullNumbersOf(actor: Actor, record: ContactRecord): boolean {
  return can(actor.grants, 'customers.phone.unmask', record.unitPath);
}
