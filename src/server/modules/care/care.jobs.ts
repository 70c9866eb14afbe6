/**
 * Care's scheduler jobs (CARE-1): the day's plan queues one date-rule run per active unit, and each
 * run works through the unit's customers batch by batch (care.daily.ts does the work).
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import {
  dayFromIsoDate,
  getZone,
  instantOfLocal,
  isoDateFromDay,
  localDayOf,
} from '../../../domain/calendar/time-zone';
import { enqueueJobs } from '../../jobs/jobs.repository';
import type { JobDefinition } from '../../jobs/jobs.types';
import { organisationUnits } from '../org/org.table';
import {
  CARE_DAILY_JOB,
  CARE_PLAN_JOB,
  PLAN_MINUTE,
  PLAN_ZONE,
  dailyJobId,
  planJobId,
  runCareBatch,
} from './care.daily';

const dailyPayload = z.object({
  unitId: z.string(),
  date: z.string(),
  fromDate: z.string().nullable().default(null),
  afterId: z.string().nullable().default(null),
});

/** One batch of one unit's day; queues the next batch under an id derived from where it starts. */
export const careDailyUnitJob: JobDefinition<z.infer<typeof dailyPayload>> = {
  kind: CARE_DAILY_JOB,
  payload: dailyPayload,
  async handle(deps, tx, jobs) {
    for (const { payload } of jobs) {
      const r = await runCareBatch(deps, tx, payload);
      if (r.nextAfterId)
        await enqueueJobs(tx, deps.clock.now(), [
          {
            id: `${dailyJobId(payload.unitId, payload.date)}:${r.nextAfterId}`,
            kind: CARE_DAILY_JOB,
            payload: { ...payload, fromDate: r.fromDate, afterId: r.nextAfterId },
          },
        ]);
    }
  },
};

const planPayload = z.object({ date: z.string() });

/** The day's plan: one daily job per active unit (deterministic ids), then tomorrow's plan at 00:30. */
export const carePlanDayJob: JobDefinition<z.infer<typeof planPayload>> = {
  kind: CARE_PLAN_JOB,
  payload: planPayload,
  async handle(deps, tx, jobs) {
    const now = deps.clock.now();
    // The org module has no "all active units" helper; read the two columns directly.
    const units = await tx
      .select({ id: organisationUnits.id, timezone: organisationUnits.timezone })
      .from(organisationUnits)
      .where(eq(organisationUnits.active, true));
    for (const { payload } of jobs) {
      await enqueueJobs(
        tx,
        now,
        units.map((u) => {
          const date = isoDateFromDay(localDayOf(getZone(u.timezone), now.getTime()));
          return { id: dailyJobId(u.id, date), kind: CARE_DAILY_JOB, payload: { unitId: u.id, date } };
        }),
      );
      const next = (dayFromIsoDate(payload.date) ?? localDayOf(getZone(PLAN_ZONE), now.getTime())) + 1;
      await enqueueJobs(tx, now, [
        {
          id: planJobId(isoDateFromDay(next)),
          kind: CARE_PLAN_JOB,
          payload: { date: isoDateFromDay(next) },
          runAt: new Date(instantOfLocal(getZone(PLAN_ZONE), next, PLAN_MINUTE)),
        },
      ]);
    }
  },
};
