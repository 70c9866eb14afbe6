/**
 * RPT-7 quality review (质检) commands: draw a sample, score it, appeal once, decide the appeal. Each
 * one checks scope and state, then writes the review, the agent's monthly figures and the audit row
 * in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { dayFromIsoDate, getZone, instantOfLocal, localDateOf } from '../../../domain/calendar/time-zone';
import {
  checkDateRange,
  drawSample,
  periodOf,
  reviewAction,
  scoreReview,
  type ReviewActionError,
  type ReviewCandidate,
} from '../../../domain/reports';
import type { DecisionInput, SampleInput, SampleResult, ScoreInput } from '../../../shared/quality';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { recordAudit } from '../audit/audit.service';
import { reportCalendarOf } from '../reports/reports.service';
import { careTasks } from '../care/care.table';
import { unitsWithin } from '../org/org.service';
import { organisationUnits } from '../org/org.table';
import { surveyInvitations, surveyResponses } from '../surveys/surveys.table';
import { tickets } from '../tickets/tickets.table';
import { qualityErrors } from './quality.errors';
import { domainError, formById, formToScoreOn } from './quality.forms';
import { presentSummaries } from './quality.queries';
import { reviewAccess, unitFor } from './quality.scope';
import { qualityAgentMonths, qualityReviews } from './quality.table';

/** About a quarter: a draw is for a week or a month of work. */
const MAX_DRAW_DAYS = 93;
/** Candidates read in one draw at most (a month of a large region); the rest would be left unseen. */
const MAX_CANDIDATES = 200_000;
const COMPLAINT_TYPES = ['soft_complaint', 'hard_complaint'] as const;

type ReviewRow = typeof qualityReviews.$inferSelect;

interface Candidate extends ReviewCandidate {
  unitId: string;
  label: string;
  handledAt: Date;
}

/** A survey answer on the subject that makes the customer a detractor (不满意, CSAT ≤ 2, NPS ≤ 6; SAT-2). */
function dissatisfiedOn(subjectType: 'ticket' | 'care_task', subjectId: unknown) {
  return sql<boolean>`exists (select 1 from ${surveyResponses} join ${surveyInvitations} on ${surveyInvitations.id} = ${surveyResponses.invitationId} where ${surveyInvitations.subjectType} = ${subjectType} and ${surveyInvitations.subjectId} = ${subjectId} and ${surveyResponses.detractor})`;
}

/** Handled tickets and finished follow-up calls of the unit (and below) in [start, end). */
async function candidatesOf(
  db: Db,
  unitId: string,
  input: SampleInput,
  start: Date,
  end: Date,
): Promise<Candidate[]> {
  const out: Candidate[] = [];
  const within = unitsWithin([unitId]);
  if (input.subjectTypes.includes('ticket')) {
    const handledAt = sql<Date>`coalesce(${tickets.resolvedAt}, ${tickets.closedAt})`;
    const agent = sql<string | null>`coalesce(${tickets.assigneeUserId}, ${tickets.intakeAgentId})`;
    const rows = await db
      .select({
        id: tickets.id,
        unitId: tickets.unitId,
        number: tickets.number,
        type: tickets.type,
        agentId: agent,
        handledAt: sql<string>`${handledAt}`,
        dissatisfied: dissatisfiedOn('ticket', tickets.id),
      })
      .from(tickets)
      .innerJoin(organisationUnits, eq(organisationUnits.id, tickets.unitId))
      .where(
        and(
          within,
          inArray(tickets.state, ['resolved', 'closed']),
          gte(handledAt, start),
          lt(handledAt, end),
          input.agentIds ? inArray(agent, input.agentIds) : sql`${agent} is not null`,
        ),
      )
      .orderBy(tickets.id)
      .limit(MAX_CANDIDATES);
    for (const r of rows)
      out.push({
        id: r.id,
        kind: 'ticket',
        agentId: r.agentId!,
        isComplaint: (COMPLAINT_TYPES as readonly string[]).includes(r.type),
        dissatisfied: !!r.dissatisfied,
        unitId: r.unitId,
        label: r.number,
        handledAt: new Date(r.handledAt),
      });
  }
  if (input.subjectTypes.includes('follow_up')) {
    const rows = await db
      .select({
        id: careTasks.id,
        unitId: careTasks.unitId,
        ruleName: careTasks.ruleName,
        agentId: careTasks.doneBy,
        doneAt: careTasks.doneAt,
        dissatisfied: dissatisfiedOn('care_task', careTasks.id),
      })
      .from(careTasks)
      .innerJoin(organisationUnits, eq(organisationUnits.id, careTasks.unitId))
      .where(
        and(
          within,
          eq(careTasks.channel, 'call'),
          isNotNull(careTasks.doneBy),
          gte(careTasks.doneAt, start),
          lt(careTasks.doneAt, end),
          input.agentIds ? inArray(careTasks.doneBy, input.agentIds) : undefined,
        ),
      )
      .orderBy(careTasks.id)
      .limit(MAX_CANDIDATES);
    for (const r of rows)
      out.push({
        id: r.id,
        kind: 'follow_up',
        agentId: r.agentId!,
        isComplaint: false,
        dissatisfied: !!r.dissatisfied,
        unitId: r.unitId,
        label: r.ruleName,
        handledAt: r.doneAt!,
      });
  }
  return out;
}

/**
 * RPT-7: draws the period's sample — every complaint and every dissatisfied answer (as the rule
 * says) plus a random share of the rest, seeded by unit and period so drawing again picks the same
 * work. Work already under review is not drawn twice.
 */
export async function drawQualitySample(deps: Deps, actor: Actor, input: SampleInput): Promise<SampleResult> {
  const unit = await unitFor(deps, actor, input.unitId, ['quality.review']);
  const problem = checkDateRange(input.from, input.to);
  if (problem?.code === 'reports.range_reversed')
    throw qualityErrors.rangeReversed({ from: input.from, to: input.to });
  if (problem) throw qualityErrors.dateInvalid(problem);
  const first = dayFromIsoDate(input.from)!;
  const last = dayFromIsoDate(input.to)!;
  if (last - first + 1 > MAX_DRAW_DAYS) throw qualityErrors.rangeTooLong({ maxDays: MAX_DRAW_DAYS });
  const zone = getZone(unit.timezone);
  const start = new Date(instantOfLocal(zone, first, 0));
  const end = new Date(instantOfLocal(zone, last + 1, 0));

  const candidates = await candidatesOf(deps.db, unit.id, input, start, end);
  // The company's report month (RPT-2's cut-off day, the same in every report), in the unit's zone.
  const { cutOffDay } = await reportCalendarOf(deps.db, unit);
  const sample = drawSample(
    candidates,
    {
      everyComplaint: input.everyComplaint,
      everyDissatisfied: input.everyDissatisfied,
      randomPercent: input.randomPercent,
    },
    `${unit.id}:${input.from}:${input.to}`,
  );
  const now = deps.clock.now();
  const inserted = await deps.db.transaction(async (tx) => {
    const rows =
      sample.length === 0
        ? []
        : await tx
            .insert(qualityReviews)
            .values(
              sample.map(({ candidate, reason }) => {
                const c = candidate as Candidate;
                return {
                  unitId: c.unitId,
                  subjectType: c.kind,
                  subjectId: c.id,
                  subjectLabel: c.label,
                  agentId: c.agentId,
                  reason,
                  state: 'sampled' as const,
                  handledAt: c.handledAt,
                  month: monthOf(c.handledAt, unit.timezone, cutOffDay),
                  sampledBy: actor.userId,
                  sampledAt: now,
                };
              }),
            )
            .onConflictDoNothing()
            .returning();
    await recordAudit(tx, now, actor, {
      action: 'quality.sample_drawn',
      subjectType: 'quality_sample',
      subjectId: randomUUID(),
      unitId: unit.id,
      after: { filter: input, candidates: candidates.length, reviewIds: rows.map((r) => r.id) },
    });
    return rows;
  });
  const byReason = { complaint: 0, dissatisfied: 0, random: 0 };
  for (const r of inserted) byReason[r.reason]++;
  return {
    candidates: candidates.length,
    drawn: inserted.length,
    alreadyReviewed: sample.length - inserted.length,
    byReason,
    reviews: await presentSummaries(deps.db, inserted),
  };
}

/** The report month ('YYYY-MM', cut on the company's cut-off day) of an instant in the unit's zone. */
function monthOf(at: Date, timeZone: string, cutOffDay: number): string {
  const period = periodOf(localDateOf(at, timeZone), cutOffDay);
  return period.ok ? period.period.label : localDateOf(at, timeZone).slice(0, 7);
}

/** Adds to the agent's month in the figures table (RPT-7: scores feed the monthly figures). */
async function addToMonth(
  tx: Db,
  review: Pick<ReviewRow, 'unitId' | 'agentId' | 'month'>,
  delta: { reviews?: number; percent?: number; appeals?: number; revised?: number },
): Promise<void> {
  const d = { reviews: 0, percent: 0, appeals: 0, revised: 0, ...delta };
  const t = qualityAgentMonths;
  await tx
    .insert(t)
    .values({
      unitId: review.unitId,
      agentId: review.agentId,
      month: review.month,
      reviews: d.reviews,
      percentSum: d.percent,
      appeals: d.appeals,
      appealsRevised: d.revised,
    })
    .onConflictDoUpdate({
      target: [t.unitId, t.agentId, t.month],
      set: {
        reviews: sql`${t.reviews} + ${d.reviews}`,
        percentSum: sql`${t.percentSum} + ${d.percent}`,
        appeals: sql`${t.appeals} + ${d.appeals}`,
        appealsRevised: sql`${t.appealsRevised} + ${d.revised}`,
      },
    });
}

/** The review locked for the command, with its unit's path; 404 when the caller may not see it. */
async function lockedReview(tx: Db, actor: Actor, id: string) {
  const [found] = await tx
    .select({ review: qualityReviews, path: organisationUnits.path })
    .from(qualityReviews)
    .innerJoin(organisationUnits, eq(organisationUnits.id, qualityReviews.unitId))
    .where(eq(qualityReviews.id, id))
    .for('update', { of: qualityReviews });
  if (!found) throw qualityErrors.reviewNotFound();
  const access = reviewAccess(actor, found.review, found.path);
  if (!access.supervises && !access.own) throw qualityErrors.reviewNotFound();
  return { ...found, access };
}

function actionError(error: ReviewActionError) {
  switch (error.code) {
    case 'reports.quality_appeal_not_yours':
      return qualityErrors.appealNotYours();
    case 'reports.quality_already_appealed':
      return qualityErrors.alreadyAppealed();
    case 'reports.quality_no_appeal_pending':
      return qualityErrors.noAppealPending();
    case 'reports.quality_reviewer_decides_own_appeal':
      return qualityErrors.reviewerDecidesOwn();
  }
}

function checkItemComments(formKeys: Set<string>, comments: Record<string, string> | undefined) {
  for (const key of Object.keys(comments ?? {}))
    if (!formKeys.has(key)) throw domainError({ code: 'reports.quality_score_unknown_item', key } as never);
}

/** RPT-7: a supervisor scores a sampled review item by item on the unit's current form. */
export async function scoreQualityReview(deps: Deps, actor: Actor, id: string, input: ScoreInput) {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const { review, path, access } = await lockedReview(tx, actor, id);
    if (!access.supervises) throw qualityErrors.ownWork();
    if (review.agentId === actor.userId) throw qualityErrors.ownWork();
    if (review.state !== 'sampled') throw qualityErrors.alreadyScored();
    const form = await formToScoreOn(tx, path, now);
    const scored = scoreReview(form.items, input.points);
    if (!scored.ok) throw domainError(scored.error);
    checkItemComments(new Set(form.items.map((i) => i.key)), input.itemComments);
    await tx
      .update(qualityReviews)
      .set({
        state: 'scored',
        formId: form.id,
        reviewerId: actor.userId,
        scoredAt: now,
        points: input.points,
        itemComments: input.itemComments ?? {},
        comment: input.comment || null,
        percent: scored.percent,
        finalPercent: scored.percent,
      })
      .where(eq(qualityReviews.id, id));
    await addToMonth(tx, review, { reviews: 1, percent: scored.percent });
    await recordAudit(tx, now, actor, {
      action: 'quality.review_scored',
      subjectType: 'quality_review',
      subjectId: id,
      unitId: review.unitId,
      before: { state: review.state },
      after: { state: 'scored', formId: form.id, points: input.points, percent: scored.percent },
    });
  });
}

/** RPT-7: the reviewed agent appeals the score, once. */
export async function appealQualityReview(deps: Deps, actor: Actor, id: string, reason: string) {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const { review } = await lockedReview(tx, actor, id);
    if (review.state === 'sampled') throw qualityErrors.notScored();
    const step = reviewAction(
      { state: review.state, agentId: review.agentId, reviewerId: review.reviewerId! },
      'appeal',
      actor.userId,
    );
    if (!step.ok) throw actionError(step.error);
    await tx
      .update(qualityReviews)
      .set({ state: step.to, appealReason: reason, appealedAt: now })
      .where(eq(qualityReviews.id, id));
    await addToMonth(tx, review, { appeals: 1 });
    await recordAudit(tx, now, actor, {
      action: 'quality.review_appealed',
      subjectType: 'quality_review',
      subjectId: id,
      unitId: review.unitId,
      before: { state: review.state },
      after: { state: step.to, reason },
    });
  });
}

/** RPT-7: a supervisor other than the one who scored decides the appeal: uphold, or revise the score. */
export async function decideQualityAppeal(deps: Deps, actor: Actor, id: string, input: DecisionInput) {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const { review, access } = await lockedReview(tx, actor, id);
    if (!access.supervises) throw qualityErrors.ownWork();
    if (review.state === 'sampled') throw qualityErrors.notScored();
    const step = reviewAction(
      { state: review.state, agentId: review.agentId, reviewerId: review.reviewerId! },
      input.decision,
      actor.userId,
    );
    if (!step.ok) throw actionError(step.error);
    if (review.agentId === actor.userId) throw qualityErrors.ownWork();
    let finalPercent = review.finalPercent;
    if (input.decision === 'revise') {
      const form = await formById(tx, review.formId!);
      const scored = scoreReview(form.items, input.points);
      if (!scored.ok) throw domainError(scored.error);
      checkItemComments(new Set(form.items.map((i) => i.key)), input.itemComments);
      finalPercent = scored.percent;
    }
    await tx
      .update(qualityReviews)
      .set({
        state: step.to,
        decidedBy: actor.userId,
        decidedAt: now,
        decisionComment: input.comment,
        ...(input.decision === 'revise'
          ? { revisedPoints: input.points, revisedItemComments: input.itemComments ?? {}, finalPercent }
          : {}),
      })
      .where(eq(qualityReviews.id, id));
    if (input.decision === 'revise')
      await addToMonth(tx, review, { percent: finalPercent! - review.finalPercent!, revised: 1 });
    await recordAudit(tx, now, actor, {
      action: 'quality.appeal_decided',
      subjectType: 'quality_review',
      subjectId: id,
      unitId: review.unitId,
      before: { state: review.state, finalPercent: review.finalPercent },
      after: { state: step.to, finalPercent, comment: input.comment },
    });
  });
}
