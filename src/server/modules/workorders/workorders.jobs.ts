/** The workorders module's scheduler job (REP-2): the visit reminder; workorders.reminders.ts does the work. */
import { z } from 'zod';
import type { JobDefinition } from '../../jobs/jobs.types';
import { WORK_ORDER_REMINDER_JOB, sendReminder } from './workorders.reminders';

const payload = z.object({ workOrderId: z.string(), start: z.number() });

/** The reminder job of REP-2, listed with the work-order module in app/modules.ts. */
export const workOrderReminderJob: JobDefinition<z.infer<typeof payload>> = {
  kind: WORK_ORDER_REMINDER_JOB,
  payload,
  async handle(deps, tx, jobs) {
    // One order's failure (a template edited into something unrenderable) must not hold back the
    // others' reminders: each runs in its own savepoint and is logged when it fails.
    for (const job of jobs) {
      try {
        await tx.transaction((sp) => sendReminder(deps, sp, job.payload));
      } catch (err) {
        deps.logger.error({ err, job: job.id }, 'work-order reminder not sent');
      }
    }
  },
};
