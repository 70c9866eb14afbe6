/**
 * CARE-1 date rules, run daily per unit over its whole customer base in batches. Each batch is one
 * job (and one transaction); tasks are inserted under their occurrence key, so re-running a day —
 * or a crashed run taken over by another worker — never creates a second task.
 */
import { eq, sql } from 'drizzle-orm';
import { holidayStarts, planDateTasks } from '../../../domain/care';
import { dayFromIsoDate, getZone, isoDateFromDay, localDayOf } from '../../../domain/calendar/time-zone';
import type { Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { enqueueJobs } from '../../jobs/jobs.repository';
import { findUnit } from '../org/org.service';
import { customerDatesBatch, rulesInForce } from './care.repository';
import { careContextOf, storePlannedTasks } from './care.scheduling';
import { careEstates, careRuns } from './care.table';

export const CARE_PLAN_JOB = 'care.plan_day';
export const CARE_DAILY_JOB = 'care.daily_unit';
/** Customers per batch (one job, one transaction). */
export const CARE_BATCH = 2000;
/** A unit whose run was missed catches up at most this many days. */
const MAX_CATCH_UP_DAYS = 7;
export const PLAN_ZONE = 'Asia/Shanghai';
/** Minute of the local day the daily plan runs (00:30): before anyone is called. */
export const PLAN_MINUTE = 30;

export const dailyJobId = (unitId: string, date: string) => `care:daily:${unitId}:${date}`;
export const planJobId = (date: string) => `care:plan:${date}`;

/** Makes sure today's plan is queued (the plan re-queues itself for the next day). Cheap and idempotent. */
export async function ensureCarePlan(db: Db, now: Date): Promise<void> {
  const zone = getZone(PLAN_ZONE);
  const today = localDayOf(zone, now.getTime());
  await enqueueJobs(db, now, [
    {
      id: planJobId(isoDateFromDay(today)),
      kind: CARE_PLAN_JOB,
      payload: { date: isoDateFromDay(today) },
      runAt: now,
    },
  ]);
}

/** The first day a unit's run for `date` covers: the day after its last run, at most a week back. */
async function windowStart(db: Db, unitId: string, day: number): Promise<number> {
  const [run] = await db.select().from(careRuns).where(eq(careRuns.unitId, unitId));
  const last = run ? dayFromIsoDate(run.lastRunDate) : undefined;
  if (last === undefined || last >= day) return day;
  return Math.max(last + 1, day - MAX_CATCH_UP_DAYS + 1);
}

/**
 * One batch of a unit's daily run: plans the date rules for the customers after `afterId`, stores
 * the new tasks, and says where the next batch starts (null when the base is done).
 */
export async function runCareBatch(
  deps: Deps,
  tx: Db,
  p: { unitId: string; date: string; fromDate: string | null; afterId: string | null },
): Promise<{ created: number; nextAfterId: string | null; fromDate: string }> {
  const unit = await findUnit(tx, p.unitId);
  const toDay = dayFromIsoDate(p.date);
  if (!unit || !unit.active || toDay === undefined)
    return { created: 0, nextAfterId: null, fromDate: p.date };
  const fromDay = p.fromDate ? (dayFromIsoDate(p.fromDate) ?? toDay) : await windowStart(tx, unit.id, toDay);
  const ctx = await careContextOf(tx, unit);
  const rules = (await rulesInForce(tx, unit.path)).map((r) => r.rule);
  const holidays = holidayStarts(ctx.calendar, fromDay - 400, toDay + 400);
  const [estate] = await tx.select().from(careEstates).where(eq(careEstates.unitId, unit.id));
  const customers = (await customerDatesBatch(tx, unit.id, p.afterId, CARE_BATCH)).map((c) => ({
    ...c,
    estateMoveIn: estate?.moveInDate ?? null,
  }));
  const planned = planDateTasks(rules, customers, { fromDay, toDay }, ctx, holidays);
  const created = await storePlannedTasks(deps, tx, unit, planned);
  const full = customers.length === CARE_BATCH;
  if (!full)
    await tx
      .insert(careRuns)
      .values({ unitId: unit.id, lastRunDate: p.date, updatedAt: deps.clock.now() })
      .onConflictDoUpdate({
        target: careRuns.unitId,
        set: {
          lastRunDate: sql`greatest(${careRuns.lastRunDate}, excluded.last_run_date)`,
          updatedAt: deps.clock.now(),
        },
      });
  return {
    created: created.length,
    nextAfterId: full ? (customers[customers.length - 1]?.customerId ?? null) : null,
    fromDate: isoDateFromDay(fromDay),
  };
}

/** Runs a unit's whole day now, batch after batch (tests, and an administrator's "run now"). */
export async function runCareDay(deps: Deps, unitId: string, date: string): Promise<{ created: number }> {
  let afterId: string | null = null;
  let fromDate: string | null = null;
  let created = 0;
  for (;;) {
    const r: Awaited<ReturnType<typeof runCareBatch>> = await deps.db.transaction((tx) =>
      runCareBatch(deps, tx, { unitId, date, fromDate, afterId }),
    );
    created += r.created;
    fromDate = r.fromDate;
    if (!r.nextAfterId) return { created };
    afterId = r.nextAfterId;
  }
}
