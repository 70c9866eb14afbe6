import { and, eq, inArray, lt, lte } from 'drizzle-orm';
import { can } from '../../../domain/permissions';
import {
  stateAfter,
  taskActionAllowed,
  taskDeadlines,
  type TaskAction,
  type TaskKind,
  type TaskState,
} from '../../../domain/tasks';
import { getZone, localDayOf, localDayStart } from '../../../domain/calendar/time-zone';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { enqueueJobs } from '../../jobs/jobs.repository';
import { recordAudit } from '../audit/audit.service';
import { effectiveCalendar } from '../calendar/calendar.service';
import { assertCan, scopeOf, findUnit, unitsWithin, type UnitRow } from '../org/org.service';
import { organisationUnits } from '../org/org.table';
import { taskErrors } from './tasks.errors';
import { TASK_ESCALATE_JOB, TASK_OVERDUE_JOB } from './tasks.jobs';
import { assertMayAct, assertMaySee, isTraineeOnly, membershipsAround } from './tasks.policy';
import {
  findColleague,
  findTask,
  insertTask,
  pageOfTasks,
  updateTask,
  type TaskRow,
} from './tasks.repository';
import { tasks } from './tasks.table';
import { customerInScope } from '../customers/customers.service';
import { ticketInScope } from '../tickets/tickets.service';

export interface CreateTaskInput {
  kind: TaskKind;
  unitId: string;
  assigneeId?: string;
  callerName?: string | null;
  callerPhone: string;
  customerId?: string | null;
  ticketId?: string | null;
  note?: string | null;
  dueAt?: Date | null;
}

/** The assignee must be an active colleague around the unit; trainees take messages, not call-backs (IN-7). */
async function checkAssignee(db: Db, unit: UnitRow, assigneeId: string, kind: TaskKind): Promise<void> {
  const person = await findColleague(db, assigneeId);
  const around = person ? membershipsAround(person.memberships, unit) : [];
  if (!person || around.length === 0) throw taskErrors.assigneeNotFound({ assigneeId });
  if (person.status !== 'active') throw taskErrors.assigneeDisabled({ assigneeId });
  if (kind === 'call_back' && isTraineeOnly(around)) throw taskErrors.traineeCannotCallBack({ assigneeId });
}

/** IN-5 / IN-6: records a call-back promise or a message, with its deadline and its escalation step. */
export async function createTask(deps: Deps, actor: Actor, input: CreateTaskInput): Promise<TaskRow> {
  const unit = await findUnit(deps.db, input.unitId);
  if (!unit || !unit.active) throw taskErrors.unitNotFound();
  assertCan(actor, 'tasks.create', unit.path, taskErrors.unitNotFound);
  const assigneeId = input.assigneeId ?? actor.userId;
  await checkAssignee(deps.db, unit, assigneeId, input.kind);
  // What the task points at must exist and be the caller's to see (ORG-1), like any read.
  if (input.customerId) await customerInScope(deps, actor, input.customerId);
  if (input.ticketId) await ticketInScope(deps.db, actor, input.ticketId);
  const now = deps.clock.now();
  if (input.dueAt && input.dueAt.getTime() <= now.getTime()) throw taskErrors.dueInPast();
  const calendar = await effectiveCalendar(deps.db, unit);
  const { dueAt, escalateAt } = taskDeadlines(
    input.kind,
    calendar,
    now.getTime(),
    input.dueAt?.getTime() ?? null,
  );
  return deps.db.transaction(async (tx) => {
    const task = await insertTask(tx, {
      unitId: unit.id,
      kind: input.kind,
      assigneeId,
      createdBy: actor.userId,
      callerName: input.callerName ?? null,
      callerPhone: input.callerPhone,
      customerId: input.customerId ?? null,
      ticketId: input.ticketId ?? null,
      note: input.note ?? null,
      dueAt: new Date(dueAt),
      escalateAt: new Date(escalateAt),
      createdAt: now,
      updatedAt: now,
    });
    // Enqueued with the task, so it is never lost even if nobody ever opens it (IN-6).
    await enqueueJobs(tx, now, [
      {
        id: `task:${task.id}:escalate`,
        kind: TASK_ESCALATE_JOB,
        payload: { taskId: task.id },
        runAt: task.escalateAt,
      },
      ...(task.kind === 'call_back'
        ? [
            {
              id: `task:${task.id}:overdue`,
              kind: TASK_OVERDUE_JOB,
              payload: { taskId: task.id },
              runAt: task.dueAt,
            },
          ]
        : []),
    ]);
    await recordAudit(tx, now, actor, {
      action: 'task.created',
      subjectType: 'task',
      subjectId: task.id,
      unitId: unit.id,
      after: task,
    });
    return task;
  });
}

async function unitPathOf(db: Db, unitId: string): Promise<string[]> {
  return (await findUnit(db, unitId))?.path ?? [];
}

/** One task the caller may see; 404 otherwise. */
export async function getTask(deps: Deps, actor: Actor, id: string): Promise<TaskRow> {
  const task = await findTask(deps.db, id);
  if (!task) throw taskErrors.notFound();
  assertMaySee(actor, task, await unitPathOf(deps.db, task.unitId));
  return task;
}

export interface ListTasksQuery {
  assigneeId?: string;
  unitId?: string;
  kind?: TaskKind;
  state: TaskState | 'all';
  due?: 'today' | 'overdue';
  page: number;
  pageSize: number;
}

/** Start of tomorrow in `timeZone`: "due today" means due before it (overdue ones included). */
function endOfToday(now: Date, timeZone: string): Date {
  const zone = getZone(timeZone);
  return new Date(localDayStart(zone, localDayOf(zone, now.getTime()) + 1));
}

/**
 * The worklist. Without filters: the caller's own tasks, wherever they are. With another person's
 * id or a unit: tasks.read is needed there, and only units within the caller's reach are searched.
 */
export async function listTasks(deps: Deps, actor: Actor, q: ListTasksQuery) {
  const now = deps.clock.now();
  let scope: ReturnType<typeof unitsWithin> | undefined;
  let timeZone = 'Asia/Shanghai';
  if (q.unitId) {
    const unit = await findUnit(deps.db, q.unitId);
    if (!unit || !can(actor.grants, 'tasks.read', unit.path)) throw taskErrors.unitNotFound();
    scope = unitsWithin([unit.id]);
    timeZone = unit.timezone;
  } else if (q.assigneeId && q.assigneeId !== actor.userId) {
    scope = unitsWithin(scopeOf(actor, 'tasks.read'));
  }
  const assigneeId = q.assigneeId ?? (q.unitId ? undefined : actor.userId);
  const where = and(
    assigneeId ? eq(tasks.assigneeId, assigneeId) : undefined,
    // Scoping reads the organisation table in a sub-select; the org module has no helper for joins.
    scope
      ? inArray(
          tasks.unitId,
          deps.db.select({ id: organisationUnits.id }).from(organisationUnits).where(scope),
        )
      : undefined,
    q.kind ? eq(tasks.kind, q.kind) : undefined,
    q.state === 'all' ? undefined : eq(tasks.state, q.state),
    q.due === 'today' ? lt(tasks.dueAt, endOfToday(now, timeZone)) : undefined,
    q.due === 'overdue' ? and(eq(tasks.state, 'open'), lte(tasks.dueAt, now)) : undefined,
  );
  return pageOfTasks(deps.db, where, q);
}

/** Runs one state change on a locked task, checks who may do it, and audits it with the change. */
async function actOn(
  deps: Deps,
  actor: Actor,
  id: string,
  action: TaskAction,
  change: (tx: Db, task: TaskRow, unit: UnitRow, now: Date) => Promise<Partial<TaskRow>>,
): Promise<TaskRow> {
  return deps.db.transaction(async (tx) => {
    const task = await findTask(tx, id, { lock: true });
    if (!task) throw taskErrors.notFound();
    const unit = await findUnit(tx, task.unitId);
    assertMayAct(actor, task, unit?.path ?? [], action);
    if (!taskActionAllowed(task.state, action)) throw taskErrors.notOpen({ state: task.state });
    const now = deps.clock.now();
    const patch = await change(tx, task, unit!, now);
    const after = await updateTask(tx, id, { ...patch, state: stateAfter(action), updatedAt: now });
    await recordAudit(tx, now, actor, {
      action: `task.${action === 'cancel' ? 'cancelled' : action === 'done' ? 'done' : 'reassigned'}`,
      subjectType: 'task',
      subjectId: id,
      unitId: task.unitId,
      before: task,
      after,
    });
    return after;
  });
}

/** IN-5 / IN-6: the call-back was made or the message dealt with; what came of it is kept. */
export function completeTask(deps: Deps, actor: Actor, id: string, outcome: string) {
  return actOn(deps, actor, id, 'done', async (_tx, _t, _u, now) => ({
    doneAt: now,
    doneBy: actor.userId,
    outcome,
  }));
}

/** Withdraws a promise that is no longer needed (the customer called again, a duplicate), with the reason. */
export function cancelTask(deps: Deps, actor: Actor, id: string, reason: string) {
  return actOn(deps, actor, id, 'cancel', async (_tx, _t, _u, now) => ({
    doneAt: now,
    doneBy: actor.userId,
    outcome: reason,
  }));
}

/**
 * Hands the task to another colleague. The deadlines stay: the promise to the caller does not move
 * because someone else keeps it, and the escalation still goes to the unit's supervisor.
 */
export function reassignTask(deps: Deps, actor: Actor, id: string, assigneeId: string) {
  return actOn(deps, actor, id, 'reassign', async (tx, task, unit) => {
    await checkAssignee(tx, unit, assigneeId, task.kind);
    return { assigneeId };
  });
}
