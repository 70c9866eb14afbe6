/**
 * SLA-9 hotline report: answer time from ringing to answered (the target is three rings, about
 * 15 s), the share answered within it, abandoned calls (rang, never answered), calls per local hour
 * and per agent. A view reads only the hotline rollup (report_call_hours, kept by the reports
 * module's refresh from the contact-log rows the call events write), summed per hour and agent; the
 * figures come from the domain's `hotlineFigures` over those sums. Each call counts on its own
 * unit's local day and hour. The page shows how current the rollup is ("数据截至").
 */
import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import { dayFromIsoDate } from '../../../domain/calendar/time-zone';
import { can, scopeRoots } from '../../../domain/permissions';
import {
  addTotals,
  ANSWER_TARGET_SECONDS,
  checkDateRange,
  hotlineFigures,
  NO_CALLS,
  type HotlineTotals,
} from '../../../domain/reports';
import type { HotlineQuery, HotlineRefresh, HotlineReport } from '../../../shared/telephony';
import type { Actor, Deps } from '../../app/context';
import {
  checkExportRows,
  type ReportColumn,
  type ReportSheet,
  writeWorkbook,
} from '../../app/report-workbook';
import { recordAudit } from '../audit/audit.service';
import { authErrors } from '../auth/auth.errors';
import { displayNames, findUnit, unitsWithin } from '../org/org.service';
import { callHourTotals, refreshRollups, rollupFreshness } from '../reports/reports.service';
import { telephonyErrors } from './telephony.errors';

/** A year of calls at most in one view: the report is read by month or week. */
const MAX_RANGE_DAYS = 366;

interface Scope {
  unit: { id: string; name: string } | null;
  within: ReturnType<typeof unitsWithin>;
  timeZone: string;
}

/** The units the caller may see the report of, narrowed to `unitId` and below (404 outside). */
async function hotlineScope(deps: Deps, actor: Actor, unitId: string | undefined): Promise<Scope> {
  const roots = scopeRoots(actor.grants, 'telephony.report');
  if (roots.length === 0) throw authErrors.forbidden({ permission: 'telephony.report' });
  const unit = await findUnit(deps.db, unitId ?? roots[0]!);
  if (unitId && (!unit || !can(actor.grants, 'telephony.report', unit.path)))
    throw telephonyErrors.unitNotFound();
  return {
    unit: unitId && unit ? { id: unit.id, name: unit.name } : null,
    within: unitId ? unitsWithin([unitId]) : unitsWithin(roots),
    timeZone: unit?.timezone ?? 'Asia/Shanghai',
  };
}

/** 400 on a reversed, impossible or too long range of local dates. */
function checkRange(from: string, to: string): void {
  const problem = checkDateRange(from, to);
  if (problem?.code === 'reports.range_reversed') throw telephonyErrors.rangeReversed({ from, to });
  if (problem)
    throw telephonyErrors.dateInvalid({
      value: problem.code === 'reports.date_invalid' ? problem.value : from,
    });
  if (dayFromIsoDate(to)! - dayFromIsoDate(from)! + 1 > MAX_RANGE_DAYS)
    throw telephonyErrors.rangeTooLong({ maxDays: MAX_RANGE_DAYS });
}

/** SLA-9: the hotline report for a unit (and below) over a range of local dates, from the rollup. */
export async function hotlineReport(deps: Deps, actor: Actor, q: HotlineQuery): Promise<HotlineReport> {
  const scope = await hotlineScope(deps, actor, q.unitId);
  checkRange(q.from, q.to);
  const [rows, freshness] = [
    await callHourTotals(deps.db, { within: scope.within, from: q.from, to: q.to, agentId: q.agentId }),
    await rollupFreshness(deps.db),
  ];
  let total: HotlineTotals = NO_CALLS;
  let ringingNow = 0;
  const byHour = Array.from({ length: 24 }, (): HotlineTotals => NO_CALLS);
  const byAgent = new Map<string, HotlineTotals>();
  for (const row of rows) {
    ringingNow += row.ringing;
    if (row.calls === 0) continue;
    total = addTotals(total, row);
    byHour[row.hour] = addTotals(byHour[row.hour]!, row);
    if (row.agentId) byAgent.set(row.agentId, addTotals(byAgent.get(row.agentId) ?? NO_CALLS, row));
  }
  const names = await displayNames(deps.db, [...byAgent.keys()]);
  const figures = hotlineFigures(total);
  return {
    unit: scope.unit,
    from: q.from,
    to: q.to,
    timeZone: scope.timeZone,
    targetSeconds: ANSWER_TARGET_SECONDS,
    asOf: freshness.asOf?.toISOString() ?? null,
    pendingDays: freshness.pendingDays,
    calls: figures.calls,
    answered: figures.answered,
    abandoned: figures.abandoned,
    ringingNow,
    answeredInTarget: figures.answeredInTarget,
    answeredInTargetRate: figures.answeredInTargetRate,
    averageAnswerSeconds: figures.averageAnswerSeconds,
    averageTalkSeconds: figures.averageTalkSeconds,
    byHour: byHour.map((totals, hour) => {
      const f = hotlineFigures(totals);
      return {
        hour,
        calls: f.calls,
        answered: f.answered,
        abandoned: f.abandoned,
        answeredInTargetRate: f.answeredInTargetRate,
      };
    }),
    byAgent: [...byAgent]
      .map(([agentId, totals]) => {
        const f = hotlineFigures(totals);
        return {
          agentId,
          name: names.get(agentId) ?? '',
          calls: f.calls,
          answered: f.answered,
          abandoned: f.abandoned,
          answeredInTargetRate: f.answeredInTargetRate,
          averageAnswerSeconds: f.averageAnswerSeconds,
          averageTalkSeconds: f.averageTalkSeconds,
        };
      })
      .sort((a, b) => b.calls - a.calls || a.name.localeCompare(b.name, 'zh-CN')),
  };
}

/** SLA-9/RPT-6: the hotline report's three sheets (the download and scheduled e-mail deliveries). */
export async function hotlineSheets(deps: Deps, actor: Actor, q: HotlineQuery): Promise<ReportSheet[]> {
  return sheetsOf(await hotlineReport(deps, actor, q));
}

/** Checks, computes and audits the export before any byte is sent; `write` streams the workbook. */
export async function prepareHotlineExport(deps: Deps, actor: Actor, q: HotlineQuery) {
  const report = await hotlineReport(deps, actor, q);
  const sheets = sheetsOf(report);
  checkExportRows(sheets, deps.config.reportExportMaxRows);
  await deps.db.transaction((tx) =>
    recordAudit(tx, deps.clock.now(), actor, {
      action: 'telephony.hotline_exported',
      subjectType: 'hotline_report',
      subjectId: randomUUID(),
      unitId: q.unitId ?? null,
      after: { filter: q, calls: report.calls },
    }),
  );
  return {
    fileName: `hotline-${q.from}-${q.to}.xlsx`,
    write: (out: Writable) => writeWorkbook(sheets, out),
  };
}

/** Three sheets (summary, by hour, by agent), each with a frozen bold header, filters, widths, formats. */
function sheetsOf(report: HotlineReport): ReportSheet[] {
  const sheets: ReportSheet[] = [];
  const sheet = (name: string, columns: ReportColumn[], rows: ReportSheet['rows']) =>
    sheets.push({ name, columns, rows });
  const pct = '0.0%';
  const sec = '0.0';
  sheet(
    '汇总',
    [
      { header: '单位', key: 'unit', width: 18 },
      { header: '开始日期', key: 'from', width: 12 },
      { header: '结束日期', key: 'to', width: 12 },
      { header: '来电数', key: 'calls', width: 10, numFmt: '0' },
      { header: '已接听', key: 'answered', width: 10, numFmt: '0' },
      { header: '放弃来电', key: 'abandoned', width: 10, numFmt: '0' },
      { header: `${report.targetSeconds} 秒内接听`, key: 'inTarget', width: 14, numFmt: '0' },
      { header: '及时接听率', key: 'rate', width: 12, numFmt: pct },
      { header: '平均接听用时（秒）', key: 'avg', width: 18, numFmt: sec },
      { header: '平均通话时长（秒）', key: 'talk', width: 18, numFmt: sec },
    ],
    [
      {
        unit: report.unit?.name ?? '全部可见单位',
        from: report.from,
        to: report.to,
        calls: report.calls,
        answered: report.answered,
        abandoned: report.abandoned,
        inTarget: report.answeredInTarget,
        rate: report.answeredInTargetRate,
        avg: report.averageAnswerSeconds,
        talk: report.averageTalkSeconds,
      },
    ],
  );
  sheet(
    '按小时',
    [
      { header: '时段', key: 'hour', width: 14 },
      { header: '来电数', key: 'calls', width: 10, numFmt: '0' },
      { header: '已接听', key: 'answered', width: 10, numFmt: '0' },
      { header: '放弃来电', key: 'abandoned', width: 10, numFmt: '0' },
      { header: '及时接听率', key: 'rate', width: 12, numFmt: pct },
    ],
    report.byHour.map((h) => ({
      hour: `${String(h.hour).padStart(2, '0')}:00–${String(h.hour + 1).padStart(2, '0')}:00`,
      calls: h.calls,
      answered: h.answered,
      abandoned: h.abandoned,
      rate: h.answeredInTargetRate,
    })),
  );
  sheet(
    '按坐席',
    [
      { header: '坐席', key: 'name', width: 16 },
      { header: '来电数', key: 'calls', width: 10, numFmt: '0' },
      { header: '已接听', key: 'answered', width: 10, numFmt: '0' },
      { header: '放弃来电', key: 'abandoned', width: 10, numFmt: '0' },
      { header: '及时接听率', key: 'rate', width: 12, numFmt: pct },
      { header: '平均接听用时（秒）', key: 'avg', width: 18, numFmt: sec },
      { header: '平均通话时长（秒）', key: 'talk', width: 18, numFmt: sec },
    ],
    report.byAgent.map((a) => ({
      name: a.name,
      calls: a.calls,
      answered: a.answered,
      abandoned: a.abandoned,
      rate: a.answeredInTargetRate,
      avg: a.averageAnswerSeconds,
      talk: a.averageTalkSeconds,
    })),
  );
  return sheets;
}

/**
 * 立即更新 on the hotline page: runs the rollup pass the scheduler runs (another instance's pass
 * wins a race) and answers how fresh the figures now are.
 */
export async function refreshHotline(deps: Deps): Promise<HotlineRefresh> {
  await refreshRollups(deps);
  const fresh = await rollupFreshness(deps.db);
  return { asOf: fresh.asOf?.toISOString() ?? null, pendingDays: fresh.pendingDays };
}
