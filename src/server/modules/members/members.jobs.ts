/**
 * The member club's daily scheduler job (MEM-1): points of activities held before today are granted
 * (within a week after the activity: the job runs every day), and points due to expire expire. The
 * job id carries the day, so a day runs once; the ledger's unique keys make a retried run write
 * nothing twice.
 */
import { z } from 'zod';
import { localDateOf } from '../../../domain/calendar';
import type { Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { enqueueJobs } from '../../jobs/jobs.repository';
import type { JobDefinition } from '../../jobs/jobs.types';
import { activitiesAwaitingGrant, grantActivityPoints } from './members.activities';
import { expireDueLots, membersWithDueLots } from './members.points';

export const MEMBERS_DAILY_JOB = 'members.daily';
const TIME_ZONE = 'Asia/Shanghai';

/** Called on each scheduler pass: today's run is queued once (its id is the day). */
export async function enqueueMembersDaily(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const day = localDateOf(now, TIME_ZONE);
  return enqueueJobs(deps.db, now, [
    { id: `members.daily:${day}`, kind: MEMBERS_DAILY_JOB, payload: { day } },
  ]);
}

/** Grants what is due and expires what has run out, as of `now`. */
export async function runMembersDaily(
  tx: Db,
  now: Date,
): Promise<{ activities: number; credited: number; expiredPoints: number }> {
  const today = localDateOf(now, TIME_ZONE);
  let credited = 0;
  const due = await activitiesAwaitingGrant(tx, today);
  for (const id of due) credited += await grantActivityPoints(tx, now, id);
  let expiredPoints = 0;
  for (;;) {
    const ids = await membersWithDueLots(tx, now);
    if (ids.length === 0) break;
    let pass = 0;
    for (const id of ids) pass += await expireDueLots(tx, now, id);
    // A lot already expired (a retried run) writes nothing; never loop on it.
    if (pass === 0) break;
    expiredPoints += pass;
  }
  return { activities: due.length, credited, expiredPoints };
}

const payload = z.object({ day: z.string() });

export const membersDailyJob: JobDefinition<z.infer<typeof payload>> = {
  kind: MEMBERS_DAILY_JOB,
  payload,
  async handle(deps, tx) {
    await runMembersDaily(tx, deps.clock.now());
  },
};
