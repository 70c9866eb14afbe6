/** CARE-5 / CARE-6: what the agent sees for a task, and the standard objection answers. */
import { and, desc, eq, inArray } from 'drizzle-orm';
import { renderTemplate } from '../../../domain/messages';
import type { Actor, Deps } from '../../app/context';
import { recordAudit } from '../audit/audit.service';
import { listContacts } from '../contacts/contacts.service';
import { customerCard } from '../customers/customers.service';
import { findUnit, assertCan } from '../org/org.service';
import { listTickets } from '../tickets/tickets.service';
import { careErrors } from './care.errors';
import { mergedMembers, objectionsFor, type CareObjectionRow } from './care.repository';
import { messageVariables } from './care.scheduling';
import { careAttempts, careObjections, careTasks } from './care.table';
import { taskInScope } from './care.usecases';
import { followsUpOf } from './care.follows-up';
import { can } from '../../../domain/permissions';
import { authErrors } from '../auth/auth.errors';

/** A part of the page the caller may not be allowed to see is left empty rather than failing the page. */
async function orEmpty<T>(fn: () => Promise<T>, empty: T): Promise<T> {
  try {
    return await fn();
  } catch {
    return empty;
  }
}

/**
 * CARE-5: the task with why (rule), the customer card, history (contacts, tickets, earlier care
 * tasks), the script filled in for this customer, objection answers (CARE-6) and the attempts.
 */
export async function taskDetail(deps: Deps, actor: Actor, id: string) {
  const { task, unit } = await taskInScope(deps, actor, id);
  const members = await mergedMembers(deps.db, task.id);
  const card = await orEmpty(() => customerCard(deps, actor, task.customerId), null);
  const [contacts, tickets] = await Promise.all([
    orEmpty(() => listContacts(deps, actor, { customerId: task.customerId, page: 1, pageSize: 10 }), {
      items: [],
      total: 0,
    }),
    orEmpty(() => listTickets(deps, actor, { customerId: task.customerId, page: 1, pageSize: 10 }), {
      items: [],
      total: 0,
      totalCapped: false,
    }),
  ]);
  const earlier = await deps.db
    .select()
    .from(careTasks)
    .where(eq(careTasks.customerId, task.customerId))
    .orderBy(desc(careTasks.dueAt))
    .limit(20);
  const attempts = await deps.db
    .select()
    .from(careAttempts)
    .where(inArray(careAttempts.taskId, [task.id, ...members.map((m) => m.id)]))
    .orderBy(desc(careAttempts.at));
  const vars = {
    ...(await messageVariables(deps.db, unit, card?.name ?? '', task.employeeId)),
    agentName: actor.displayName,
    holidayName: task.note ?? '',
    assetName: card?.assets.find((a) => a.id === task.assetId)?.name ?? '',
    assetNumber: card?.assets.find((a) => a.id === task.assetId)?.number ?? '',
  };
  const fill = (text: string) => {
    const r = renderTemplate(text, vars);
    return r.ok ? r.text : text;
  };
  const objections = await objectionsFor(deps.db, unit.path, task.ruleCode);
  const follows = await followsUpOf(deps.db, [task]);
  return {
    task,
    unitName: unit.name,
    followsUp: follows.get(task.id) ?? null,
    members,
    script: fill(task.script),
    memberScripts: members.map((m) => ({ ruleName: m.ruleName, script: fill(m.script) })),
    customer: card,
    history: {
      contacts: contacts.items.map((c) => ({
        id: c.contact.id,
        channel: c.contact.channel,
        occurredAt: c.contact.occurredAt,
        summary: c.contact.summary,
      })),
      tickets: tickets.items.map((t) => ({
        id: t.id,
        number: t.number,
        subject: t.subject,
        state: t.state,
        receivedAt: t.receivedAt,
      })),
      careTasks: earlier.filter((e) => e.id !== task.id),
    },
    attempts,
    objections,
  };
}

async function manageableUnit(deps: Deps, actor: Actor, unitId: string) {
  const unit = await findUnit(deps.db, unitId);
  if (!unit || !unit.active) throw careErrors.unitNotFound();
  assertCan(actor, 'care.read', unit.path, careErrors.unitNotFound);
  if (!can(actor.grants, 'care.rules.manage', unit.path))
    throw authErrors.forbidden({ permission: 'care.rules.manage' });
  return unit;
}

/** CARE-6: the objection answers a unit sees (its own and inherited), for a rule or all. */
export async function listObjections(deps: Deps, actor: Actor, unitId: string, ruleCode: string | null) {
  const unit = await findUnit(deps.db, unitId);
  if (!unit) throw careErrors.unitNotFound();
  assertCan(actor, 'care.read', unit.path, careErrors.unitNotFound);
  return objectionsFor(deps.db, unit.path, ruleCode);
}

export interface ObjectionInput {
  unitId: string;
  ruleCode: string | null;
  objection: string;
  answer: string;
  sortOrder: number;
}

/** CARE-6: adds a standard answer to a common objection. Audited. */
export async function createObjection(
  deps: Deps,
  actor: Actor,
  input: ObjectionInput,
): Promise<CareObjectionRow> {
  const unit = await manageableUnit(deps, actor, input.unitId);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(careObjections)
      .values({ ...input, unitId: unit.id, updatedBy: actor.userId, updatedAt: now })
      .returning();
    await recordAudit(tx, now, actor, {
      action: 'care.objection_created',
      subjectType: 'care_objection',
      subjectId: row!.id,
      unitId: unit.id,
      after: row,
    });
    return row!;
  });
}

async function objectionInScope(deps: Deps, actor: Actor, id: string) {
  const [row] = await deps.db.select().from(careObjections).where(eq(careObjections.id, id));
  if (!row) throw careErrors.objectionNotFound();
  const unit = await findUnit(deps.db, row.unitId);
  if (!unit) throw careErrors.objectionNotFound();
  assertCan(actor, 'care.rules.manage', unit.path, careErrors.objectionNotFound);
  return row;
}

/** CARE-6: edits an answer. Audited. */
export async function updateObjection(
  deps: Deps,
  actor: Actor,
  id: string,
  patch: Partial<Omit<ObjectionInput, 'unitId'>>,
): Promise<CareObjectionRow> {
  const before = await objectionInScope(deps, actor, id);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(careObjections)
      .set({ ...patch, updatedBy: actor.userId, updatedAt: now })
      .where(eq(careObjections.id, id))
      .returning();
    await recordAudit(tx, now, actor, {
      action: 'care.objection_updated',
      subjectType: 'care_objection',
      subjectId: id,
      unitId: before.unitId,
      before,
      after: row,
    });
    return row!;
  });
}

/** CARE-6: removes an answer. Audited. */
export async function deleteObjection(deps: Deps, actor: Actor, id: string): Promise<void> {
  const before = await objectionInScope(deps, actor, id);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx.delete(careObjections).where(and(eq(careObjections.id, id)));
    await recordAudit(tx, now, actor, {
      action: 'care.objection_deleted',
      subjectType: 'care_objection',
      subjectId: id,
      unitId: before.unitId,
      before,
    });
  });
}
