import { and, desc, eq, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../app/context';
import { scopeOf, unitsWithin } from '../org/org.service';
import { organisationUnits } from '../org/org.table';
import { surveyInvitations, surveyResponses } from './surveys.table';

/**
 * One customer's survey invitations with their answer's scores (CUS-1 360° view), newest first,
 * within the caller's units (surveys.read, ORG-1).
 */
export async function surveysOfCustomer(deps: Deps, actor: Actor, customerId: string, limit: number) {
  const roots = scopeOf(actor, 'surveys.read');
  if (roots.length === 0) return { items: [], total: 0 };
  const rows = await deps.db
    .select({
      id: surveyInvitations.id,
      title: surveyInvitations.title,
      delivery: surveyInvitations.delivery,
      createdAt: surveyInvitations.createdAt,
      answeredAt: surveyInvitations.answeredAt,
      csat: surveyResponses.csat,
      nps: surveyResponses.nps,
      satisfaction: surveyResponses.satisfaction,
      comment: surveyResponses.comment,
      unitName: organisationUnits.name,
      total: sql<number>`count(*) over ()`,
    })
    .from(surveyInvitations)
    .innerJoin(organisationUnits, eq(organisationUnits.id, surveyInvitations.unitId))
    .leftJoin(surveyResponses, eq(surveyResponses.invitationId, surveyInvitations.id))
    .where(and(unitsWithin(roots), eq(surveyInvitations.customerId, customerId)))
    .orderBy(desc(surveyInvitations.createdAt), desc(surveyInvitations.id))
    .limit(limit);
  return { items: rows.map(({ total: _total, ...r }) => r), total: Number(rows[0]?.total ?? 0) };
}
