/**
 * Satisfaction over a period for the units the caller may read (SAT-4 figures): what the dashboard's
 * "this week" tile shows (RPT-1). The same rows and scoring as the results page for that period.
 */
import { and, eq, gte, lt } from 'drizzle-orm';
import { summariseResponses, type ResponseSummary } from '../../../domain/surveys';
import type { Actor, Deps } from '../../app/context';
import { organisationUnits } from '../org/org.table';
import { resultScope } from './surveys.results';
import { surveyResponses } from './surveys.table';

/** The headline figures of the responses given in [from, to) within the caller's scope (or `unitId`). */
export async function satisfactionBetween(
  deps: Deps,
  actor: Actor,
  q: { unitId?: string | undefined; from: Date; to: Date },
): Promise<ResponseSummary> {
  const scope = await resultScope(deps, actor, q.unitId);
  const rows = await deps.db
    .select({ csat: surveyResponses.csat, nps: surveyResponses.nps, detractor: surveyResponses.detractor })
    .from(surveyResponses)
    .innerJoin(organisationUnits, eq(organisationUnits.id, surveyResponses.unitId))
    .where(and(scope, gte(surveyResponses.respondedAt, q.from), lt(surveyResponses.respondedAt, q.to)));
  return summariseResponses(rows);
}
