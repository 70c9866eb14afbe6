/** The surveys module's scheduler job (SAT-4): the Monday summary; surveys.weekly.ts does the work. */
import { z } from 'zod';
import { previousWeek } from '../../../domain/surveys';
import type { JobDefinition } from '../../jobs/jobs.types';
import { SAT4_JOB, SAT4_TIME_ZONE, generateWeeklySummaries } from './surveys.weekly';

const jobPayload = z.object({ week: z.string(), at: z.string() });

/** SAT-4 job: one run per reporting week (id `sat4:<yyyy-Www>`). */
export const weeklySummaryJob: JobDefinition<z.infer<typeof jobPayload>> = {
  kind: SAT4_JOB,
  payload: jobPayload,
  async handle(deps, tx, jobs) {
    for (const job of jobs)
      await generateWeeklySummaries(deps, tx, previousWeek(new Date(job.payload.at), SAT4_TIME_ZONE));
  },
};
