/**
 * The report views (RPT-2 monthly complaint analysis, RPT-3 department assessment, CMP-10
 * nonconformity statistics). Numbers come from the rollups only (report_ticket_daily,
 * report_sla_daily: decision 0014); lists behind a number (breaches, drill-downs, clusters) read
 * their few rows from the source tables through indexes, capped.
 */
import { sql } from 'drizzle-orm';
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
import { endOfDay, resolveFilter, startOfDay, typeCondition, type ResolvedFilter } from './reports.filter';
import { rollupFreshness } from './reports.rollups';

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

/** The rollup rows of the filter: scope, local days, types. */
function ticketRollupWhere(f: ResolvedFilter, from = f.range.from, to = f.range.to) {
  return sql`${f.inScope('r.unit_id')} and r.day >= ${from}::date and r.day <= ${to}::date
    and ${typeCondition('r.type', f.types)}`;
}

type DimRow = { dim: string; key: string | null; tickets: number; complaints: number; productCaused: number };

function counts(
  rows: DimRow[],
  dim: string,
  measure: 'tickets' | 'complaints',
  name: (key: string | null) => string,
) {
  return rows
    .filter((r) => r.dim === dim && r[measure] > 0)
    .map((r): CountRow => ({ key: r.key, name: name(r.key), count: r[measure] }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** RPT-2: the monthly complaint summary of a period (default the current one) with its trend. */
export async function monthlyReport(deps: Deps, actor: Actor, q: ReportQuery): Promise<MonthlyReport> {
  const f = await resolveFilter(deps, actor, q);
  // One pass over the period's rollup rows: each grouping set is one breakdown of the summary.
  const dims = rowsOf<DimRow>(
    await deps.db.execute(sql`
      select case when grouping(r.type) = 0 then 'type' when grouping(r.channel) = 0 then 'channel'
          when grouping(r.department_id) = 0 then 'department' when grouping(r.cause) = 0 then 'cause'
          when grouping(r.product) = 0 then 'product' when grouping(r.evaluation) = 0 then 'evaluation'
          else 'total' end as dim,
        coalesce(r.type, r.channel, r.department_id::text, r.cause, r.product, r.evaluation) as key,
        sum(r.tickets)::int as tickets,
        coalesce(sum(r.tickets) filter (where r.complaint), 0)::int as complaints,
        coalesce(sum(r.tickets) filter (where r.product_caused), 0)::int as "productCaused"
      from report_ticket_daily r
      where ${ticketRollupWhere(f)}
      group by grouping sets ((r.type), (r.channel), (r.department_id), (r.cause), (r.product), (r.evaluation), ())`),
  );
  const total = dims.find((r) => r.dim === 'total');
  const departmentIds = dims.filter((r) => r.dim === 'department' && r.key).map((r) => r.key!);

  // The trend: this period and the six before it, each under the same cut-off day.
  const periods = f.range.label ? periodsEndingWith(f.range.label, 7, f.cutOffDay) : [];
  const trendRows =
    periods.length === 0
      ? []
      : rowsOf<{ label: string; tickets: number; complaints: number }>(
          await deps.db.execute(sql`
            select p.label, coalesce(sum(r.tickets), 0)::int as tickets,
              coalesce(sum(r.tickets) filter (where r.complaint), 0)::int as complaints
            from (values ${sql.join(
              periods.map((p) => sql`(${p.label}, ${p.from}::date, ${p.to}::date)`),
              sql`, `,
            )}) as p(label, d_from, d_to)
            left join report_ticket_daily r on r.day >= p.d_from and r.day <= p.d_to
              and ${f.inScope('r.unit_id')} and ${typeCondition('r.type', f.types)}
            group by p.label`),
        );
  const trendBy = new Map(trendRows.map((r) => [r.label, r]));

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
    totals: {
      tickets: total?.tickets ?? 0,
      complaints: total?.complaints ?? 0,
      productCaused: total?.productCaused ?? 0,
    },
    byType: counts(dims, 'type', 'tickets', (k) => TYPE_ZH[k as keyof typeof TYPE_ZH] ?? k ?? ''),
    byChannel: counts(dims, 'channel', 'tickets', (k) => CHANNEL_ZH[k ?? ''] ?? k ?? ''),
    byDepartment: counts(dims, 'department', 'tickets', (k) => (k ? (names.get(k) ?? k) : NO_DEPARTMENT)),
    byCause: counts(dims, 'cause', 'complaints', (k) => k ?? UNFILLED),
    byProduct: counts(dims, 'product', 'complaints', (k) => k ?? UNFILLED),
    evaluations: counts(dims, 'evaluation', 'complaints', (k) =>
      k ? (EVALUATION_ZH[k as keyof typeof EVALUATION_ZH] ?? k) : '未评价',
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
      where ${ticketRollupWhere(f)}
      group by r.department_id, r.step`),
  );
  const closeOut = rowsOf<{ departmentId: string | null; complaints: number; assessed: number }>(
    await deps.db.execute(sql`
      select r.department_id as "departmentId", sum(r.tickets)::int as complaints,
        coalesce(sum(r.tickets) filter (where r.close_out_assessed), 0)::int as assessed
      from report_ticket_daily r
      where ${ticketRollupWhere(f)} and r.complaint
      group by r.department_id`),
  );
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
  const rows = rowsOf<{ product: string | null; defect: string | null; cause: string | null; count: number }>(
    await deps.db.execute(sql`
      select r.product, r.defect, r.cause, sum(r.tickets)::int as count
      from report_ticket_daily r
      where ${ticketRollupWhere(f)} and r.complaint and r.product_caused
      group by r.product, r.defect, r.cause
      order by count desc`),
  );
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
