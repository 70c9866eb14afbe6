/**
 * SAT-4: the Monday satisfaction summary. For the previous Monday–Sunday week (Asia/Shanghai) every
 * unit with survey activity gets one stored summary — its figures and one line per employee — and
 * headquarters (general manager and customer-service supervisors at the root) is notified. Running
 * a week again finds its summaries already there and creates nothing.
 */
import { and, desc, gte, inArray, lt, sql } from 'drizzle-orm';
import {
  previousWeek,
  summariseResponses,
  type ReportWeek,
  type ResponseSummary,
} from '../../../domain/surveys';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { enqueueJobs } from '../../jobs/jobs.repository';
import { findUnit, nearestRoleHolders, unitNames } from '../org/org.service';
import { enqueueMessage } from '../messages/messages.service';
import { organisationUnits, users } from '../org/org.table';
import { createNotifications } from '../notifications/notifications.service';
import { peopleNames, resultScope } from './surveys.results';
import type { WeeklyQuery } from './surveys.schemas';
import { surveyInvitations, surveyResponses, surveyWeeklySummaries } from './surveys.table';

export const SAT4_JOB = 'surveys.weekly_summary';
export const SAT4_TIME_ZONE = 'Asia/Shanghai';
/** Who at headquarters receives the Monday summary. */
const HQ_ROLES = ['general_manager', 'cs_supervisor'];

export interface WeeklySummaryContent extends ResponseSummary {
  unitName: string;
  invited: number;
  employees: ({ employeeId: string; name: string } & ResponseSummary)[];
}

/** Deterministic job id of a week's summary run: enqueueing it again is a no-op. */
export const sat4JobId = (week: string) => `sat4:${week}`;

/**
 * Called on every scheduler pass: makes sure last week's summary job exists. From Monday 00:00
 * (Shanghai) the id changes to the week just ended, so a running server produces it each Monday.
 */
export async function enqueueWeeklySummary(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const week = previousWeek(now, SAT4_TIME_ZONE);
  return enqueueJobs(deps.db, now, [
    { id: sat4JobId(week.week), kind: SAT4_JOB, payload: { week: week.week, at: week.end.toISOString() } },
  ]);
}

/** Builds and stores the summaries of `week`; returns how many were new (0 on a re-run). */
export async function generateWeeklySummaries(deps: Deps, tx: Db, week: ReportWeek): Promise<number> {
  const inWeek = (col: typeof surveyInvitations.createdAt | typeof surveyResponses.respondedAt) =>
    and(gte(col, week.start), lt(col, week.end));
  const invited = await tx
    .select({ unitId: surveyInvitations.unitId, n: sql<number>`count(*)::int` })
    .from(surveyInvitations)
    .where(inWeek(surveyInvitations.createdAt))
    .groupBy(surveyInvitations.unitId);
  const responses = await tx
    .select({
      unitId: surveyResponses.unitId,
      employeeId: surveyResponses.employeeId,
      csat: surveyResponses.csat,
      nps: surveyResponses.nps,
      detractor: surveyResponses.detractor,
    })
    .from(surveyResponses)
    .where(inWeek(surveyResponses.respondedAt));
  const unitIds = [...new Set([...invited.map((r) => r.unitId), ...responses.map((r) => r.unitId)])].sort();
  if (unitIds.length === 0) return 0;
  const units = await unitNames(tx, unitIds);
  const names = await peopleNames(tx, [
    ...new Set(responses.map((r) => r.employeeId).filter((x): x is string => !!x)),
  ]);
  const now = deps.clock.now();
  let created = 0;
  const roots = new Map<string, { ids: string[]; lines: string[] }>();
  for (const unitId of unitIds) {
    const mine = responses.filter((r) => r.unitId === unitId);
    const employeeIds = [...new Set(mine.map((r) => r.employeeId).filter((x): x is string => !!x))];
    const content: WeeklySummaryContent = {
      unitName: units.get(unitId) ?? '',
      invited: Number(invited.find((r) => r.unitId === unitId)?.n ?? 0),
      ...summariseResponses(mine),
      employees: employeeIds
        .map((employeeId) => ({
          employeeId,
          name: names.get(employeeId) ?? '',
          ...summariseResponses(mine.filter((r) => r.employeeId === employeeId)),
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    };
    const [row] = await tx
      .insert(surveyWeeklySummaries)
      .values({
        unitId,
        week: week.week,
        periodStart: week.start,
        periodEnd: week.end,
        summary: content,
        createdAt: now,
      })
      .onConflictDoNothing({ target: [surveyWeeklySummaries.unitId, surveyWeeklySummaries.week] })
      .returning({ id: surveyWeeklySummaries.id });
    if (!row) continue;
    created += 1;
    const unit = await findUnit(tx, unitId);
    const root = unit?.path[0];
    if (!root) continue;
    const entry = roots.get(root) ?? { ids: [], lines: [] };
    entry.ids.push(row.id);
    entry.lines.push(summaryLine(content));
    roots.set(root, entry);
  }
  for (const [rootId, { ids: summaryIds, lines }] of roots) {
    const recipients = await nearestRoleHolders(tx, [rootId], HQ_ROLES);
    await emailHeadquarters(deps, tx, week, rootId, recipients, lines);
    await createNotifications(
      tx,
      recipients.map((recipientId) => ({
        recipientId,
        kind: 'survey_weekly_summary' as const,
        subjectType: 'survey_week',
        subjectId: week.week,
        stepId: `${sat4JobId(week.week)}:${rootId}`,
        payload: { week: week.week, monday: week.monday, sunday: week.sunday, units: summaryIds.length },
        createdAt: now,
      })),
    );
  }
  return created;
}

const fmt = (v: number | null) => (v === null ? '—' : String(v));

/** One unit's week in a line of the e-mail: what a manager reads first. */
function summaryLine(c: WeeklySummaryContent): string {
  const people = c.employees.map((e) => `${e.name} ${e.responses}份/CSAT ${fmt(e.csatAverage)}`).join('，');
  return (
    `${c.unitName}：邀请 ${c.invited}，回收 ${c.responses}，平均满意度 ${fmt(c.csatAverage)}，` +
    `NPS ${fmt(c.nps.score)}，不满意 ${c.detractors}` +
    (people ? `（${people}）` : '')
  );
}

/**
 * SAT-4 delivery by e-mail: each headquarters recipient with an e-mail address on their account
 * gets the week's summary through the messages outbox (once per week and person).
 */
async function emailHeadquarters(
  deps: Deps,
  tx: Db,
  week: ReportWeek,
  rootId: string,
  recipientIds: string[],
  lines: string[],
): Promise<void> {
  if (recipientIds.length === 0) return;
  // The org module has no helper for people's e-mail addresses; read them for this delivery.
  const people = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.id, recipientIds));
  for (const person of people) {
    if (!person.email) continue;
    await enqueueMessage(deps, tx, {
      unitId: rootId,
      customerId: null,
      channel: 'email',
      to: person.email,
      subject: `满意度周报 ${week.week}（${week.monday} 至 ${week.sunday}）`,
      body: [
        `上周（${week.monday} 至 ${week.sunday}）满意度汇总：`,
        '',
        ...lines,
        '',
        '详细数据请在 Kefu「满意度周报」中查看。',
      ].join('\n'),
      purpose: 'service',
      idempotencyKey: `${sat4JobId(week.week)}:${rootId}:${person.id}`,
      source: { type: 'survey_week', id: week.week },
    });
  }
}

/** The stored Monday summaries the caller may see, newest week first. */
export async function listWeeklySummaries(deps: Deps, actor: Actor, q: WeeklyQuery) {
  const scope = await resultScope(deps, actor, q.unitId);
  const where = sql`${surveyWeeklySummaries.unitId} in (select ${organisationUnits.id} from ${organisationUnits} where ${scope})`;
  const [total] = await deps.db
    .select({ n: sql<number>`count(*)::int` })
    .from(surveyWeeklySummaries)
    .where(where);
  const items = await deps.db
    .select()
    .from(surveyWeeklySummaries)
    .where(where)
    .orderBy(desc(surveyWeeklySummaries.week), surveyWeeklySummaries.unitId)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items, total: Number(total?.n ?? 0) };
}
