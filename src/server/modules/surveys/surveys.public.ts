/**
 * The customer's survey page (PORTAL-2): the link token is the only credential. It opens exactly
 * one invitation and shows its questions and the store's name — nothing about the customer, the
 * ticket or anyone else.
 */
import type { SurveyAnswers, SurveyQuestion } from '../../../domain/surveys';
import type { Deps } from '../../app/context';
import { resolveCustomerLink } from '../customer-links/customer-links.service';
import { unitContact } from '../org/org.service';
import { surveyErrors } from './surveys.errors';
import { findInvitation } from './surveys.repository';
import { recordSurveyResponse } from './surveys.service';

export interface PublicSurvey {
  state: 'open' | 'answered';
  title: string;
  storeName: string;
  servicePhone: string | null;
  questions: SurveyQuestion[];
  expiresAt: string | null;
}

async function invitationOfToken(deps: Deps, token: string) {
  const link = await resolveCustomerLink(deps, deps.db, token, 'survey_invitation');
  const invitation = await findInvitation(deps.db, link.subjectId);
  if (!invitation) throw surveyErrors.invitationNotFound();
  return invitation;
}

/** What the customer's page shows for a token; unknown → 404, expired → 410 (from the link). */
export async function publicSurvey(deps: Deps, token: string): Promise<PublicSurvey> {
  const invitation = await invitationOfToken(deps, token);
  // The customer sees the store or company, never a department, with its service phone.
  const contact = await unitContact(deps.db, invitation.unitId);
  return {
    state: invitation.answeredAt ? 'answered' : 'open',
    title: invitation.title,
    storeName: contact?.name ?? '',
    servicePhone: contact?.servicePhone ?? null,
    questions: invitation.questions,
    expiresAt: invitation.expiresAt?.toISOString() ?? null,
  };
}

/** The customer answers through the link; a second answer is 409. */
export async function answerPublicSurvey(deps: Deps, token: string, answers: SurveyAnswers): Promise<void> {
  const invitation = await invitationOfToken(deps, token);
  await deps.db.transaction((tx) => recordSurveyResponse(deps, tx, null, invitation.id, answers));
}
