/**
 * Keeps the report rollups current (decisions 0014, 0015). Triggers append stale unit-days to
 * report_dirty_days in the writing transaction; a refresh pass rewrites those unit-days whole from
 * the tickets, complaint records, SLA targets and rung calls (SLA-9) in ONE statement. One statement has one snapshot:
 * the dirty rows it deletes are exactly the ones it can see, and every ticket whose dirty row it can
 * see is visible to its recount too (they committed together). A row committed while the pass runs
 * is not in its snapshot, so it is neither recounted nor deleted: the next pass takes it. Nothing
 * committed is ever missed, whatever the commit order. The monthly rows are kept in the same
 * statement as the days they sum (each rewritten day adds its difference), so they never disagree.
 */
import { sql, type SQL } from 'drizzle-orm';
import { ANSWER_TARGET_SECONDS, DEFAULT_CUT_OFF_DAY } from '../../../domain/reports';
import type { Deps } from '../../app/context';
import { rowsOf, type Db } from '../../app/db';

const STATE_ID = 'rollups';
/** Dirty rows taken per statement: bounds one pass's work (a backfill takes several passes). */
export const REFRESH_BATCH = 20_000;

/**
 * The report period a local date falls in under cut-off day `cut`, as the first day of its label
 * month (domain periodOf: after the cut-off it belongs to the next month; 31 is the calendar month).
 */
export function periodOfDay(day: SQL, cut: SQL): SQL {
  return sql`(case when ${cut} <> 31 and extract(day from ${day}) > ${cut}
    then (date_trunc('month', ${day}) + interval '1 month')::date
    else date_trunc('month', ${day})::date end)`;
}

/**
 * The narrow ticket rollup of a set of unit-days (`days`), recounted from the source tables: per
 * ticket one row under `channel` and one under `department`; per complaint record one under `cause`,
 * `product` and `evaluation`; per product-caused complaint one under `nonconformity`.
 */
const TICKET_RECOUNT = sql`
  select b.unit_id, b.day, b.type, x.dim, x.value, count(*)::int,
    count(*) filter (where b.complaint)::int,
    count(*) filter (where b.product_caused)::int,
    count(*) filter (where b.assessed)::int
  from (
    select t.unit_id, d.day, t.type, t.channel, t.assignee_department_id, c.ticket_id is not null as complaint,
      c.product, c.cause, c.defect, coalesce(c.product_caused, false) as product_caused,
      c.evaluation_result,
      -- Counted in the department's assessment: the step done with its switch on (CMP-5, RPT-3).
      (c.close_out_assessment_at is not null and c.close_out_assessment_counts is not false) as assessed
    from days d
    join organisation_units u on u.id = d.unit_id
    join tickets t on t.unit_id = d.unit_id
      and t.received_at >= (d.day::timestamp at time zone u.timezone)
      and t.received_at < ((d.day + 1)::timestamp at time zone u.timezone)
    left join complaint_records c on c.ticket_id = t.id
    where t.state <> 'merged'
  ) b
  cross join lateral (
    select 'channel', b.channel
    union all select 'department', b.assignee_department_id::text
    union all select 'cause', b.cause where b.complaint
    union all select 'product', b.product where b.complaint
    union all select 'evaluation', b.evaluation_result where b.complaint
    union all select 'nonconformity', jsonb_build_array(b.product, b.defect, b.cause)::text
      where b.complaint and b.product_caused
  ) x(dim, value)
  group by b.unit_id, b.day, b.type, x.dim, x.value`;

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

/**
 * SLA-9 hotline rollup of a set of unit-days (`call_days`), recounted from the contact log: calls
 * whose ringing instant falls on the unit's local day, per local hour of ringing and agent. Counted
 * as domain/reports totalsOfCall counts one call: offered once answered or ended, abandoned when it
 * ended unanswered, still ringing otherwise; the answer time in whole milliseconds, never negative.
 */
const CALL_RECOUNT = sql`
  select c.unit_id, d.day, extract(hour from c.ringing_at at time zone u.timezone)::int, c.agent_id,
    count(*) filter (where c.answered_at is not null or c.duration_seconds is not null)::int,
    count(*) filter (where c.answered_at is not null)::int,
    count(*) filter (where c.answered_at is not null
      and c.answered_at - c.ringing_at <= ${sql.raw(`interval '${ANSWER_TARGET_SECONDS} seconds'`)})::int,
    count(*) filter (where c.answered_at is null and c.duration_seconds is not null)::int,
    count(*) filter (where c.answered_at is null and c.duration_seconds is null)::int,
    coalesce(sum(greatest(0, round(extract(epoch from c.answered_at - c.ringing_at) * 1000)))
      filter (where c.answered_at is not null), 0)::bigint,
    count(*) filter (where c.answered_at is not null and c.duration_seconds is not null)::int,
    coalesce(sum(c.duration_seconds) filter (where c.answered_at is not null), 0)::bigint
  from call_days d
  join organisation_units u on u.id = d.unit_id
  join contacts c on c.unit_id = d.unit_id and c.ringing_at is not null
    and c.ringing_at >= (d.day::timestamp at time zone u.timezone)
    and c.ringing_at < ((d.day + 1)::timestamp at time zone u.timezone)
  group by 1, 2, 3, 4`;

const MEASURES = sql.raw('tickets, complaints, product_caused, assessed');

/**
 * One batch, ONE statement: takes up to `limit` dirty rows, rewrites their unit-days and adds each
 * rewritten day's difference (new rows minus the rows it deleted) to its period's monthly row, under
 * the cut-off day the company's monthly rows are built on. Returns the dirty rows taken.
 */
async function refreshBatch(db: Db, limit: number): Promise<number> {
  const result = await db.execute(sql`
    with batch as (
      delete from report_dirty_days
      where ctid = any(array(select ctid from report_dirty_days limit ${limit}))
      returning kind, unit_id, day
    ),
    days as (select distinct unit_id, day from batch where kind = 'tickets'),
    sla_days as (select distinct unit_id, day from batch where kind = 'sla'),
    call_days as (select distinct unit_id, day from batch where kind = 'calls'),
    gone as (
      delete from report_ticket_days r using days d where r.unit_id = d.unit_id and r.day = d.day
      returning r.unit_id, r.day, r.type, r.dim, r.value, r.tickets, r.complaints, r.product_caused, r.assessed
    ),
    fresh (unit_id, day, type, dim, value, ${MEASURES}) as (${TICKET_RECOUNT}),
    counted as (
      insert into report_ticket_days (unit_id, day, type, dim, value, ${MEASURES}) select * from fresh
    ),
    delta as (
      select * from fresh
      union all
      select unit_id, day, type, dim, value, -tickets, -complaints, -product_caused, -assessed from gone
    ),
    monthly as (
      insert into report_ticket_months as m (unit_id, period, type, dim, value, ${MEASURES})
      select x.unit_id, ${periodOfDay(sql`x.day`, sql`mb.cut_off_day`)}, x.type, x.dim, x.value,
        sum(x.tickets), sum(x.complaints), sum(x.product_caused), sum(x.assessed)
      from delta x
      join organisation_units u on u.id = x.unit_id
      join report_month_basis mb on mb.company_id = u.path[1]
      group by 1, 2, 3, 4, 5
      having sum(x.tickets) <> 0 or sum(x.complaints) <> 0 or sum(x.product_caused) <> 0
        or sum(x.assessed) <> 0
      on conflict on constraint report_ticket_months_key do update set
        tickets = m.tickets + excluded.tickets, complaints = m.complaints + excluded.complaints,
        product_caused = m.product_caused + excluded.product_caused, assessed = m.assessed + excluded.assessed
    ),
    sla_gone as (
      delete from report_sla_daily r using sla_days d where r.unit_id = d.unit_id and r.day = d.day
    ),
    sla_counted as (
      insert into report_sla_daily (unit_id, day, type, department_id, step, on_time, late)
      ${SLA_RECOUNT}
    ),
    call_gone as (
      delete from report_call_hours r using call_days d where r.unit_id = d.unit_id and r.day = d.day
    ),
    call_counted as (
      insert into report_call_hours (unit_id, day, hour, agent_id, offered, answered, answered_in_target,
        abandoned, ringing, answer_ms, talked, talk_seconds)
      ${CALL_RECOUNT}
    )
    select count(*)::int as n from batch`);
  return rowsOf<{ n: number }>(result)[0]?.n ?? 0;
}

/**
 * Companies whose cut-off day is not the one their monthly rows are summed under (a new company,
 * or the setting changed): their monthly rows are summed again from the daily rows. Runs in the
 * refresh's transaction, holding its lock: only the refresh writes either table, so the monthly
 * rows equal the daily ones whatever the tickets do meanwhile.
 */
async function rebuildMonths(db: Db): Promise<number> {
  const stale = rowsOf<{ companyId: string; cut: number }>(
    await db.execute(sql`
      select u.id as "companyId", coalesce(s.cut_off_day, ${DEFAULT_CUT_OFF_DAY})::int as cut
      from organisation_units u
      left join report_settings s on s.unit_id = u.id
      left join report_month_basis mb on mb.company_id = u.id
      where u.parent_id is null and mb.cut_off_day is distinct from coalesce(s.cut_off_day, ${DEFAULT_CUT_OFF_DAY})`),
  );
  for (const { companyId, cut } of stale) {
    await db.execute(sql`
      delete from report_ticket_months m using organisation_units u
      where u.id = m.unit_id and u.path[1] = ${companyId}::uuid`);
    await db.execute(sql`
      insert into report_ticket_months (unit_id, period, type, dim, value, ${MEASURES})
      select r.unit_id, ${periodOfDay(sql`r.day`, sql`${cut}::int`)}, r.type, r.dim, r.value,
        sum(r.tickets), sum(r.complaints), sum(r.product_caused), sum(r.assessed)
      from report_ticket_days r join organisation_units u on u.id = r.unit_id
      where u.path[1] = ${companyId}::uuid
      group by 1, 2, 3, 4, 5`);
    await db.execute(sql`
      insert into report_month_basis (company_id, cut_off_day) values (${companyId}, ${cut})
      on conflict (company_id) do update set cut_off_day = excluded.cut_off_day`);
  }
  return stale.length;
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
export async function refreshRollups(
  deps: Deps,
  maxBatches = 50,
  batchSize = REFRESH_BATCH,
): Promise<RefreshOutcome> {
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
    await rebuildMonths(tx);
    let taken = 0;
    let drained = false;
    for (let i = 0; i < maxBatches; i++) {
      const n = await refreshBatch(tx, batchSize);
      taken += n;
      if (n < batchSize) {
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
