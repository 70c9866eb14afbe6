import { z } from 'zod';
import type { Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { escalationDue, isOverdue } from '../../../domain/tasks';
import { recordAudit } from '../audit/audit.service';
import { findUnit, nearestRoleHolders } from '../org/org.service';
import { createNotifications, type NewNotification } from '../notifications/notifications.service';
import type { JobDefinition } from '../../jobs/jobs.types';
import { lockTasks, updateTask, type TaskRow } from './tasks.repository';

/** Scheduler job kinds; ids are `task:<id>:escalate` and `task:<id>:overdue`, one each per task. */
export const TASK_ESCALATE_JOB = 'task.escalate';
export const TASK_OVERDUE_JOB = 'task.overdue';

// IN-6: "their supervisor" — the nearest customer-service supervisor or store manager up the tree.
const SUPERVISOR_ROLES = ['cs_supervisor', 'store_manager'];

/**
 * The nearest supervisors of the task's unit other than the assignee: when the assignee is the
 * unit's only supervisor, the task goes one level further up.
 */
async function supervisorsFor(db: Db, unitPath: readonly string[], assigneeId: string): Promise<string[]> {
  for (let depth = unitPath.length; depth > 0; depth--) {
    const people = (await nearestRoleHolders(db, unitPath.slice(0, depth), SUPERVISOR_ROLES)).filter(
      (p) => p !== assigneeId,
    );
    if (people.length > 0) return people;
  }
  return [];
}

function notice(
  task: TaskRow,
  recipientId: string,
  kind: 'escalated' | 'breached',
  stepId: string,
  now: Date,
) {
  return {
    recipientId,
    kind,
    subjectType: 'task',
    subjectId: task.id,
    stepId,
    payload: {
      taskKind: task.kind,
      assigneeId: task.assigneeId,
      callerName: task.callerName,
      dueAt: task.dueAt.toISOString(),
    },
    createdAt: now,
  } satisfies NewNotification;
}

/**
 * IN-5 / IN-6: tasks still open at their escalation instant are marked escalated and their unit's
 * supervisors notified. Idempotent: a task done, cancelled or already escalated is left alone.
 */
export async function escalateTasks(deps: Deps, tx: Db, jobs: readonly { id: string; taskId: string }[]) {
  const now = deps.clock.now();
  const found = await lockTasks(
    tx,
    jobs.map((j) => j.taskId),
  );
  const rows: NewNotification[] = [];
  for (const job of jobs) {
    const task = found.get(job.taskId);
    if (!task) continue;
    const due = escalationDue(
      {
        state: task.state,
        escalatedAt: task.escalatedAt?.getTime() ?? null,
        escalateAt: task.escalateAt.getTime(),
      },
      now.getTime(),
    );
    if (!due) continue;
    const path = (await findUnit(tx, task.unitId))?.path ?? [];
    const supervisors = await supervisorsFor(tx, path, task.assigneeId);
    if (supervisors.length === 0)
      deps.logger.warn({ task: task.id }, 'task escalated but no supervisor found');
    const after = await updateTask(tx, task.id, {
      escalatedAt: now,
      escalatedTo: supervisors,
      updatedAt: now,
    });
    rows.push(...supervisors.map((s) => notice(task, s, 'escalated', job.id, now)));
    await recordAudit(tx, now, null, {
      action: 'task.escalated',
      subjectType: 'task',
      subjectId: task.id,
      unitId: task.unitId,
      before: { escalatedAt: null },
      after: { escalatedAt: after.escalatedAt, escalatedTo: supervisors },
    });
  }
  await createNotifications(tx, rows);
}

/** IN-5: a call-back still open at its deadline reminds its assignee, once. */
export async function remindOverdueTasks(
  deps: Deps,
  tx: Db,
  jobs: readonly { id: string; taskId: string }[],
) {
  const now = deps.clock.now();
  const found = await lockTasks(
    tx,
    jobs.map((j) => j.taskId),
  );
  const rows: NewNotification[] = [];
  for (const job of jobs) {
    const task = found.get(job.taskId);
    if (!task || task.overdueNotifiedAt) continue;
    if (!isOverdue({ state: task.state, dueAt: task.dueAt.getTime() }, now.getTime())) continue;
    await updateTask(tx, task.id, { overdueNotifiedAt: now });
    rows.push(notice(task, task.assigneeId, 'breached', job.id, now));
  }
  await createNotifications(tx, rows);
}

const payload = z.object({ taskId: z.string() });
type TaskJobPayload = z.infer<typeof payload>;

/** IN-5 / IN-6: an open call-back or message reaches the supervisor at its escalation instant. */
export const taskEscalationJob: JobDefinition<TaskJobPayload> = {
  kind: TASK_ESCALATE_JOB,
  payload,
  async handle(deps, tx, jobs) {
    await escalateTasks(
      deps,
      tx,
      jobs.map((j) => ({ id: j.id, taskId: j.payload.taskId })),
    );
  },
};

/** IN-5: a call-back still open at its deadline reminds the agent who promised it. */
export const taskOverdueJob: JobDefinition<TaskJobPayload> = {
  kind: TASK_OVERDUE_JOB,
  payload,
  async handle(deps, tx, jobs) {
    await remindOverdueTasks(
      deps,
      tx,
      jobs.map((j) => ({ id: j.id, taskId: j.payload.taskId })),
    );
  },
};
