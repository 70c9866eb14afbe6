/**
 * Keeps the report rollups current (decision 0014). Triggers append stale unit-days to
 * report_dirty_days in the writing transaction; a refresh pass rewrites those unit-days whole from
 * the tickets, complaint records and SLA targets in ONE statement. One statement has one snapshot:
 * the dirty rows it deletes are exactly the ones it can see, and every ticket whose dirty row it can
 * see is visible to its recount too (they committed together). A row committed while the pass runs
 * is not in its snapshot, so it is neither recounted nor deleted: the next pass takes it. Nothing
 * committed is ever missed, whatever the commit order.
 */
import { sql } from 'drizzle-orm';
import type { Deps } from '../../app/context';
import { rowsOf, type Db } from '../../app/db';

const STATE_ID = 'rollups';
/** Dirty rows taken per statement: bounds one pass's work (a backfill takes several passes). */
export const REFRESH_BATCH = 20_000;

/** The ticket rollup of a set of unit-days, recounted from the source tables (the same SQL the brute-force test checks). */
const TICKET_RECOUNT = sql`
  select t.unit_id, d.day, t.type, t.channel, t.assignee_department_id,
    c.ticket_id is not null, c.product, c.cause, c.defect, coalesce(c.product_caused, false),
    c.evaluation_result,
    -- Counted in the department's assessment: the step done with its switch on (CMP-5, RPT-3).
    c.close_out_assessment_at is not null and c.close_out_assessment_counts is not false, count(*)::int
  from days d
  join organisation_units u on u.id = d.unit_id
  join tickets t on t.unit_id = d.unit_id
    and t.received_at >= (d.day::timestamp at time zone u.timezone)
    and t.received_at < ((d.day + 1)::timestamp at time zone u.timezone)
  left join complaint_records c on c.ticket_id = t.id
  where t.state <> 'merged'
  group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12`;

/**
 * RPT-3 outcome of an ended run, as domain/reports timelinessOutcome decides it: met is on time;
 * met late, breached or escalated is late; ended after its due time is late, before it excused.
 */
const SLA_RECOUNT = sql`
  select s.unit_id, d.day, s.ticket_type, t.assignee_department_id, s.key,
    count(*) filter (where s.state = 'met')::int,
    count(*) filter (where s.state <> 'met')::int
  from sla_days d
  join organisation_units u on u.id = d.unit_id
  join sla_targets s on s.state in ('met', 'met_late', 'breached', 'escalated', 'ended')
    and s.due_at >= (d.day::timestamp at time zone u.timezone)
    and s.due_at < ((d.day + 1)::timestamp at time zone u.timezone)
    and s.unit_id = d.unit_id and s.subject_type = 'ticket'
  left join tickets t on t.id = s.subject_id::uuid
  where s.state <> 'ended' or (s.ended_at is not null and s.ended_at > s.due_at)
  group by 1, 2, 3, 4, 5`;

/** One batch: takes up to `limit` dirty rows and rewrites their unit-days. Returns the rows taken. */
async function refreshBatch(db: Db, limit: number): Promise<number> {
  const result = await db.execute(sql`
    with batch as (
      delete from report_dirty_days
      where id in (select id from report_dirty_days order by id limit ${limit})
      returning kind, unit_id, day
    ),
    days as (select distinct unit_id, day from batch where kind = 'tickets'),
    sla_days as (select distinct unit_id, day from batch where kind = 'sla'),
    gone as (
      delete from report_ticket_daily r using days d where r.unit_id = d.unit_id and r.day = d.day
    ),
    sla_gone as (
      delete from report_sla_daily r using sla_days d where r.unit_id = d.unit_id and r.day = d.day
    ),
    counted as (
      insert into report_ticket_daily (unit_id, day, type, channel, department_id, complaint, product,
        cause, defect, product_caused, evaluation, close_out_assessed, tickets)
      ${TICKET_RECOUNT}
    ),
    sla_counted as (
      insert into report_sla_daily (unit_id, day, type, department_id, step, on_time, late)
      ${SLA_RECOUNT}
    )
    select count(*)::int as n from batch`);
  return rowsOf<{ n: number }>(result)[0]?.n ?? 0;
}

export interface RefreshOutcome {
  /** Dirty rows consumed (several may name one unit-day). */
  rowsTaken: number;
  /** Null when another instance was refreshing (this pass did nothing). */
  asOf: Date | null;
}

/**
 * A refresh pass: drains the dirty queue (up to `maxBatches` batches) while holding the state row,
 * so two instances never refresh at once (the second skips). When the queue was drained, `asOf`
 * moves to the pass's start: every change committed before it is in the rollups.
 */
export async function refreshRollups(deps: Deps, maxBatches = 50): Promise<RefreshOutcome> {
  const startedAt = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into report_refresh_state (id, refreshed_at, days_refreshed)
      values (${STATE_ID}, ${new Date(0)}, 0) on conflict (id) do nothing`);
    const locked = rowsOf(
      await tx.execute(
        sql`select id from report_refresh_state where id = ${STATE_ID} for update skip locked`,
      ),
    );
    if (locked.length === 0) return { rowsTaken: 0, asOf: null };
    let taken = 0;
    let drained = false;
    for (let i = 0; i < maxBatches; i++) {
      const n = await refreshBatch(tx, REFRESH_BATCH);
      taken += n;
      if (n < REFRESH_BATCH) {
        drained = true;
        break;
      }
    }
    if (drained)
      await tx.execute(sql`
        update report_refresh_state set refreshed_at = ${startedAt}, days_refreshed = ${taken}
        where id = ${STATE_ID}`);
    return { rowsTaken: taken, asOf: drained ? startedAt : null };
  });
}

/** When the rollups were last current ("数据截至") and how many stale unit-day marks wait. */
export async function rollupFreshness(db: Db): Promise<{ asOf: Date | null; pendingDays: number }> {
  const rows = rowsOf<{ refreshedAt: string | Date | null; pending: number }>(
    await db.execute(sql`
      select (select refreshed_at from report_refresh_state where id = ${STATE_ID}) as "refreshedAt",
        (select count(*)::int from (select 1 from report_dirty_days limit 10000) q) as pending`),
  );
  const at = rows[0]?.refreshedAt ?? null;
  const asOf = at === null ? null : new Date(at);
  return { asOf: asOf && asOf.getTime() > 0 ? asOf : null, pendingDays: rows[0]?.pending ?? 0 };
}
