/**
 * The satisfaction lists as Excel (issue 16): every survey answer matching the results page's filter
 * (not only the newest comments the page shows), and the stored weekly summaries (SAT-4).
 */
import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../app/context';
import { pagedSource, type ListExport } from '../../app/list-export';
import { labelsIn } from '../../../shared/common';
import { EVALUATION_LABELS } from '../../../shared/reports';
import type { ResultsQuery, WeeklySummary, WeeklyQuery } from '../../../shared/surveys';
import { organisationUnits } from '../org/org.table';
import { presentWeeklySummary } from './surveys.presenter';
import { peopleNames, resultScope } from './surveys.results';
import { surveyInvitations, surveyResponses } from './surveys.table';
import { listWeeklySummaries } from './surveys.weekly';

const LEVEL_ZH: Record<string, string> = labelsIn(EVALUATION_LABELS, 'zh');
const SUBJECT_ZH: Record<string, string> = { ticket: '工单', workorder: '派工单', care_task: '回访' };

export interface SurveyAnswerRow {
  respondedAt: Date;
  unitName: string;
  title: string;
  subjectType: string;
  csat: number | null;
  nps: number | null;
  satisfaction: string | null;
  comment: string | null;
  employeeName: string | null;
  followUp: boolean;
}

/** One page of answers, newest first, under the results page's scope and filter (ORG-1). */
export async function readSurveyAnswers(
  deps: Deps,
  actor: Actor,
  q: ResultsQuery,
  page: number,
  pageSize: number,
): Promise<{ items: SurveyAnswerRow[]; total: number }> {
  const scope = await resultScope(deps, actor, q.unitId);
  const where = and(
    sql`${surveyInvitations.unitId} in (select ${organisationUnits.id} from ${organisationUnits} where ${scope})`,
    q.employeeId ? eq(surveyInvitations.employeeId, q.employeeId) : undefined,
    q.templateCode ? eq(surveyInvitations.templateCode, q.templateCode) : undefined,
    q.subjectType ? eq(surveyInvitations.subjectType, q.subjectType) : undefined,
    q.subjectId ? eq(surveyInvitations.subjectId, q.subjectId) : undefined,
    q.from ? gte(surveyResponses.respondedAt, new Date(q.from)) : undefined,
    q.to ? lt(surveyResponses.respondedAt, new Date(q.to)) : undefined,
  );
  const [count] = await deps.db
    .select({ n: sql<number>`count(*)::int` })
    .from(surveyResponses)
    .innerJoin(surveyInvitations, eq(surveyInvitations.id, surveyResponses.invitationId))
    .where(where);
  const rows = await deps.db
    .select({ response: surveyResponses, invitation: surveyInvitations, unitName: organisationUnits.name })
    .from(surveyResponses)
    .innerJoin(surveyInvitations, eq(surveyInvitations.id, surveyResponses.invitationId))
    .innerJoin(organisationUnits, eq(organisationUnits.id, surveyInvitations.unitId))
    .where(where)
    .orderBy(desc(surveyResponses.respondedAt), surveyResponses.invitationId)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const names = await peopleNames(deps.db, [
    ...new Set(rows.map((r) => r.response.employeeId).filter((x): x is string => !!x)),
  ]);
  return {
    total: Number(count?.n ?? 0),
    items: rows.map(({ response, invitation, unitName }) => ({
      respondedAt: response.respondedAt,
      unitName,
      title: invitation.title,
      subjectType: invitation.subjectType,
      csat: response.csat,
      nps: response.nps,
      satisfaction: response.satisfaction,
      comment: response.comment,
      employeeName: response.employeeId ? (names.get(response.employeeId) ?? null) : null,
      followUp: response.followUpTicketId !== null,
    })),
  };
}

/** 满意度回答 as Excel: each answer with its scores, comment and the employee it rates. */
export const surveyAnswersExport: ListExport<ResultsQuery, SurveyAnswerRow> = {
  name: 'survey_answers',
  title: '满意度回答',
  permission: 'surveys.read',
  columns: [
    { header: '回答时间', width: 18, kind: 'datetime', value: (r) => r.respondedAt },
    { header: '门店', width: 16, value: (r) => r.unitName },
    { header: '问卷', width: 20, value: (r) => r.title },
    { header: '评价对象', width: 10, value: (r) => SUBJECT_ZH[r.subjectType] ?? r.subjectType },
    { header: 'CSAT', width: 8, kind: 'integer', value: (r) => r.csat },
    { header: 'NPS', width: 8, kind: 'integer', value: (r) => r.nps },
    { header: '满意度', width: 10, value: (r) => (r.satisfaction ? LEVEL_ZH[r.satisfaction] : null) },
    { header: '意见', width: 50, value: (r) => r.comment },
    { header: '员工', width: 12, value: (r) => r.employeeName },
    { header: '已开回访工单', width: 12, value: (r) => (r.followUp ? '是' : '') },
  ],
  open: (deps, actor, query) =>
    pagedSource((page, pageSize) => readSurveyAnswers(deps, actor, query, page, pageSize)),
};

const day = (iso: string) => iso.slice(0, 10);

/** 满意度周报 as Excel (SAT-4): one row per unit and week, the employees summed up in one cell. */
export const weeklySummariesExport: ListExport<Omit<WeeklyQuery, 'page' | 'pageSize'>, WeeklySummary> = {
  name: 'survey_weekly',
  title: '满意度周报',
  permission: 'surveys.read',
  columns: [
    { header: '周', width: 10, value: (r) => r.week },
    { header: '开始', width: 12, kind: 'date', value: (r) => day(r.periodStart) },
    {
      header: '结束',
      width: 12,
      kind: 'date',
      value: (r) => day(new Date(new Date(r.periodEnd).getTime() - 1).toISOString()),
    },
    { header: '单位', width: 16, value: (r) => r.summary.unitName },
    { header: '邀请数', width: 8, kind: 'integer', value: (r) => r.summary.invited },
    { header: '回答数', width: 8, kind: 'integer', value: (r) => r.summary.responses },
    { header: 'CSAT 平均', width: 10, kind: 'number', value: (r) => r.summary.csatAverage },
    { header: 'NPS', width: 8, kind: 'number', value: (r) => r.summary.nps.score },
    { header: '不满意', width: 8, kind: 'integer', value: (r) => r.summary.detractors },
    {
      header: '员工（回答数/CSAT/NPS）',
      width: 50,
      value: (r) =>
        r.summary.employees
          .map((e) => `${e.name} ${e.responses}/${e.csatAverage ?? '—'}/${e.nps.score ?? '—'}`)
          .join('；'),
    },
  ],
  open: (deps, actor, query) =>
    pagedSource(async (page, pageSize) => {
      const { items, total } = await listWeeklySummaries(deps, actor, { ...query, page, pageSize });
      return { items: items.map(presentWeeklySummary), total };
    }),
};
