/**
 * Satisfaction results (SAT-3, SAT-4): on a ticket or work order, an employee, a unit and the units
 * below it. Scoped like every record (ORG-1): a unit outside the caller's reach answers 404.
 */
import { and, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { can, scopeRoots } from '../../../domain/permissions';
import {
  distributionOf,
  summariseResponses,
  weekKeyOf,
  type QuestionDistribution,
  type ResponseSummary,
  type SurveyAnswers,
  type SurveyQuestion,
} from '../../../domain/surveys';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { authErrors } from '../auth/auth.errors';
import { findUnit, unitsWithin } from '../org/org.service';
import { organisationUnits, users } from '../org/org.table';
import { surveyErrors } from './surveys.errors';
import type { ResultsQuery } from './surveys.schemas';
import { surveyInvitations, surveyResponses } from './surveys.table';

/** More responses than this in one view are summarised from the newest ones. */
const MAX_ROWS = 50_000;
const COMMENTS = 200;

export interface EmployeeResult extends ResponseSummary {
  employeeId: string;
  name: string;
}

export interface SurveyResults {
  summary: ResponseSummary & { invited: number; responseRate: number | null };
  trend: { week: string; responses: number; csatAverage: number | null; nps: number | null }[];
  distributions: { templateCode: string; title: string; questions: QuestionDistribution[] }[];
  employees: EmployeeResult[];
  comments: {
    invitationId: string;
    respondedAt: string;
    templateCode: string;
    csat: number | null;
    nps: number | null;
    satisfaction: string | null;
    comment: string;
    employeeName: string | null;
    subjectType: string;
    subjectId: string;
    followUpTicketId: string | null;
  }[];
  truncated: boolean;
}

/** Units the caller may read results of, narrowed to `unitId` and below when asked (404 outside). */
export async function resultScope(deps: Deps, actor: Actor, unitId: string | undefined): Promise<SQL> {
  const roots = scopeRoots(actor.grants, 'surveys.read');
  if (roots.length === 0) throw authErrors.forbidden({ permission: 'surveys.read' });
  if (!unitId) return unitsWithin(roots);
  const unit = await findUnit(deps.db, unitId);
  if (!unit || !can(actor.grants, 'surveys.read', unit.path)) throw surveyErrors.unitNotFound();
  return unitsWithin([unit.id]);
}

/** Display names of people (the org module has no bulk-name helper for users). */
export async function peopleNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The results page and the results box on a ticket, work order or employee. */
export async function surveyResults(deps: Deps, actor: Actor, q: ResultsQuery): Promise<SurveyResults> {
  const scope = await resultScope(deps, actor, q.unitId);
  const inScope = sql`${surveyInvitations.unitId} in (select ${organisationUnits.id} from ${organisationUnits} where ${scope})`;
  const common = [
    inScope,
    q.employeeId ? eq(surveyInvitations.employeeId, q.employeeId) : undefined,
    q.templateCode ? eq(surveyInvitations.templateCode, q.templateCode) : undefined,
    q.subjectType ? eq(surveyInvitations.subjectType, q.subjectType) : undefined,
    q.subjectId ? eq(surveyInvitations.subjectId, q.subjectId) : undefined,
  ];
  const from = q.from ? new Date(q.from) : undefined;
  const to = q.to ? new Date(q.to) : undefined;
  const rows = await deps.db
    .select({ response: surveyResponses, invitation: surveyInvitations })
    .from(surveyResponses)
    .innerJoin(surveyInvitations, eq(surveyInvitations.id, surveyResponses.invitationId))
    .where(
      and(
        ...common,
        from ? gte(surveyResponses.respondedAt, from) : undefined,
        to ? lt(surveyResponses.respondedAt, to) : undefined,
      ),
    )
    .orderBy(desc(surveyResponses.respondedAt))
    .limit(MAX_ROWS + 1);
  const truncated = rows.length > MAX_ROWS;
  if (truncated) rows.pop();
  const [invited] = await deps.db
    .select({ n: sql<number>`count(*)::int` })
    .from(surveyInvitations)
    .where(
      and(
        ...common,
        from ? gte(surveyInvitations.createdAt, from) : undefined,
        to ? lt(surveyInvitations.createdAt, to) : undefined,
      ),
    );
  const responses = rows.map((r) => r.response);
  const summary = summariseResponses(responses);
  const invitedCount = Number(invited?.n ?? 0);

  const timeZone = q.unitId
    ? ((await findUnit(deps.db, q.unitId))?.timezone ?? 'Asia/Shanghai')
    : 'Asia/Shanghai';
  const byWeek = new Map<string, typeof responses>();
  for (const r of responses) {
    const key = weekKeyOf(r.respondedAt, timeZone);
    byWeek.set(key, [...(byWeek.get(key) ?? []), r]);
  }
  const trend = [...byWeek]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([week, list]) => {
      const s = summariseResponses(list);
      return { week, responses: s.responses, csatAverage: s.csatAverage, nps: s.nps.score };
    });

  const byTemplate = new Map<
    string,
    { title: string; questions: SurveyQuestion[]; sheets: SurveyAnswers[] }
  >();
  for (const { invitation, response } of rows) {
    // Rows come newest first: the newest invitation's questions describe the template.
    const group = byTemplate.get(invitation.templateCode) ?? {
      title: invitation.title,
      questions: invitation.questions,
      sheets: [],
    };
    group.sheets.push(response.answers);
    byTemplate.set(invitation.templateCode, group);
  }
  const distributions = [...byTemplate].map(([templateCode, g]) => ({
    templateCode,
    title: g.title,
    questions: distributionOf(g.questions, g.sheets),
  }));

  const employeeIds = [...new Set(responses.map((r) => r.employeeId).filter((x): x is string => !!x))];
  const names = await peopleNames(deps.db, employeeIds);
  const employees = employeeIds
    .map((employeeId) => ({
      employeeId,
      name: names.get(employeeId) ?? '',
      ...summariseResponses(responses.filter((r) => r.employeeId === employeeId)),
    }))
    .sort((a, b) => b.responses - a.responses || a.name.localeCompare(b.name));

  const comments = rows
    .filter((r) => r.response.comment)
    .slice(0, COMMENTS)
    .map(({ invitation, response }) => ({
      invitationId: invitation.id,
      respondedAt: response.respondedAt.toISOString(),
      templateCode: invitation.templateCode,
      csat: response.csat,
      nps: response.nps,
      satisfaction: response.satisfaction,
      comment: response.comment ?? '',
      employeeName: response.employeeId ? (names.get(response.employeeId) ?? null) : null,
      subjectType: invitation.subjectType,
      subjectId: invitation.subjectId,
      followUpTicketId: response.followUpTicketId,
    }));

  return {
    summary: {
      ...summary,
      invited: invitedCount,
      responseRate: invitedCount === 0 ? null : Math.round((summary.responses / invitedCount) * 1000) / 10,
    },
    trend,
    distributions,
    employees,
    comments,
    truncated,
  };
}
