/**
 * RPT-7 quality review reads: the review list (a supervisor's units, or an agent's own work), one
 * review with what the caller may do on it, and the agents' monthly figures from the figures table.
 */
import { and, count, desc, eq, ne, sql, type SQL } from 'drizzle-orm';
import { scopeRoots } from '../../../domain/permissions';
import { localDateOf } from '../../../domain/calendar';
import { DEFAULT_CUT_OFF_DAY, periodNamed, periodOf } from '../../../domain/reports';
import type {
  FiguresQuery,
  ListReviewsQuery,
  QualityFigures,
  ReviewDetail,
  ReviewSummary,
} from '../../../shared/quality';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { authErrors } from '../auth/auth.errors';
import { displayNames, findUnit, unitNames, unitsWithin } from '../org/org.service';
import { reportCalendarOf } from '../reports/reports.service';
import { organisationUnits } from '../org/org.table';
import { qualityErrors } from './quality.errors';
import { formById, formForPath, presentForm } from './quality.forms';
import { reviewAccess, unitFor } from './quality.scope';
import { qualityAgentMonths, qualityReviews } from './quality.table';

type ReviewRow = typeof qualityReviews.$inferSelect;

/** A page of reviews named in two look-ups (units, people), not one per row. */
export async function presentSummaries(db: Db, rows: ReviewRow[]): Promise<ReviewSummary[]> {
  const [units, people] = await Promise.all([
    unitNames(
      db,
      rows.map((r) => r.unitId),
    ),
    displayNames(
      db,
      rows.flatMap((r) => [r.agentId, r.reviewerId]),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    unit: { id: r.unitId, name: units.get(r.unitId) ?? '' },
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    subjectLabel: r.subjectLabel,
    agent: { id: r.agentId, name: people.get(r.agentId) ?? '' },
    reviewer: r.reviewerId ? { id: r.reviewerId, name: people.get(r.reviewerId) ?? '' } : null,
    reason: r.reason,
    state: r.state,
    handledAt: r.handledAt.toISOString(),
    month: r.month,
    percent: r.percent,
    finalPercent: r.finalPercent,
  }));
}

/**
 * Where the caller's reading is limited to: a supervisor's units (narrowed to `unitId`), or, for an
 * agent who only sees their own, their own reviews in their units.
 */
export async function readScope(deps: Deps, actor: Actor, unitId: string | undefined): Promise<SQL> {
  const reviewRoots = scopeRoots(actor.grants, 'quality.review');
  const ownRoots = scopeRoots(actor.grants, 'quality.view_own');
  if (reviewRoots.length === 0 && ownRoots.length === 0)
    throw authErrors.forbidden({ permission: 'quality.review' });
  const units = unitId
    ? unitsWithin([(await unitFor(deps, actor, unitId, ['quality.review', 'quality.view_own'])).id])
    : undefined;
  const own = and(
    unitsWithin(ownRoots),
    eq(qualityReviews.agentId, actor.userId),
    ne(qualityReviews.state, 'sampled'),
  );
  const reach = reviewRoots.length > 0 ? sql`(${unitsWithin(reviewRoots)} or ${own})` : own!;
  return units ? and(units, reach)! : reach;
}

export async function listQualityReviews(deps: Deps, actor: Actor, q: ListReviewsQuery) {
  const scope = await readScope(deps, actor, q.unitId);
  const where = and(
    scope,
    q.agentId ? eq(qualityReviews.agentId, q.agentId) : undefined,
    q.state ? eq(qualityReviews.state, q.state) : undefined,
    q.month ? eq(qualityReviews.month, q.month) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    deps.db
      .select({ review: qualityReviews })
      .from(qualityReviews)
      .innerJoin(organisationUnits, eq(organisationUnits.id, qualityReviews.unitId))
      .where(where)
      .orderBy(desc(qualityReviews.handledAt), qualityReviews.id)
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    deps.db
      .select({ n: count() })
      .from(qualityReviews)
      .innerJoin(organisationUnits, eq(organisationUnits.id, qualityReviews.unitId))
      .where(where),
  ]);
  return {
    items: await presentSummaries(
      deps.db,
      rows.map((r) => r.review),
    ),
    total: total?.n ?? 0,
  };
}

/** One review with its form, scores, appeal and what the caller may do on it now. */
export async function getQualityReview(deps: Deps, actor: Actor, id: string): Promise<ReviewDetail> {
  const [found] = await deps.db
    .select({ review: qualityReviews, path: organisationUnits.path })
    .from(qualityReviews)
    .innerJoin(organisationUnits, eq(organisationUnits.id, qualityReviews.unitId))
    .where(eq(qualityReviews.id, id));
  if (!found) throw qualityErrors.reviewNotFound();
  const { review: r, path } = found;
  const access = reviewAccess(actor, r, path);
  if (!access.supervises && !access.own) throw qualityErrors.reviewNotFound();
  const form = r.formId ? await formById(deps.db, r.formId) : await formForPath(deps.db, path);
  const [summary] = await presentSummaries(deps.db, [r]);
  const decider = r.decidedBy ? ((await displayNames(deps.db, [r.decidedBy])).get(r.decidedBy) ?? '') : '';
  const mine = r.agentId === actor.userId;
  return {
    ...summary!,
    form: presentForm(form),
    points: r.points,
    itemComments: r.itemComments,
    comment: r.comment,
    scoredAt: r.scoredAt?.toISOString() ?? null,
    appeal: r.appealedAt
      ? {
          reason: r.appealReason ?? '',
          at: r.appealedAt.toISOString(),
          decision: r.state === 'upheld' ? 'uphold' : r.state === 'revised' ? 'revise' : null,
          decidedBy: r.decidedBy ? { id: r.decidedBy, name: decider } : null,
          decidedAt: r.decidedAt?.toISOString() ?? null,
          comment: r.decisionComment,
          revisedPoints: r.revisedPoints,
          revisedItemComments: r.revisedItemComments,
        }
      : null,
    can: {
      score: access.supervises && !mine && r.state === 'sampled',
      appeal: access.own && r.state === 'scored',
      decide: access.supervises && !mine && r.state === 'appealed' && r.reviewerId !== actor.userId,
    },
  };
}

/** RPT-7: each agent's month — reviews, average final score, appeals and appeals that changed the score. */
export async function qualityFigures(deps: Deps, actor: Actor, q: FiguresQuery): Promise<QualityFigures> {
  const reviewRoots = scopeRoots(actor.grants, 'quality.review');
  const ownRoots = scopeRoots(actor.grants, 'quality.view_own');
  if (reviewRoots.length === 0 && ownRoots.length === 0)
    throw authErrors.forbidden({ permission: 'quality.review' });
  const t = qualityAgentMonths;
  const unit = q.unitId
    ? await unitFor(deps, actor, q.unitId, ['quality.review', 'quality.view_own'])
    : await findUnit(deps.db, (reviewRoots[0] ?? ownRoots[0])!);
  const units = q.unitId && unit ? unitsWithin([unit.id]) : undefined;
  // The month's dates under the company's cut-off day (RPT-2), as the reviews were filed by it.
  const { cutOffDay } = unit ? await reportCalendarOf(deps.db, unit) : { cutOffDay: DEFAULT_CUT_OFF_DAY };
  const period = q.month
    ? periodNamed(q.month, cutOffDay)
    : periodOf(localDateOf(deps.clock.now(), unit?.timezone ?? 'Asia/Shanghai'), cutOffDay);
  if (!period.ok) throw qualityErrors.dateInvalid(period.error);
  const month = period.period.label;
  const own = and(unitsWithin(ownRoots), eq(t.agentId, actor.userId));
  const reach = reviewRoots.length > 0 ? sql`(${unitsWithin(reviewRoots)} or ${own})` : own!;
  const rows = await deps.db
    .select({
      agentId: t.agentId,
      reviews: sql<number>`sum(${t.reviews})::int`,
      percentSum: sql<number>`sum(${t.percentSum})::float8`,
      appeals: sql<number>`sum(${t.appeals})::int`,
      appealsRevised: sql<number>`sum(${t.appealsRevised})::int`,
    })
    .from(t)
    .innerJoin(organisationUnits, eq(organisationUnits.id, t.unitId))
    .where(and(eq(t.month, month), reach, units))
    .groupBy(t.agentId);
  const names = await displayNames(
    deps.db,
    rows.map((r) => r.agentId),
  );
  return {
    month,
    from: period.period.from,
    to: period.period.to,
    cutOffDay,
    unit: q.unitId && unit ? { id: unit.id, name: unit.name } : null,
    items: rows
      .map((r) => ({
        agent: { id: r.agentId, name: names.get(r.agentId) ?? '' },
        reviews: Number(r.reviews),
        averagePercent:
          Number(r.reviews) > 0 ? Math.round((Number(r.percentSum) / Number(r.reviews)) * 10) / 10 : null,
        appeals: Number(r.appeals),
        appealsRevised: Number(r.appealsRevised),
      }))
      .sort((a, b) => a.agent.name.localeCompare(b.agent.name, 'zh-CN')),
  };
}
