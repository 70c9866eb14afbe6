import { z } from 'zod';
import {
  escalateTasks,
  remindOverdueTasks,
  TASK_ESCALATE_JOB,
  TASK_OVERDUE_JOB,
} from '../../modules/tasks/tasks.jobs';
import type { JobDefinition } from '../jobs.types';

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
