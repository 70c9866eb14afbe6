/**
 * RPT-4: the lapsed-customer analysis (流失客户分析). A customer is lapsed when the last visit
 * (care_visits, kept from completed work orders) lies more than 120 days before the period's last
 * day. Recalls are the care tasks of inactivity rules (the shipped lapsed_recall_120 or a unit's own);
 * a recalled customer is won back when a visit is recorded after the recall was created.
 */
import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { localDateBounds } from '../../../domain/calendar';
import { can, scopeRoots } from '../../../domain/permissions';
import { checkDateRange } from '../../../domain/reports';
import { LAPSED_DAYS, type LapsedQuery, type LapsedReport } from '../../../shared/care-reports';
import type { Actor, Deps } from '../../app/context';
import { rowsOf } from '../../app/db';
import { recordAudit } from '../audit/audit.service';
import { authErrors } from '../auth/auth.errors';
import { XLSX } from '../../../shared/common';
import { attachment, checkExportRows, reportWorkbook, type ReportSheet } from '../../app/report-workbook';
import { findUnit, unitsWithin } from '../org/org.service';
import { careErrors } from './care.errors';

const REACHED = ['reached_satisfied', 'reached_issue'];

/**
 * The units the report covers, as a condition on organisation_units (404 outside the caller's
 * scope), and the zone its dates are counted in (the unit's, or the first unit of the caller's).
 */
async function reportScope(
  deps: Deps,
  actor: Actor,
  unitId: string | undefined,
): Promise<{ scope: SQL; timeZone: string }> {
  const roots = scopeRoots(actor.grants, 'care.read');
  if (roots.length === 0) throw authErrors.forbidden({ permission: 'care.read' });
  if (!unitId) return { scope: unitsWithin(roots), timeZone: (await findUnit(deps.db, roots[0]!))!.timezone };
  const unit = await findUnit(deps.db, unitId);
  if (!unit || !can(actor.grants, 'care.read', unit.path)) throw careErrors.unitNotFound();
  return { scope: unitsWithin([unit.id]), timeZone: unit.timezone };
}

interface UnitFigures {
  unitId: string;
  unitName: string;
  lapsed: number;
  recalls: number;
  recalledCustomers: number;
  reached: number;
  wonBack: number;
  winBackRate: number | null;
  results: Record<string, number>;
}

const rate = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

/** RPT-4: lapsed customers, recalls, their results and the win-back rate per unit, for [from, to]. */
export async function lapsedReport(deps: Deps, actor: Actor, q: LapsedQuery): Promise<LapsedReport> {
  const bad = checkDateRange(q.from, q.to);
  if (bad) throw careErrors.periodReversed(bad);
  const { scope, timeZone } = await reportScope(deps, actor, q.unitId);
  const start = new Date(localDateBounds(q.from, timeZone).from);
  const end = new Date(localDateBounds(q.to, timeZone).to);
  const units = rowsOf<{ id: string; name: string }>(
    await deps.db.execute(sql`select id, name from organisation_units where ${scope} order by path`),
  );
  const lapsed = rowsOf<{ unit_id: string; n: number }>(
    await deps.db.execute(sql`
      select c.unit_id, count(*)::int as n
      from customers c join care_visits v on v.customer_id = c.id
      join organisation_units on organisation_units.id = c.unit_id
      where ${scope} and v.last_visit_date < ${q.to}::date - ${LAPSED_DAYS}::int
      group by c.unit_id`),
  );
  const recalls = rowsOf<{
    unit_id: string;
    customer_id: string;
    result: string;
    reached: boolean;
    won_back: boolean;
  }>(
    await deps.db.execute(sql`
      select t.unit_id, t.customer_id,
        case when t.outcome is not null then t.outcome
             when t.state in ('open', 'sms_fallback', 'sent', 'skipped') then t.state
             else 'other' end as result,
        coalesce(t.outcome in (${sql.join(
          REACHED.map((r) => sql`${r}`),
          sql`, `,
        )}), false) as reached,
        exists (select 1 from care_visits v where v.customer_id = t.customer_id
                and v.last_visit_date > (t.created_at at time zone ${timeZone})::date) as won_back
      from care_tasks t join organisation_units on organisation_units.id = t.unit_id
      where ${scope} and t.state <> 'merged'
        and t.created_at >= ${start} and t.created_at < ${end}
        and (t.rule_code = 'lapsed_recall_120' or t.rule_code in (
          select r.code from care_rules r where r.rule -> 'trigger' ->> 'kind' = 'inactivity'))`),
  );
  const figuresOf = (
    unitId: string,
    unitName: string,
    rows: typeof recalls,
    lapsedCount: number,
  ): UnitFigures => {
    const customers = new Set(rows.map((r) => r.customer_id));
    const reached = new Set(rows.filter((r) => r.reached).map((r) => r.customer_id));
    const wonBack = new Set(rows.filter((r) => r.won_back).map((r) => r.customer_id));
    const results: Record<string, number> = {};
    for (const r of rows) results[r.result] = (results[r.result] ?? 0) + 1;
    return {
      unitId,
      unitName,
      lapsed: lapsedCount,
      recalls: rows.length,
      recalledCustomers: customers.size,
      reached: reached.size,
      wonBack: wonBack.size,
      winBackRate: rate(wonBack.size, customers.size),
      results,
    };
  };
  const lapsedBy = new Map(lapsed.map((r) => [r.unit_id, Number(r.n)]));
  const perUnit = units
    .map((u) =>
      figuresOf(
        u.id,
        u.name,
        recalls.filter((r) => r.unit_id === u.id),
        lapsedBy.get(u.id) ?? 0,
      ),
    )
    .filter((u) => u.lapsed > 0 || u.recalls > 0);
  const {
    unitId: _u,
    unitName: _n,
    ...total
  } = figuresOf(
    '',
    '',
    recalls,
    [...lapsedBy.values()].reduce((a, b) => a + b, 0),
  );
  return { from: q.from, to: q.to, lapsedDays: LAPSED_DAYS, units: perUnit, total };
}

/** RPT-4/RPT-6: the report's sheet, for the download and for scheduled e-mail deliveries. */
export async function lapsedSheets(deps: Deps, actor: Actor, q: LapsedQuery): Promise<ReportSheet[]> {
  const report = await lapsedReport(deps, actor, q);
  return [
    {
      name: '流失客户分析',
      columns: [
        { header: '单位', key: 'unitName', width: 24 },
        { header: `超${LAPSED_DAYS}天未到店客户`, key: 'lapsed', width: 18, numFmt: '#,##0' },
        { header: '回访任务', key: 'recalls', width: 12, numFmt: '#,##0' },
        { header: '回访客户', key: 'recalledCustomers', width: 12, numFmt: '#,##0' },
        { header: '接通', key: 'reached', width: 10, numFmt: '#,##0' },
        { header: '回厂客户', key: 'wonBack', width: 12, numFmt: '#,##0' },
        { header: '挽回率', key: 'winBackRate', width: 10, numFmt: '0.0%' },
      ],
      rows: [...report.units, { unitName: '合计', ...report.total }].map((u) => ({
        unitName: u.unitName,
        lapsed: u.lapsed,
        recalls: u.recalls,
        recalledCustomers: u.recalledCustomers,
        reached: u.reached,
        wonBack: u.wonBack,
        winBackRate: u.winBackRate,
      })),
    },
  ];
}

/** RPT-4/RPT-6: the report as an Excel workbook (refused past the row limit); the export is audited. */
export async function lapsedWorkbook(deps: Deps, actor: Actor, q: LapsedQuery) {
  const sheets = await lapsedSheets(deps, actor, q);
  const rows = checkExportRows(sheets, deps.config.reportExportMaxRows);
  const body = await reportWorkbook(sheets);
  await deps.db.transaction((tx) =>
    recordAudit(tx, deps.clock.now(), actor, {
      action: 'care.lapsed_report_exported',
      subjectType: 'report_export',
      subjectId: randomUUID(),
      unitId: q.unitId ?? null,
      after: { ...q, rows },
    }),
  );
  return {
    body,
    contentType: XLSX,
    disposition: attachment('lapsed-customers.xlsx', `流失客户分析-${q.from}至${q.to}.xlsx`),
  };
}
