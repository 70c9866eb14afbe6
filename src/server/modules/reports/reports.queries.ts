/**
 * The report views (RPT-2 monthly complaint analysis, RPT-3 department assessment, CMP-10
 * nonconformity statistics). Numbers come from the rollups only (report_ticket_days and
 * report_ticket_months, report_sla_daily: decisions 0014, 0015); lists behind a number (breaches,
 * drill-downs, clusters) read their few rows from the source tables through indexes, capped.
 */
import { sql, type SQL } from 'drizzle-orm';
import { accountableFor, periodsEndingWith, rate } from '../../../domain/reports';
import { labelsIn } from '../../../shared/common';
import type {
  AssessmentReport,
  CountRow,
  DrillDown,
  DrillDownQuery,
  MonthlyReport,
  NonconformityReport,
  ReportQuery,
} from '../../../shared/reports';
import { EVALUATION_LABELS } from '../../../shared/reports';
import { SLA_TARGET_LABELS } from '../../../shared/glossary';
import { TICKET_CHANNEL_LABELS, TICKET_TYPE_LABELS } from '../../../shared/tickets';
import type { Actor, Deps } from '../../app/context';
import { rowsOf } from '../../app/db';
import { unitNames } from '../org/org.service';
import {
  endOfDay,
  resolveFilter,
  splitRange,
  startOfDay,
  typeCondition,
  type ResolvedFilter,
} from './reports.filter';
import { periodOfDay, rollupFreshness } from './reports.rollups';

const TYPE_ZH = labelsIn(TICKET_TYPE_LABELS, 'zh');
const EVALUATION_ZH = labelsIn(EVALUATION_LABELS, 'zh');
export const CHANNEL_ZH: Record<string, string> = labelsIn(TICKET_CHANNEL_LABELS, 'zh');
/** SLA steps by their glossary names, as the assessment report and its Excel sheets show them. */
export const STEP_ZH: Record<string, string> = labelsIn(SLA_TARGET_LABELS, 'zh');
const UNFILLED = '（未填写）';
const NO_DEPARTMENT = '（未指定部门）';
const LIST_LIMIT = 200;

const iso = (v: unknown): string | null =>
  v === null || v === undefined ? null : new Date(v as string).toISOString();

async function head(deps: Deps, f: ResolvedFilter) {
  const fresh = await rollupFreshness(deps.db);
  return {
    unitId: f.unit?.id ?? null,
    unitName: f.unit?.name ?? null,
    range: f.range,
    asOf: fresh.asOf?.toISOString() ?? null,
    pendingDays: fresh.pendingDays,
  };
}

/** The rollup rows of the filter: scope, local days, types (report_sla_daily). */
function slaRollupWhere(f: ResolvedFilter) {
  return sql`${f.inScope('r.unit_id')} and r.day >= ${f.range.from}::date and r.day <= ${f.range.to}::date
    and ${typeCondition('r.type', f.types)}`;
}

/** The units in the filter's scope, and which of them have monthly rows under its cut-off day. */
interface RollupUnits {
  all: string[];
  monthly: string[];
  daily: string[];
}
async function rollupUnits(deps: Deps, f: ResolvedFilter): Promise<RollupUnits> {
  const rows = rowsOf<{ id: string; monthly: boolean }>(
    await deps.db.execute(sql`
      select o.id, coalesce(mb.cut_off_day = ${f.cutOffDay}, false) as monthly
      from organisation_units o left join report_month_basis mb on mb.company_id = o.path[1]
      where ${f.inScope('o.id')}`),
  );
  return {
    all: rows.map((r) => r.id),
    monthly: rows.filter((r) => r.monthly).map((r) => r.id),
    daily: rows.filter((r) => !r.monthly).map((r) => r.id),
  };
}

const uuids = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/**
 * The narrow ticket rollup rows of the filter over a range and some breakdowns, as one subquery
 * (period, type, dim, value, tickets, complaints, product_caused, assessed): the whole report
 * periods inside the range from the monthly rows (units whose monthly rows are summed under the
 * filter's cut-off day), everything else from the daily rows. `period` is the label month's first day.
 */
function ticketRollupRows(
  f: ResolvedFilter,
  units: RollupUnits,
  range: { from: string; to: string },
  dims: string[],
): SQL {
  const { periods, days } = splitRange(range, f.cutOffDay);
  const dimIn = (column: string) =>
    sql`${sql.raw(column)} in (${sql.join(
      dims.map((d) => sql`${d}`),
      sql`, `,
    )})`;
  const daily = (ids: string[], from: string, to: string) => sql`
    select ${periodOfDay(sql`r.day`, sql`${f.cutOffDay}::int`)} as period, r.type, r.dim, r.value,
      r.tickets, r.complaints, r.product_caused, r.assessed
    from report_ticket_days r
    where r.unit_id = any(${uuids(ids)}) and r.day >= ${from}::date and r.day <= ${to}::date
      and ${dimIn('r.dim')} and ${typeCondition('r.type', f.types)}`;
  const parts: SQL[] = [];
  if (periods.length > 0 && units.monthly.length > 0)
    parts.push(sql`
      select m.period, m.type, m.dim, m.value, m.tickets, m.complaints, m.product_caused, m.assessed
      from report_ticket_months m
      where m.unit_id = any(${uuids(units.monthly)})
        and m.period = any(${`{${periods.map((p) => `${p.label}-01`).join(',')}}`}::date[])
        and ${dimIn('m.dim')} and ${typeCondition('m.type', f.types)}`);
  if (periods.length > 0 && units.daily.length > 0)
    parts.push(daily(units.daily, periods[0]!.from, periods.at(-1)!.to));
  if (units.all.length > 0) for (const span of days) parts.push(daily(units.all, span.from, span.to));
  if (parts.length === 0)
    parts.push(sql`select null::date as period, null::text as type, null::text as dim, null::text as value,
      0 as tickets, 0 as complaints, 0 as product_caused, 0 as assessed where false`);
  return sql.join(parts, sql` union all `);
}

type DimRow = {
  dim: string;
  key: string | null;
  type: string;
  tickets: number;
  complaints: number;
  productCaused: number;
  assessed: number;
};

/** Sums of the rollup rows of some breakdowns, per breakdown, value and ticket type. */
async function dimRows(deps: Deps, f: ResolvedFilter, units: RollupUnits, dims: string[]): Promise<DimRow[]> {
  return rowsOf<DimRow>(
    await deps.db.execute(sql`
      select x.dim, x.value as key, x.type, sum(x.tickets)::int as tickets,
        sum(x.complaints)::int as complaints, sum(x.product_caused)::int as "productCaused",
        sum(x.assessed)::int as assessed
      from (${ticketRollupRows(f, units, f.range, dims)}) x
      group by x.dim, x.value, x.type`),
  );
}

function counts(
  rows: DimRow[],
  dim: string,
  by: (r: DimRow) => string | null,
  measure: 'tickets' | 'complaints',
  name: (key: string | null) => string,
) {
  const sums = new Map<string | null, number>();
  for (const r of rows) if (r.dim === dim) sums.set(by(r), (sums.get(by(r)) ?? 0) + r[measure]);
  return [...sums]
    .filter(([, count]) => count > 0)
    .map(([key, count]): CountRow => ({ key, name: name(key), count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** RPT-2: the monthly complaint summary of a period (default the current one) with its trend. */
export async function monthlyReport(deps: Deps, actor: Actor, q: ReportQuery): Promise<MonthlyReport> {
  const f = await resolveFilter(deps, actor, q);
  const units = await rollupUnits(deps, f);
  // One pass over the period's rollup rows; every ticket has one `department` row, which gives
  // the totals and the split by type.
  const dims = await dimRows(deps, f, units, ['channel', 'department', 'cause', 'product', 'evaluation']);
  const total = { tickets: 0, complaints: 0, productCaused: 0 };
  for (const r of dims)
    if (r.dim === 'department') {
      total.tickets += r.tickets;
      total.complaints += r.complaints;
      total.productCaused += r.productCaused;
    }
  const departmentIds = [...new Set(dims.filter((r) => r.dim === 'department' && r.key).map((r) => r.key!))];

  // The trend: this period and the six before it, each under the same cut-off day (whole periods:
  // read from the monthly rows).
  const periods = f.range.label ? periodsEndingWith(f.range.label, 7, f.cutOffDay) : [];
  const trendRows =
    periods.length === 0
      ? []
      : rowsOf<{ period: string; tickets: number; complaints: number }>(
          await deps.db.execute(sql`
            select x.period::text as period, sum(x.tickets)::int as tickets,
              sum(x.complaints)::int as complaints
            from (${ticketRollupRows(f, units, { from: periods[0]!.from, to: periods.at(-1)!.to }, ['department'])}) x
            group by x.period`),
        );
  const trendBy = new Map(trendRows.map((r) => [r.period.slice(0, 7), r]));

  // CMP-8 clusters raised in the period: few rows, read where they are.
  const clusterRows = rowsOf<{
    id: string;
    product: string;
    cause: string;
    count: number;
    departmentId: string | null;
    raisedAt: string;
    ticketIds: string[];
  }>(
    await deps.db.execute(sql`
      select c.id, c.product, c.cause, jsonb_array_length(c.ticket_ids)::int as count,
        c.department_id as "departmentId", c.raised_at as "raisedAt", c.ticket_ids as "ticketIds"
      from complaint_clusters c
      where ${f.inScope('c.unit_id')}
        and c.raised_at >= ${startOfDay(f.range.from, f.timeZone)}
        and c.raised_at < ${endOfDay(f.range.to, f.timeZone)}
      order by jsonb_array_length(c.ticket_ids) desc, c.raised_at desc
      limit 10`),
  );
  const names = await unitNames(deps.db, [
    ...departmentIds,
    ...clusterRows.map((c) => c.departmentId).filter((x): x is string => !!x),
  ]);
  return {
    ...(await head(deps, f)),
    cutOffDay: f.cutOffDay,
    totals: total,
    byType: counts(
      dims,
      'department',
      (r) => r.type,
      'tickets',
      (k) => TYPE_ZH[k as keyof typeof TYPE_ZH] ?? k ?? '',
    ),
    byChannel: counts(
      dims,
      'channel',
      (r) => r.key,
      'tickets',
      (k) => CHANNEL_ZH[k ?? ''] ?? k ?? '',
    ),
    byDepartment: counts(
      dims,
      'department',
      (r) => r.key,
      'tickets',
      (k) => (k ? (names.get(k) ?? k) : NO_DEPARTMENT),
    ),
    byCause: counts(
      dims,
      'cause',
      (r) => r.key,
      'complaints',
      (k) => k ?? UNFILLED,
    ),
    byProduct: counts(
      dims,
      'product',
      (r) => r.key,
      'complaints',
      (k) => k ?? UNFILLED,
    ),
    evaluations: counts(
      dims,
      'evaluation',
      (r) => r.key,
      'complaints',
      (k) => (k ? (EVALUATION_ZH[k as keyof typeof EVALUATION_ZH] ?? k) : '未评价'),
    ),
    trend: periods.map((p) => ({
      label: p.label,
      from: p.from,
      to: p.to,
      tickets: trendBy.get(p.label)?.tickets ?? 0,
      complaints: trendBy.get(p.label)?.complaints ?? 0,
    })),
    clusters: clusterRows.map((c) => ({
      id: c.id,
      product: c.product,
      cause: c.cause,
      count: c.count,
      departmentName: c.departmentId ? (names.get(c.departmentId) ?? null) : null,
      raisedAt: iso(c.raisedAt)!,
      ticketIds: c.ticketIds,
    })),
  };
}

/** RPT-3: on-time rate per department and step, the breaches behind it, close-out assessments. */
export async function assessmentReport(deps: Deps, actor: Actor, q: ReportQuery): Promise<AssessmentReport> {
  const f = await resolveFilter(deps, actor, q);
  const rows = rowsOf<{ departmentId: string | null; step: string; onTime: number; late: number }>(
    await deps.db.execute(sql`
      select r.department_id as "departmentId", r.step, sum(r.on_time)::int as "onTime", sum(r.late)::int as late
      from report_sla_daily r
      where ${slaRollupWhere(f)}
      group by r.department_id, r.step`),
  );
  // Close-out assessments (CMP-5) of the period's complaints, per responsible department.
  const closeOutSums = new Map<string | null, { complaints: number; assessed: number }>();
  for (const r of await dimRows(deps, f, await rollupUnits(deps, f), ['department'])) {
    const d = closeOutSums.get(r.key) ?? { complaints: 0, assessed: 0 };
    d.complaints += r.complaints;
    d.assessed += r.assessed;
    closeOutSums.set(r.key, d);
  }
  const closeOut = [...closeOutSums]
    .filter(([, d]) => d.complaints > 0)
    .map(([departmentId, d]) => ({ departmentId, ...d }));
  // The late runs themselves, newest due first, one index range per late state (state, due_at).
  const lateStates = ['met_late', 'breached', 'escalated', 'ended'];
  const from = startOfDay(f.range.from, f.timeZone);
  const to = endOfDay(f.range.to, f.timeZone);
  const breaches = rowsOf<{
    targetId: string;
    ticketId: string;
    ticketNumber: string;
    subject: string;
    step: string;
    departmentId: string | null;
    dueAt: string | null;
    endedAt: string | null;
    state: string;
  }>(
    await deps.db.execute(sql`
      select * from (${sql.join(
        lateStates.map(
          (
            state,
          ) => sql`(select s.id as "targetId", t.id as "ticketId", t.number as "ticketNumber", t.subject,
            s.key as step, t.assignee_department_id as "departmentId", s.due_at as "dueAt",
            coalesce(s.met_at, s.ended_at) as "endedAt", s.state
          from sla_targets s join tickets t on t.id = s.subject_id::uuid
          where s.state = ${state} and s.due_at >= ${from} and s.due_at < ${to}
            and s.subject_type = 'ticket' and ${f.inScope('s.unit_id')}
            and ${typeCondition('s.ticket_type', f.types)}
            ${state === 'ended' ? sql`and s.ended_at > s.due_at` : sql``}
          order by s.due_at desc limit ${LIST_LIMIT + 1})`,
        ),
        sql` union all `,
      )}) b order by "dueAt" desc limit ${LIST_LIMIT + 1}`),
  );
  const names = await unitNames(
    deps.db,
    [
      ...rows.map((r) => r.departmentId),
      ...closeOut.map((r) => r.departmentId),
      ...breaches.map((r) => r.departmentId),
    ].filter((x): x is string => !!x),
  );
  const deptName = (id: string | null) => (id ? (names.get(id) ?? id) : NO_DEPARTMENT);

  const byDept = new Map<
    string,
    {
      departmentId: string | null;
      onTime: number;
      late: number;
      complaints: number;
      closeOutAssessed: number;
    }
  >();
  const dept = (id: string | null) => {
    const key = id ?? '';
    let d = byDept.get(key);
    if (!d)
      byDept.set(key, (d = { departmentId: id, onTime: 0, late: 0, complaints: 0, closeOutAssessed: 0 }));
    return d;
  };
  for (const r of rows) {
    const d = dept(r.departmentId);
    d.onTime += r.onTime;
    d.late += r.late;
  }
  for (const r of closeOut) {
    const d = dept(r.departmentId);
    d.complaints += r.complaints;
    d.closeOutAssessed += r.assessed;
  }
  return {
    ...(await head(deps, f)),
    rows: rows
      .map((r) => ({
        departmentId: r.departmentId,
        departmentName: deptName(r.departmentId),
        step: r.step,
        accountable: accountableFor(r.step),
        onTime: r.onTime,
        late: r.late,
        onTimeRate: rate(r.onTime, r.onTime + r.late),
      }))
      .sort((a, b) => a.departmentName.localeCompare(b.departmentName) || a.step.localeCompare(b.step)),
    departments: [...byDept.values()]
      .map((d) => ({
        ...d,
        departmentName: deptName(d.departmentId),
        onTimeRate: rate(d.onTime, d.onTime + d.late),
      }))
      .sort((a, b) => a.departmentName.localeCompare(b.departmentName)),
    breaches: breaches.slice(0, LIST_LIMIT).map((b) => ({
      targetId: b.targetId,
      ticketId: b.ticketId,
      ticketNumber: b.ticketNumber,
      subject: b.subject,
      step: b.step,
      departmentName: b.departmentId ? deptName(b.departmentId) : null,
      dueAt: iso(b.dueAt),
      endedAt: iso(b.endedAt),
      state: b.state,
    })),
    breachesTruncated: breaches.length > LIST_LIMIT,
  };
}

/** CMP-10: product-caused complaints by product, defect and cause (returns join here once they exist). */
export async function nonconformityReport(
  deps: Deps,
  actor: Actor,
  q: ReportQuery,
): Promise<NonconformityReport> {
  const f = await resolveFilter(deps, actor, q);
  // Product-caused complaints (CMP-10), one rollup value per [product, defect, cause].
  const sums = new Map<string, number>();
  for (const r of await dimRows(deps, f, await rollupUnits(deps, f), ['nonconformity']))
    sums.set(r.key!, (sums.get(r.key!) ?? 0) + r.tickets);
  const rows = [...sums]
    .filter(([, count]) => count > 0)
    .map(([key, count]) => {
      const [product, defect, cause] = JSON.parse(key) as (string | null)[];
      return { product: product ?? null, defect: defect ?? null, cause: cause ?? null, count };
    })
    .sort((a, b) => b.count - a.count);
  const by = (pick: (r: (typeof rows)[number]) => string | null): CountRow[] => {
    const m = new Map<string | null, number>();
    for (const r of rows) m.set(pick(r), (m.get(pick(r)) ?? 0) + r.count);
    return [...m]
      .map(([key, count]) => ({ key, name: key ?? UNFILLED, count }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  };
  return {
    ...(await head(deps, f)),
    total: rows.reduce((s, r) => s + r.count, 0),
    byProduct: by((r) => r.product),
    byDefect: by((r) => r.defect),
    byCause: by((r) => r.cause),
    rows: rows.map((r) => ({
      product: r.product ?? UNFILLED,
      defect: r.defect ?? UNFILLED,
      cause: r.cause ?? UNFILLED,
      count: r.count,
    })),
  };
}

/**
 * The tickets behind a number (newest intake first, at most 200): the report's filter plus the
 * dimension clicked. `null`-valued dimensions are asked for as the empty string ("not filled in").
 */
export async function drillDown(deps: Deps, actor: Actor, q: DrillDownQuery): Promise<DrillDown> {
  const f = await resolveFilter(deps, actor, q);
  const eqOrNull = (column: string, value: string | undefined) =>
    value === undefined
      ? sql``
      : value === ''
        ? sql`and ${sql.raw(column)} is null`
        : sql`and ${sql.raw(column)} = ${value}`;
  const items = rowsOf<{
    id: string;
    number: string;
    subject: string;
    type: string;
    state: string;
    receivedAt: string;
  }>(
    await deps.db.execute(sql`
      select t.id, t.number, t.subject, t.type, t.state, t.received_at as "receivedAt"
      from tickets t left join complaint_records c on c.ticket_id = t.id
      where ${f.inScope('t.unit_id')} and t.state <> 'merged'
        and t.received_at >= ${startOfDay(f.range.from, f.timeZone)}
        and t.received_at < ${endOfDay(f.range.to, f.timeZone)}
        and ${typeCondition('t.type', f.types)}
        ${eqOrNull('t.channel', q.channel)}
        ${q.departmentId ? sql`and t.assignee_department_id = ${q.departmentId}` : sql``}
        ${eqOrNull('c.product', q.product)}
        ${eqOrNull('c.cause', q.cause)}
        ${eqOrNull('c.defect', q.defect)}
        ${q.evaluation ? sql`and c.evaluation_result = ${q.evaluation}` : sql``}
        ${q.complaintsOnly === 'true' ? sql`and c.ticket_id is not null` : sql``}
        ${q.productCaused === 'true' ? sql`and c.product_caused` : sql``}
      order by t.received_at desc
      limit ${LIST_LIMIT + 1}`),
  );
  return {
    items: items.slice(0, LIST_LIMIT).map((t) => ({ ...t, receivedAt: iso(t.receivedAt)! })),
    truncated: items.length > LIST_LIMIT,
  };
}
