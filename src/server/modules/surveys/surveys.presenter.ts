import type { EffectiveTemplate, InvitationRow, ResponseRow } from './surveys.repository';
import type { UnitRow } from '../org/org.service';
import type { SurveyInvitation, WeeklySummary } from '../../../shared/surveys';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentTemplate(t: EffectiveTemplate) {
  return {
    code: t.code,
    name: t.name,
    description: t.description,
    questions: t.questions,
    shipped: t.templateId === null,
    ownerUnitId: t.ownerUnitId,
    version: t.version,
  };
}

/** An invitation as the call form shows it; `now` decides whether it is still open. */
export function presentInvitation(
  invitation: InvitationRow,
  unit: UnitRow,
  response: ResponseRow | null,
  now: Date,
) {
  return {
    id: invitation.id,
    unitId: invitation.unitId,
    storeName: unit.name,
    customerId: invitation.customerId,
    templateCode: invitation.templateCode,
    title: invitation.title,
    questions: invitation.questions,
    subjectType: invitation.subjectType,
    subjectId: invitation.subjectId,
    employeeId: invitation.employeeId,
    delivery: invitation.delivery,
    state: (invitation.answeredAt
      ? 'answered'
      : invitation.expiresAt && invitation.expiresAt.getTime() <= now.getTime()
        ? 'expired'
        : 'open') satisfies SurveyInvitation['state'] as SurveyInvitation['state'],
    createdAt: invitation.createdAt.toISOString(),
    expiresAt: iso(invitation.expiresAt),
    answeredAt: iso(invitation.answeredAt),
    response: response
      ? {
          answers: response.answers,
          csat: response.csat,
          nps: response.nps,
          satisfaction: response.satisfaction,
          comment: response.comment,
          detractor: response.detractor,
          respondedAt: response.respondedAt.toISOString(),
          followUpTicketId: response.followUpTicketId,
        }
      : null,
  };
}

export function presentWeeklySummary(row: {
  id: string;
  unitId: string;
  week: string;
  periodStart: Date;
  periodEnd: Date;
  /** Frozen when the week closed (surveys.weekly.ts), in the shape the API sends. */
  summary: unknown;
  createdAt: Date;
}) {
  return {
    id: row.id,
    unitId: row.unitId,
    week: row.week,
    periodStart: row.periodStart.toISOString(),
    periodEnd: row.periodEnd.toISOString(),
    summary: row.summary as WeeklySummary['summary'],
    createdAt: row.createdAt.toISOString(),
  };
}
