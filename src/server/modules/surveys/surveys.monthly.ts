/**
 * RPT-5 / SAT-4: the monthly satisfaction report of a unit and the units below it — satisfaction per
 * unit and employee with the trend over the previous five periods, the care follow-ups' completion,
 * each agent's first-contact resolution and average handling time — and its improvement plan, whose
 * actions (what, who, by when) are tracked until done. Periods are cut on the company's cut-off day
 * (RPT-2's setting, the 25th by default), in the unit's time zone.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { localDateBounds, localDateOf } from '../../../domain/calendar';
import { can, scopeRoots } from '../../../domain/permissions';
import { periodNamed, periodOf, periodsEndingWith, type ReportPeriod } from '../../../domain/reports';
import { summariseResponses, type ResponseSummary } from '../../../domain/surveys';
import type {
  ImprovementAction,
  ImprovementInput,
  ImprovementPatch,
  MonthlyQuery,
  MonthlyReport,
} from '../../../shared/satisfaction-reports';
import type { Actor, Deps } from '../../app/context';
import { rowsOf } from '../../app/db';
import { defineError } from '../../app/errors';
import { recordAudit } from '../audit/audit.service';
import { authErrors } from '../auth/auth.errors';
import { XLSX } from '../../../shared/common';
import { attachment, checkExportRows, reportWorkbook, type ReportSheet } from '../../app/report-workbook';
import { displayNames, findUnit, unitsWithin } from '../org/org.service';
import { reportCalendarOf } from '../reports/reports.service';
import { organisationUnits } from '../org/org.table';
import { surveyErrors } from './surveys.errors';
import {
  satisfactionImprovementActions as actions,
  surveyInvitations,
  surveyResponses,
} from './surveys.table';

const TREND_PERIODS = 6;

export const monthlyErrors = {
  periodInvalid: defineError('reports.period_label_invalid', 400, '统计月份不正确', 'Invalid report month'),
  actionNotFound: defineError(
    'surveys.improvement_not_found',
    404,
    '找不到这条改进措施',
    'No such improvement action',
  ),
  ownerNotFound: defineError(
    'surveys.improvement_owner_not_found',
    404,
    '找不到这位责任人',
    'No such person to own the action',
  ),
};

/** The period's instants in the unit's zone: local midnight before `from` to local midnight after `to`. */
function periodBounds(p: ReportPeriod, timeZone: string): { start: Date; end: Date } {
  return {
    start: new Date(localDateBounds(p.from, timeZone).from),
    end: new Date(localDateBounds(p.to, timeZone).to),
  };
}

/**
 * The units the caller reads satisfaction of (or `unitId` and below), 404 outside the scope, and the
 * unit whose company calendar (cut-off day, time zone) cuts the months.
 */
async function scopeOf(
  deps: Deps,
  actor: Actor,
  unitId: string | undefined,
  permission: 'surveys.read' | 'surveys.manage',
) {
  const roots = scopeRoots(actor.grants, permission);
  if (roots.length === 0) throw authErrors.forbidden({ permission });
  if (!unitId) return { within: unitsWithin(roots), anchor: (await findUnit(deps.db, roots[0]!))! };
  const unit = await findUnit(deps.db, unitId);
  if (!unit || !can(actor.grants, 'surveys.read', unit.path)) throw surveyErrors.unitNotFound();
  if (!can(actor.grants, permission, unit.path)) throw authErrors.forbidden({ permission });
  return { within: unitsWithin([unit.id]), anchor: unit };
}

const inScope = (column: SQL | typeof surveyResponses.unitId | typeof surveyInvitations.unitId, scope: SQL) =>
  sql`${column} in (select ${organisationUnits.id} from ${organisationUnits} where ${scope})`;

const headline = (s: ResponseSummary) => ({
  responses: s.responses,
  csatAverage: s.csatAverage,
  csatSatisfiedRate: s.csatSatisfiedRate,
  nps: s.nps.score,
  detractors: s.detractors,
});

const rate = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

/** RPT-5: the monthly satisfaction report of `month` ('YYYY-MM'). */
export async function monthlyReport(deps: Deps, actor: Actor, q: MonthlyQuery): Promise<MonthlyReport> {
  const { within: scope, anchor } = await scopeOf(deps, actor, q.unitId, 'surveys.read');
  // The company's cut-off day (RPT-2's setting) and the unit's zone: the same months as every report.
  const { cutOffDay, timeZone } = await reportCalendarOf(deps.db, anchor);
  const named = q.month
    ? periodNamed(q.month, cutOffDay)
    : periodOf(localDateOf(deps.clock.now(), timeZone), cutOffDay);
  if (!named.ok) throw monthlyErrors.periodInvalid(named.error);
  const period = named.period;
  const trendPeriods = periodsEndingWith(period.label, TREND_PERIODS, cutOffDay);
  const bounds = (p: ReportPeriod) => periodBounds(p, timeZone);
  const { start, end } = bounds(period);
  const trendStart = bounds(trendPeriods[0]!).start;

  const responses = await deps.db
    .select({
      unitId: surveyResponses.unitId,
      employeeId: surveyResponses.employeeId,
      csat: surveyResponses.csat,
      nps: surveyResponses.nps,
      detractor: surveyResponses.detractor,
      respondedAt: surveyResponses.respondedAt,
    })
    .from(surveyResponses)
    .where(
      and(
        inScope(surveyResponses.unitId, scope),
        gte(surveyResponses.respondedAt, trendStart),
        lt(surveyResponses.respondedAt, end),
      ),
    );
  const current = responses.filter((r) => r.respondedAt >= start);
  const [invited] = await deps.db
    .select({ n: sql<number>`count(*)::int` })
    .from(surveyInvitations)
    .where(
      and(
        inScope(surveyInvitations.unitId, scope),
        gte(surveyInvitations.createdAt, start),
        lt(surveyInvitations.createdAt, end),
      ),
    );
  const summary = summariseResponses(current);
  const invitedCount = Number(invited?.n ?? 0);

  const [followUps] = rowsOf<{ due: number; completed: number }>(
    await deps.db.execute(sql`
      select count(*)::int as due, count(*) filter (where t.state <> 'open')::int as completed
      from care_tasks t
      where ${inScope(sql`t.unit_id`, scope)} and t.state <> 'merged'
        and t.due_at >= ${start} and t.due_at < ${end}`),
  );

  // First contact: resolved on the day it came in, never sent to a department, never reopened.
  const handling = rowsOf<{ agent: string; resolved: number; first_contact: number; hours: number | null }>(
    await deps.db.execute(sql`
      select coalesce(t.intake_agent_id, t.assignee_user_id) as agent, count(*)::int as resolved,
        count(*) filter (where t.assignee_department_id is null
          and (t.resolved_at at time zone ${timeZone})::date = (t.received_at at time zone ${timeZone})::date
          and not exists (select 1 from ticket_events e where e.ticket_id = t.id and e.type = 'state_changed'
                          and e.body ->> 'from' in ('resolved', 'closed')))::int as first_contact,
        avg(extract(epoch from (t.resolved_at - t.received_at)) / 3600)::float8 as hours
      from tickets t
      where ${inScope(sql`t.unit_id`, scope)} and t.resolved_at >= ${start} and t.resolved_at < ${end}
        -- A follow-up the customer opened (survey) has no intake agent: it counts for its owner.
        and coalesce(t.intake_agent_id, t.assignee_user_id) is not null
      group by 1`),
  );

  const unitIds = [...new Set(current.map((r) => r.unitId))];
  const unitRows = unitIds.length
    ? await deps.db
        .select({ id: organisationUnits.id, name: organisationUnits.name })
        .from(organisationUnits)
        .where(inArray(organisationUnits.id, unitIds))
    : [];
  const employeeIds = [
    ...new Set([
      ...current.map((r) => r.employeeId).filter((x): x is string => !!x),
      ...handling.map((h) => h.agent),
    ]),
  ];
  const names = await displayNames(deps.db, employeeIds);

  return {
    period,
    cutOffDay,
    summary: {
      ...headline(summary),
      invited: invitedCount,
      responseRate: rate(summary.responses, invitedCount),
    },
    followUps: {
      due: Number(followUps?.due ?? 0),
      completed: Number(followUps?.completed ?? 0),
      completionRate: rate(Number(followUps?.completed ?? 0), Number(followUps?.due ?? 0)),
    },
    trend: trendPeriods.map((p) => {
      const b = bounds(p);
      return {
        ...p,
        ...headline(
          summariseResponses(responses.filter((r) => r.respondedAt >= b.start && r.respondedAt < b.end)),
        ),
      };
    }),
    units: unitRows
      .map((u) => ({
        unitId: u.id,
        unitName: u.name,
        ...headline(summariseResponses(current.filter((r) => r.unitId === u.id))),
      }))
      .sort((a, b) => a.unitName.localeCompare(b.unitName)),
    employees: employeeIds
      .map((id) => {
        const h = handling.find((x) => x.agent === id);
        const resolved = Number(h?.resolved ?? 0);
        const firstContact = Number(h?.first_contact ?? 0);
        return {
          employeeId: id,
          name: names.get(id) ?? '',
          ...headline(summariseResponses(current.filter((r) => r.employeeId === id))),
          resolved,
          firstContactResolved: firstContact,
          firstContactRate: rate(firstContact, resolved),
          averageHandlingHours:
            h?.hours === null || h?.hours === undefined ? null : Math.round(Number(h.hours) * 10) / 10,
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
    actions: await listActions(deps, scope, period.label, timeZone),
  };
}

async function listActions(
  deps: Deps,
  scope: SQL,
  period: string,
  timeZone: string,
): Promise<ImprovementAction[]> {
  const rows = await deps.db
    .select({ a: actions, unitName: organisationUnits.name })
    .from(actions)
    .innerJoin(organisationUnits, eq(organisationUnits.id, actions.unitId))
    .where(and(scope, eq(actions.period, period)))
    .orderBy(actions.dueDate, actions.createdAt);
  const names = await displayNames(
    deps.db,
    rows.map((r) => r.a.ownerId),
  );
  const today = localDateOf(deps.clock.now(), timeZone);
  return rows.map(({ a, unitName }) => ({
    id: a.id,
    unitId: a.unitId,
    unitName,
    period: a.period,
    action: a.action,
    ownerId: a.ownerId,
    ownerName: names.get(a.ownerId) ?? '',
    dueDate: a.dueDate,
    state: a.state,
    note: a.note,
    overdue: (a.state === 'open' || a.state === 'in_progress') && a.dueDate < today,
    doneAt: a.doneAt?.toISOString() ?? null,
    updatedAt: a.updatedAt.toISOString(),
  }));
}

async function presentOne(deps: Deps, id: string): Promise<ImprovementAction> {
  const [row] = await deps.db
    .select({ unitId: actions.unitId, period: actions.period, timeZone: organisationUnits.timezone })
    .from(actions)
    .innerJoin(organisationUnits, eq(organisationUnits.id, actions.unitId))
    .where(eq(actions.id, id));
  const all = await listActions(
    deps,
    sql`${organisationUnits.id} = ${row!.unitId}`,
    row!.period,
    row!.timeZone,
  );
  return all.find((a) => a.id === id)!;
}

async function assertOwner(deps: Deps, ownerId: string) {
  const names = await displayNames(deps.db, [ownerId]);
  if (!names.has(ownerId)) throw monthlyErrors.ownerNotFound();
}

/** SAT-4: adds an action to a unit's improvement plan (audited). */
export async function addImprovementAction(deps: Deps, actor: Actor, input: ImprovementInput) {
  await scopeOf(deps, actor, input.unitId, 'surveys.manage');
  await assertOwner(deps, input.ownerId);
  const now = deps.clock.now();
  const id = randomUUID();
  await deps.db.transaction(async (tx) => {
    await tx.insert(actions).values({
      id,
      unitId: input.unitId,
      period: input.period,
      action: input.action,
      ownerId: input.ownerId,
      dueDate: input.dueDate,
      state: 'open',
      note: input.note ?? null,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, now, actor, {
      action: 'surveys.improvement_added',
      subjectType: 'improvement_action',
      subjectId: id,
      unitId: input.unitId,
      after: input,
    });
  });
  return presentOne(deps, id);
}

/** SAT-4: changes an action — its text, owner, due date or state (done records when) — audited. */
export async function updateImprovementAction(deps: Deps, actor: Actor, id: string, patch: ImprovementPatch) {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const [before] = await tx.select().from(actions).where(eq(actions.id, id)).for('update');
    if (!before) throw monthlyErrors.actionNotFound();
    const unit = await findUnit(tx, before.unitId);
    if (!unit || !can(actor.grants, 'surveys.read', unit.path)) throw monthlyErrors.actionNotFound();
    if (!can(actor.grants, 'surveys.manage', unit.path))
      throw authErrors.forbidden({ permission: 'surveys.manage' });
    if (patch.ownerId) await assertOwner(deps, patch.ownerId);
    const changes = {
      ...(patch.action !== undefined ? { action: patch.action } : {}),
      ...(patch.ownerId !== undefined ? { ownerId: patch.ownerId } : {}),
      ...(patch.dueDate !== undefined ? { dueDate: patch.dueDate } : {}),
      ...(patch.note !== undefined ? { note: patch.note } : {}),
      ...(patch.state !== undefined
        ? { state: patch.state, doneAt: patch.state === 'done' ? (before.doneAt ?? now) : null }
        : {}),
      updatedAt: now,
    };
    await tx.update(actions).set(changes).where(eq(actions.id, id));
    await recordAudit(tx, now, actor, {
      action: 'surveys.improvement_updated',
      subjectType: 'improvement_action',
      subjectId: id,
      unitId: before.unitId,
      before: {
        action: before.action,
        ownerId: before.ownerId,
        dueDate: before.dueDate,
        state: before.state,
        note: before.note,
      },
      after: patch,
    });
  });
  return presentOne(deps, id);
}

/** RPT-5/RPT-6: the monthly report's sheets — units, employees and the improvement plan. */
export async function monthlySatisfactionSheets(
  deps: Deps,
  actor: Actor,
  q: MonthlyQuery,
): Promise<ReportSheet[]> {
  const r = await monthlyReport(deps, actor, q);
  const summaryColumns = [
    { header: '回评数', key: 'responses', width: 10, numFmt: '#,##0' },
    { header: '平均满意度', key: 'csatAverage', width: 12, numFmt: '0.00' },
    { header: '满意率(%)', key: 'csatSatisfiedRate', width: 11, numFmt: '0.0' },
    { header: 'NPS', key: 'nps', width: 8, numFmt: '0' },
    { header: '不满意', key: 'detractors', width: 9, numFmt: '#,##0' },
  ];
  const STATE_ZH = { open: '未开始', in_progress: '进行中', done: '已完成', cancelled: '已取消' } as const;
  return [
    {
      name: '单位满意度',
      columns: [{ header: '单位', key: 'unitName', width: 24 }, ...summaryColumns],
      rows: [...r.units, { unitName: '合计', ...r.summary }].map((u) => ({
        unitName: u.unitName,
        responses: u.responses,
        csatAverage: u.csatAverage,
        csatSatisfiedRate: u.csatSatisfiedRate,
        nps: u.nps,
        detractors: u.detractors,
      })),
    },
    {
      name: '员工',
      columns: [
        { header: '员工', key: 'name', width: 14 },
        ...summaryColumns,
        { header: '解决工单', key: 'resolved', width: 10, numFmt: '#,##0' },
        { header: '首次解决', key: 'firstContactResolved', width: 10, numFmt: '#,##0' },
        { header: '首次解决率', key: 'firstContactRate', width: 11, numFmt: '0.0%' },
        { header: '平均处理时长(小时)', key: 'averageHandlingHours', width: 18, numFmt: '0.0' },
      ],
      rows: r.employees.map(({ employeeId: _id, ...e }) => e),
    },
    {
      name: '改进计划',
      columns: [
        { header: '单位', key: 'unitName', width: 20 },
        { header: '改进措施', key: 'action', width: 40 },
        { header: '责任人', key: 'ownerName', width: 12 },
        { header: '完成期限', key: 'dueDate', width: 12 },
        { header: '状态', key: 'state', width: 10 },
        { header: '备注', key: 'note', width: 30 },
      ],
      rows: r.actions.map((a) => ({
        unitName: a.unitName,
        action: a.action,
        ownerName: a.ownerName,
        dueDate: a.dueDate,
        state: STATE_ZH[a.state],
        note: a.note,
      })),
    },
  ];
}

/** RPT-5/RPT-6: the monthly report as Excel (refused past the row limit); the export is audited. */
export async function monthlyWorkbook(deps: Deps, actor: Actor, q: MonthlyQuery) {
  const month = q.month ?? (await monthlyReport(deps, actor, q)).period.label;
  const sheets = await monthlySatisfactionSheets(deps, actor, { ...q, month });
  const rows = checkExportRows(sheets, deps.config.reportExportMaxRows);
  const body = await reportWorkbook(sheets);
  await deps.db.transaction((tx) =>
    recordAudit(tx, deps.clock.now(), actor, {
      action: 'surveys.monthly_report_exported',
      subjectType: 'report_export',
      subjectId: randomUUID(),
      unitId: q.unitId ?? null,
      after: { ...q, rows },
    }),
  );
  return {
    body,
    contentType: XLSX,
    disposition: attachment('satisfaction-monthly.xlsx', `月度满意度报告-${month}.xlsx`),
  };
}
