/**
 * SLA-9 hotline report: answer time from ringing to answered (the target is three rings, about
 * 15 s), the share answered within it, abandoned calls (rang, never answered), calls per local hour
 * and per agent — from the contact-log rows the call events write (one per call id). The numbers
 * come from the domain's `hotlineFigures`; this file chooses the calls and names the people.
 */
import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import { and, eq, gte, isNotNull, lt } from 'drizzle-orm';
import { dayFromIsoDate, getZone, instantOfLocal } from '../../../domain/calendar/time-zone';
import { can, scopeRoots } from '../../../domain/permissions';
import {
  ANSWER_TARGET_SECONDS,
  checkDateRange,
  hotlineFigures,
  type HotlineCall,
} from '../../../domain/reports';
import type { HotlineQuery, HotlineReport } from '../../../shared/telephony';
import type { Actor, Deps } from '../../app/context';
import {
  checkExportRows,
  type ReportColumn,
  type ReportSheet,
  writeWorkbook,
} from '../../app/report-workbook';
import { recordAudit } from '../audit/audit.service';
import { authErrors } from '../auth/auth.errors';
import { contacts } from '../contacts/contacts.table';
import { displayNames, findUnit, unitsWithin } from '../org/org.service';
import { organisationUnits } from '../org/org.table';
import { telephonyErrors } from './telephony.errors';

/** A year of calls at most in one view: the report is read by month or week. */
const MAX_RANGE_DAYS = 366;
/** More calls than this in one view is a data extract, not a report page. */
export const MAX_HOTLINE_CALLS = 200_000;

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

/** The instants bounding local dates from…to (inclusive) in the zone; 400 on a reversed or bad range. */
function rangeOf(from: string, to: string, timeZone: string): { start: Date; end: Date } {
  const problem = checkDateRange(from, to);
  if (problem?.code === 'reports.range_reversed') throw telephonyErrors.rangeReversed({ from, to });
  if (problem)
    throw telephonyErrors.dateInvalid({
      value: problem.code === 'reports.date_invalid' ? problem.value : from,
    });
  const first = dayFromIsoDate(from)!;
  const last = dayFromIsoDate(to)!;
  if (last - first + 1 > MAX_RANGE_DAYS) throw telephonyErrors.rangeTooLong({ maxDays: MAX_RANGE_DAYS });
  const zone = getZone(timeZone);
  return {
    start: new Date(instantOfLocal(zone, first, 0)),
    end: new Date(instantOfLocal(zone, last + 1, 0)),
  };
}

/** Local hour 0–23 of an instant in the zone. */
function hourIn(timeZone: string): (instant: number) => number {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' });
  return (instant) => Number(format.format(instant)) % 24;
}

interface CallRow extends HotlineCall {
  ended: boolean;
}

/** The calls that rang in the range: answered ones and ended unanswered ones; still-ringing ones apart. */
async function callsOf(
  deps: Deps,
  scope: Scope,
  q: HotlineQuery,
  start: Date,
  end: Date,
): Promise<CallRow[]> {
  const rows = await deps.db
    .select({
      ringingAt: contacts.ringingAt,
      answeredAt: contacts.answeredAt,
      agentId: contacts.agentId,
      durationSeconds: contacts.durationSeconds,
    })
    .from(contacts)
    .innerJoin(organisationUnits, eq(organisationUnits.id, contacts.unitId))
    .where(
      and(
        scope.within,
        isNotNull(contacts.ringingAt),
        gte(contacts.ringingAt, start),
        lt(contacts.ringingAt, end),
        q.agentId ? eq(contacts.agentId, q.agentId) : undefined,
      ),
    )
    .limit(MAX_HOTLINE_CALLS + 1);
  if (rows.length > MAX_HOTLINE_CALLS) throw telephonyErrors.hotlineTooLarge({ max: MAX_HOTLINE_CALLS });
  return rows.map((r) => ({
    ringingAt: r.ringingAt!.getTime(),
    answeredAt: r.answeredAt?.getTime() ?? null,
    agentId: r.agentId,
    ended: r.answeredAt !== null || r.durationSeconds !== null,
  }));
}

/** SLA-9: the hotline report for a unit (and below) over a range of local dates. */
export async function hotlineReport(deps: Deps, actor: Actor, q: HotlineQuery): Promise<HotlineReport> {
  const scope = await hotlineScope(deps, actor, q.unitId);
  const { start, end } = rangeOf(q.from, q.to, scope.timeZone);
  const all = await callsOf(deps, scope, q, start, end);
  // A call still ringing is neither answered nor abandoned yet.
  const calls = all.filter((c) => c.ended);
  const hourOf = hourIn(scope.timeZone);
  const total = hotlineFigures(calls, hourOf);
  const byHourCalls = Array.from({ length: 24 }, () => [] as CallRow[]);
  const byAgentCalls = new Map<string, CallRow[]>();
  for (const call of calls) {
    byHourCalls[hourOf(call.ringingAt)]!.push(call);
    if (!call.agentId) continue;
    const list = byAgentCalls.get(call.agentId) ?? [];
    list.push(call);
    byAgentCalls.set(call.agentId, list);
  }
  const names = await displayNames(deps.db, [...byAgentCalls.keys()]);
  return {
    unit: scope.unit,
    from: q.from,
    to: q.to,
    timeZone: scope.timeZone,
    targetSeconds: ANSWER_TARGET_SECONDS,
    calls: total.calls,
    answered: total.answered,
    abandoned: total.abandoned,
    ringingNow: all.length - calls.length,
    answeredInTarget: total.answeredInTarget,
    answeredInTargetRate: total.answeredInTargetRate,
    averageAnswerSeconds: total.averageAnswerSeconds,
    p90AnswerSeconds: total.p90AnswerSeconds,
    byHour: byHourCalls.map((list, hour) => {
      const f = hotlineFigures(list, hourOf);
      return {
        hour,
        calls: f.calls,
        answered: f.answered,
        abandoned: f.abandoned,
        answeredInTargetRate: f.answeredInTargetRate,
      };
    }),
    byAgent: [...byAgentCalls]
      .map(([agentId, list]) => {
        const f = hotlineFigures(list, hourOf);
        return {
          agentId,
          name: names.get(agentId) ?? '',
          calls: f.calls,
          answered: f.answered,
          abandoned: f.abandoned,
          answeredInTargetRate: f.answeredInTargetRate,
          averageAnswerSeconds: f.averageAnswerSeconds,
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
      { header: '90% 来电接听用时（秒）', key: 'p90', width: 22, numFmt: sec },
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
        p90: report.p90AnswerSeconds,
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
    ],
    report.byAgent.map((a) => ({
      name: a.name,
      calls: a.calls,
      answered: a.answered,
      abandoned: a.abandoned,
      rate: a.answeredInTargetRate,
      avg: a.averageAnswerSeconds,
    })),
  );
  return sheets;
}
