/** CARE-1…CARE-6 use cases: rules per unit, the call worklist, claims, attempts, objection answers. */
import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import {
  afterAttempt,
  careRuleProblem,
  CLAIM_HOLD_MS,
  shippedCareRule,
  type CareOutcome,
  type CareRule,
} from '../../../domain/care';
import { nextAllowedContactTime } from '../../../domain/messages';
import { getZone, localDateOf, localDayOf, localDayStart } from '../../../domain/calendar/time-zone';
import { can } from '../../../domain/permissions';
import type { TicketTypeCode } from '../../../domain/tickets';
import type { Actor, Deps } from '../../app/context';
import { recordAudit } from '../audit/audit.service';
import { authErrors } from '../auth/auth.errors';
import { customerSummaries, revealNumbersForFollowUp } from '../customers/customers.service';
import { contactHoursOf, enqueueMessage } from '../messages/messages.service';
import { assertCan, scopeOf, findUnit, unitsWithin, type UnitRow } from '../org/org.service';
import { organisationUnits } from '../org/org.table';
import { createTicket } from '../tickets/tickets.service';
import { runCareDay } from './care.daily';
import { careErrors } from './care.errors';
import { findTask, rulesInForce, type CareTaskRow } from './care.repository';
import { messageVariables, mobileOf } from './care.scheduling';
import { careAttempts, careRules, careTasks } from './care.table';
import { followsUpOf } from './care.follows-up';
import { workOrderSatisfactionCallMade } from '../workorders/workorders.service';

export async function unitFor(
  deps: Deps,
  actor: Actor,
  unitId: string,
  permission: 'care.read' | 'care.rules.manage',
) {
  const unit = await findUnit(deps.db, unitId);
  if (!unit || !unit.active) throw careErrors.unitNotFound();
  assertCan(actor, 'care.read', unit.path, careErrors.unitNotFound);
  // Someone who sees the rules but may not change them is told so plainly.
  if (!can(actor.grants, permission, unit.path)) throw authErrors.forbidden({ permission });
  return unit;
}

/** CARE-1: the rules in force at a unit (shipped defaults included), with where each comes from. */
export async function listRules(deps: Deps, actor: Actor, unitId: string) {
  const unit = await unitFor(deps, actor, unitId, 'care.read');
  const rules = await rulesInForce(deps.db, unit.path);
  return rules.map((r) => ({
    ...r,
    shipped: !!shippedCareRule(r.rule.code),
    ownHere: r.fromUnitId === unit.id,
  }));
}

/** CARE-1: stores a unit's version of a rule (override of a default, or a rule of its own). Audited. */
export async function saveRule(deps: Deps, actor: Actor, unitId: string, rule: CareRule) {
  const unit = await unitFor(deps, actor, unitId, 'care.rules.manage');
  const problem = careRuleProblem(rule);
  if (problem) throw careErrors.invalidRule({ problem });
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(careRules)
      .where(and(eq(careRules.unitId, unit.id), eq(careRules.code, rule.code)));
    const [row] = await tx
      .insert(careRules)
      .values({ unitId: unit.id, code: rule.code, rule, updatedBy: actor.userId, updatedAt: now })
      .onConflictDoUpdate({
        target: [careRules.unitId, careRules.code],
        set: { rule, updatedBy: actor.userId, updatedAt: now },
      })
      .returning();
    await recordAudit(tx, now, actor, {
      action: 'care.rule_saved',
      subjectType: 'care_rule',
      subjectId: row!.id,
      unitId: unit.id,
      before: before?.rule ?? null,
      after: rule,
    });
    return row!;
  });
}

/** Removes a unit's own version: a default falls back to what the unit inherits; an own rule goes. */
export async function resetRule(deps: Deps, actor: Actor, unitId: string, code: string) {
  const unit = await unitFor(deps, actor, unitId, 'care.rules.manage');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(careRules)
      .where(and(eq(careRules.unitId, unit.id), eq(careRules.code, code)))
      .returning();
    if (!gone) throw careErrors.ruleNotFound();
    await recordAudit(tx, now, actor, {
      action: 'care.rule_reset',
      subjectType: 'care_rule',
      subjectId: gone.id,
      unitId: unit.id,
      before: gone.rule,
    });
  });
}

/** A task the caller may see (care.read at its unit), with its unit; 404 otherwise. */
export async function taskInScope(
  deps: Deps,
  actor: Actor,
  id: string,
  permission: 'care.read' | 'care.work' = 'care.read',
): Promise<{ task: CareTaskRow; unit: UnitRow }> {
  const task = await findTask(deps.db, id);
  const unit = task ? await findUnit(deps.db, task.unitId) : undefined;
  if (!task || !unit) throw careErrors.notFound();
  assertCan(actor, 'care.read', unit.path, careErrors.notFound);
  if (permission === 'care.work') assertCan(actor, 'care.work', unit.path, careErrors.notFound);
  return { task, unit };
}

/**
 * CARE-5: the follow-up caller reveals the customer's number to dial it, giving a reason; the reveal
 * is the customers module's audited unmask (CUS-4) with the task named, allowed to whoever may work
 * this task (care.work at its unit) while it is still open.
 */
export async function revealNumberForTask(deps: Deps, actor: Actor, id: string, reason: string) {
  const { task } = await taskInScope(deps, actor, id, 'care.work');
  if (task.state !== 'open') throw careErrors.notOpen({ state: task.state });
  return revealNumbersForFollowUp(deps, actor, task.customerId, reason, task.id);
}

export interface WorklistQuery {
  unitId?: string;
  mine?: boolean;
  due: 'today' | 'all';
  page: number;
  pageSize: number;
}

/**
 * CARE-5 worklist: open tasks (a merge group shows once, by its head) in the caller's units, due
 * today or earlier first by due time; `mine` = the ones I hold.
 */
export async function worklist(deps: Deps, actor: Actor, q: WorklistQuery) {
  const roots = scopeOf(actor, 'care.read');
  if (q.unitId) await unitFor(deps, actor, q.unitId, 'care.read');
  const now = deps.clock.now();
  const endOfToday = new Date(
    localDayStart(getZone('Asia/Shanghai'), localDayOf(getZone('Asia/Shanghai'), now.getTime()) + 1),
  );
  const where = and(
    unitsWithin(roots),
    q.unitId ? sql`${organisationUnits.path} @> array[${q.unitId}]::uuid[]` : undefined,
    eq(careTasks.state, 'open'),
    isNull(careTasks.mergedInto),
    q.due === 'today' ? lt(careTasks.dueAt, endOfToday) : undefined,
    q.mine ? and(eq(careTasks.claimedBy, actor.userId), gt(careTasks.claimedUntil, now)) : undefined,
  );
  const rows = await deps.db
    .select({ task: careTasks, unitName: organisationUnits.name, total: sql<number>`count(*) over ()` })
    .from(careTasks)
    .innerJoin(organisationUnits, eq(organisationUnits.id, careTasks.unitId))
    .where(where)
    .orderBy(asc(careTasks.dueAt), asc(careTasks.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const heads = rows.map((r) => r.task.id);
  const members = heads.length
    ? await deps.db
        .select({ mergedInto: careTasks.mergedInto, ruleName: careTasks.ruleName })
        .from(careTasks)
        .where(inArray(careTasks.mergedInto, heads))
    : [];
  const customers = await customerSummaries(
    deps.db,
    rows.map((r) => r.task.customerId),
  );
  const follows = await followsUpOf(
    deps.db,
    rows.map((r) => r.task),
  );
  return {
    total: Number(rows[0]?.total ?? 0),
    items: rows.map((r) => ({
      task: r.task,
      unitName: r.unitName,
      followsUp: follows.get(r.task.id) ?? null,
      customer: customers.get(r.task.customerId) ?? null,
      mergedReasons: members.filter((m) => m.mergedInto === r.task.id).map((m) => m.ruleName),
    })),
  };
}

/** Every task in a CARE-3 group: the head and the calls folded into it. */
const inGroup = (id: string) => or(eq(careTasks.id, id), eq(careTasks.mergedInto, id));

/** The owners named on a task group's satisfaction calls (SAT-1). */
async function groupOwners(db: Deps['db'], headId: string): Promise<string[]> {
  const rows = await db
    .select({ ownerId: careTasks.ownerId })
    .from(careTasks)
    .where(and(inGroup(headId), isNotNull(careTasks.ownerId)));
  return [...new Set(rows.map((r) => r.ownerId!))];
}

/**
 * CARE-3: claiming locks the task (and its merged calls) for one agent for 30 minutes. A task held
 * by a colleague answers 409 and says so; the same agent claiming again renews the hold.
 */
export async function claimTask(deps: Deps, actor: Actor, id: string): Promise<CareTaskRow> {
  const { task, unit } = await taskInScope(deps, actor, id, 'care.work');
  const head = task.mergedInto ?? task.id;
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(careTasks)
      .set({ claimedBy: actor.userId, claimedUntil: new Date(now.getTime() + CLAIM_HOLD_MS), updatedAt: now })
      .where(
        and(
          eq(careTasks.id, head),
          eq(careTasks.state, 'open'),
          or(
            isNull(careTasks.claimedBy),
            lt(careTasks.claimedUntil, now),
            eq(careTasks.claimedBy, actor.userId),
          ),
        ),
      )
      .returning();
    if (!claimed) {
      const current = await findTask(tx, head);
      if (current && current.state !== 'open') throw careErrors.notOpen();
      throw careErrors.claimedByOther({ claimedBy: current?.claimedBy, claimedUntil: current?.claimedUntil });
    }
    // SAT-1: a satisfaction call is made by the service's owner only — never by a second person
    // (throwing here rolls the claim back).
    const owners = await groupOwners(tx, head);
    if (owners.length && !owners.includes(actor.userId)) throw careErrors.ownedByOther({ ownerIds: owners });
    await tx
      .update(careTasks)
      .set({ claimedBy: actor.userId, claimedUntil: claimed.claimedUntil, updatedAt: now })
      .where(eq(careTasks.mergedInto, head));
    await recordAudit(tx, now, actor, {
      action: 'care.task_claimed',
      subjectType: 'care_task',
      subjectId: head,
      unitId: unit.id,
    });
    return claimed;
  });
}

/** Gives a claimed task back to the worklist. */
export async function releaseTask(deps: Deps, actor: Actor, id: string): Promise<CareTaskRow> {
  const { task, unit } = await taskInScope(deps, actor, id, 'care.work');
  const head = task.mergedInto ?? task.id;
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    await tx
      .update(careTasks)
      .set({ claimedBy: null, claimedUntil: null, updatedAt: now })
      .where(and(inGroup(head), eq(careTasks.claimedBy, actor.userId)));
    await recordAudit(tx, now, actor, {
      action: 'care.task_released',
      subjectType: 'care_task',
      subjectId: head,
      unitId: unit.id,
    });
    return (await findTask(tx, head))!;
  });
}

export interface AttemptInput {
  outcome: CareOutcome;
  note?: string | null;
  callBackAt?: string | null;
  /** reached-issue: what the ticket opened from the call is about. */
  issue?: { subject: string; description?: string; type?: TicketTypeCode } | null;
}

/** The customer's first mobile and name, for the fallback SMS. */
async function fallbackSms(deps: Deps, tx: Parameters<typeof mobileOf>[0], unit: UnitRow, task: CareTaskRow) {
  const to = await mobileOf(tx, task.customerId);
  if (!to) return null;
  const name = (await customerSummaries(tx, [task.customerId])).get(task.customerId)?.name ?? '';
  // CARE-2: the same template for every rule; one message per task however often this runs.
  return enqueueMessage(deps, tx, {
    unitId: unit.id,
    customerId: task.customerId,
    channel: 'sms',
    to,
    templateCode: 'care_sms_fallback',
    variables: await messageVariables(tx, unit, name, task.employeeId),
    purpose: task.purpose,
    idempotencyKey: `care-task:${task.id}:sms-fallback`,
    source: { type: 'care_task', id: task.id },
  });
}

/** An attempt needs an open task that the caller holds by a claim still running. */
function assertAttemptAllowed(task: CareTaskRow, actor: Actor, now: Date): void {
  if (task.state !== 'open') throw careErrors.notOpen();
  if (task.claimedBy !== actor.userId || !task.claimedUntil || task.claimedUntil < now) {
    if (task.claimedBy && task.claimedBy !== actor.userId && task.claimedUntil && task.claimedUntil > now)
      throw careErrors.claimedByOther();
    throw careErrors.notClaimed();
  }
}

/**
 * CARE-2 / CARE-5: records one call attempt on a task the caller holds. The 3rd failed attempt
 * sends the fallback SMS; reached-issue opens a ticket linked to the task; call back at… and an
 * unanswered call bring the task back later, inside contact hours (CARE-4).
 */
export async function recordAttempt(deps: Deps, actor: Actor, id: string, input: AttemptInput) {
  const { task, unit } = await taskInScope(deps, actor, id, 'care.work');
  const headId = task.mergedInto ?? task.id;
  const head = headId === task.id ? task : ((await findTask(deps.db, headId)) ?? task);
  const now = deps.clock.now();
  assertAttemptAllowed(head, actor, now);
  const callBackAt = input.callBackAt ? new Date(input.callBackAt) : null;
  if (input.outcome === 'call_back' && (!callBackAt || callBackAt <= now))
    throw careErrors.callBackTimeRequired();
  const opensTicket = afterAttempt(
    head,
    input.outcome,
    now.getTime(),
    callBackAt?.getTime() ?? null,
  ).openTicket;
  let ticketId: string | null = null;
  if (opensTicket) {
    // The desk's own intake: numbering, routing and SLA as for any ticket; a retry answers the same one.
    const outcome = await createTicket(
      deps,
      actor,
      {
        unitId: unit.id,
        type: input.issue?.type ?? 'soft_complaint',
        channel: 'phone',
        subject: input.issue?.subject?.trim() || `回访发现问题：${head.ruleName}`,
        description: input.issue?.description ?? input.note ?? '',
        customerId: head.customerId,
      },
      `care-task:${head.id}:ticket`,
    );
    ticketId = outcome.ticketId;
  }
  const hours = await contactHoursOf(deps.db, unit.id);
  return deps.db.transaction(async (tx) => {
    // One attempt at a time per task, on any instance: the task row is locked and the claim and
    // the counts read again under the lock. An attempt ends the claim, so of two posted at once
    // the second finds the task no longer claimed (CARE-2 counts each call once).
    const [locked] = await tx.select().from(careTasks).where(eq(careTasks.id, head.id)).for('update');
    if (!locked) throw careErrors.notOpen();
    assertAttemptAllowed(locked, actor, now);
    const result = afterAttempt(locked, input.outcome, now.getTime(), callBackAt?.getTime() ?? null);
    const nextDue = result.nextDueAt
      ? nextAllowedContactTime(new Date(result.nextDueAt), hours, hours.timeZone)
      : null;
    await tx.insert(careAttempts).values({
      taskId: head.id,
      agentId: actor.userId,
      outcome: input.outcome,
      note: input.note ?? null,
      callBackAt,
      at: now,
    });
    let messageId: string | null = null;
    let state = result.state;
    let stateReason: string | null = null;
    if (result.smsFallback) {
      const sent = await fallbackSms(deps, tx, unit, head);
      messageId = sent?.id ?? null;
      if (!sent) stateReason = 'no_mobile';
      state = 'sms_fallback';
    }
    const finished = state !== 'open';
    const [updated] = await tx
      .update(careTasks)
      .set({
        state,
        stateReason,
        attempts: result.attempts,
        failedAttempts: result.failedAttempts,
        outcome: input.outcome,
        outcomeNote: input.note ?? null,
        ...(nextDue ? { dueAt: nextDue } : {}),
        ...(ticketId ? { linkedTicketId: ticketId } : {}),
        ...(messageId ? { messageId } : {}),
        claimedBy: null,
        claimedUntil: null,
        ...(finished ? { doneBy: actor.userId, doneAt: now } : {}),
        updatedAt: now,
      })
      .where(eq(careTasks.id, head.id))
      .returning();
    // The calls folded into this one share its result (one call covered them all, CARE-3).
    if (finished)
      await tx
        .update(careTasks)
        .set({
          state,
          stateReason: 'merged_call',
          outcome: input.outcome,
          ...(ticketId ? { linkedTicketId: ticketId } : {}),
          claimedBy: null,
          claimedUntil: null,
          doneBy: actor.userId,
          doneAt: now,
          updatedAt: now,
        })
        .where(eq(careTasks.mergedInto, head.id));
    else
      await tx
        .update(careTasks)
        .set({ claimedBy: null, claimedUntil: null, updatedAt: now })
        .where(eq(careTasks.mergedInto, head.id));
    // SAT-1 / SLA-6: the satisfaction call of a work order, once it reached the customer, is what
    // meets the order's 24-hour follow-up target (and its ticket's).
    if (finished && (input.outcome === 'reached_satisfied' || input.outcome === 'reached_issue')) {
      const called = await tx
        .select({ sourceId: careTasks.sourceId })
        .from(careTasks)
        .where(
          and(
            inGroup(head.id),
            eq(careTasks.sourceType, 'workorder'),
            isNotNull(careTasks.surveyTemplateCode),
          ),
        );
      for (const c of called) await workOrderSatisfactionCallMade(deps, tx, c.sourceId, now);
    }
    await recordAudit(tx, now, actor, {
      action: 'care.attempt_recorded',
      subjectType: 'care_task',
      subjectId: head.id,
      unitId: unit.id,
      before: { state: locked.state, attempts: locked.attempts, failedAttempts: locked.failedAttempts },
      after: { state, outcome: input.outcome, attempts: result.attempts, ticketId, messageId },
    });
    return updated!;
  });
}

/** CARE-1 by hand: runs a unit's date rules for one day now (today in the unit's zone by default). */
export async function runUnitDay(deps: Deps, actor: Actor, unitId: string, date: string | null) {
  const unit = await findUnit(deps.db, unitId);
  if (!unit) throw careErrors.unitNotFound();
  assertCan(actor, 'care.rules.manage', unit.path, careErrors.unitNotFound);
  const day = date ?? localDateOf(deps.clock.now().getTime(), unit.timezone);
  return { date: day, ...(await runCareDay(deps, unit.id, day)) };
}
