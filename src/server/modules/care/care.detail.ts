/** CARE-5 / CARE-6: what the agent sees for a task, and the standard objection answers. */
import { desc, eq, inArray } from 'drizzle-orm';
import { renderTemplate } from '../../../domain/messages';
import type { Actor, Deps } from '../../app/context';
import { listContacts } from '../contacts/contacts.service';
import { customerCard } from '../customers/customers.service';
import { findUnit, assertCan } from '../org/org.service';
import { listTickets } from '../tickets/tickets.service';
import { careErrors } from './care.errors';
import { mergedMembers, objectionsFor, type CareObjectionRow } from './care.repository';
import { messageVariables } from './care.scheduling';
import { careAttempts, careTasks } from './care.table';
import { taskInScope } from './care.usecases';
import { followsUpOf } from './care.follows-up';

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
  const objections = await objectionsFor(deps.db, unit.path, task.ruleCode, deps.clock.now());
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

/** CARE-6: the objection answers a unit sees (its own and inherited), for a rule or all. */
export async function listObjections(deps: Deps, actor: Actor, unitId: string, ruleCode: string | null) {
  const unit = await findUnit(deps.db, unitId);
  if (!unit) throw careErrors.unitNotFound();
  assertCan(actor, 'care.read', unit.path, careErrors.unitNotFound);
  return objectionsFor(deps.db, unit.path, ruleCode, deps.clock.now());
}

export interface ObjectionInput {
  unitId: string;
  ruleCode: string | null;
  objection: string;
  answer: string;
  sortOrder: number;
}

/**
 * CARE-6: objection answers now live in the knowledge base as approved answers of kind 'objection'
 * (versions, approval, validity); the care module only reads them. Writing here is refused (410)
 * with a pointer to the knowledge base.
 */
export async function createObjection(
  _deps: Deps,
  _actor: Actor,
  _input: ObjectionInput,
): Promise<CareObjectionRow> {
  throw careErrors.objectionsMoved();
}

/** CARE-6: see createObjection — edited in the knowledge base (410 here). */
export async function updateObjection(
  _deps: Deps,
  _actor: Actor,
  _id: string,
  _patch: Partial<Omit<ObjectionInput, 'unitId'>>,
): Promise<CareObjectionRow> {
  throw careErrors.objectionsMoved();
}

/** CARE-6: see createObjection — withdrawn in the knowledge base (410 here). */
export async function deleteObjection(_deps: Deps, _actor: Actor, _id: string): Promise<void> {
  throw careErrors.objectionsMoved();
}
