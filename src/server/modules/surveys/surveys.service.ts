/**
 * The surveys other modules call (SAT-2, SAT-3, PORTAL-2): invite a customer to a survey and record
 * the one response an invitation takes. Both run inside the caller's transaction.
 */
import { eq } from 'drizzle-orm';
import {
  DEFAULT_SURVEY_TEMPLATE,
  scoreResponse,
  SurveyRuleError,
  validateAnswers,
  type SurveyAnswers,
} from '../../../domain/surveys';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { recordAudit } from '../audit/audit.service';
import { createCustomerLink } from '../customer-links/customer-links.service';
import { findUnit } from '../org/org.service';
import { surveyErrors } from './surveys.errors';
import { openFollowUpTicket, recordComplaintEvaluation } from './surveys.follow-up';
import { sendSurveyLink } from './surveys.delivery';
import { effectiveTemplate, findInvitation, findInvitationByKey } from './surveys.repository';
import { surveyInvitations, surveyResponses } from './surveys.table';

export type { SurveyAnswers } from '../../../domain/surveys';
/** RPT-5: the monthly satisfaction report's sheets (the reports module's scheduled deliveries send them). */
export { monthlySatisfactionSheets } from './surveys.monthly';
/** SAT-4: the scheduler's periodic pass makes sure last week's summary is queued. */
export { enqueueWeeklySummary } from './surveys.weekly';
/** CUS-1: a customer's surveys for the archive's 360° view. */
export { surveysOfCustomer } from './surveys.customer';

/** How long a survey link stays open (PORTAL-2). */
export const SURVEY_LINK_DAYS = 14;
const DAY_MS = 86_400_000;

/** The public page serves survey links under /c/s/<token> (the link module's /c/<token> plus 's'). */
export const surveyUrlOf = (token: string) => `/c/s/${token}`;

export interface SurveyInvitationInput {
  /** Default 'csat_after_service'. */
  templateCode?: string;
  unitId: string;
  customerId: string | null;
  subject: { type: 'ticket' | 'workorder' | 'care_task'; id: string };
  /** Whose service is rated (SAT-4 per employee). */
  employeeId: string | null;
  delivery: 'call' | 'sms' | 'email' | 'portal';
  idempotencyKey: string;
  /** E-mail delivery: the address (customers keep phones only); SMS: overrides the primary mobile. */
  to?: string;
  /** Who asked for it, when a person did (audit). */
  actor?: Actor | null;
}

export interface SurveyInvitationOutcome {
  invitationId: string;
  created: boolean;
  /** Relative link (/c/s/<token>) for link deliveries; null for a call, and on a replay (the token is not kept). */
  url: string | null;
  /** The outbox message carrying the link, when one was sent. */
  messageId: string | null;
}

/**
 * SAT-3: invites a customer to a survey. The same idempotency key twice is one invitation. Link
 * deliveries (sms, email, portal) get an unguessable customer link valid for 14 days; sms and email
 * put the survey_invitation message in the outbox in the same transaction.
 */
export async function inviteToSurvey(
  deps: Deps,
  tx: Db,
  input: SurveyInvitationInput,
): Promise<SurveyInvitationOutcome> {
  const previous = await findInvitationByKey(tx, input.idempotencyKey);
  if (previous)
    return { invitationId: previous.id, created: false, url: null, messageId: previous.messageId };
  const unit = await findUnit(tx, input.unitId);
  if (!unit) throw surveyErrors.unitNotFound();
  const code = input.templateCode ?? DEFAULT_SURVEY_TEMPLATE;
  const template = await effectiveTemplate(tx, unit.path, code);
  if (!template) throw surveyErrors.templateNotFound({ templateCode: code });
  const now = deps.clock.now();
  const linked = input.delivery !== 'call';
  const expiresAt = linked ? new Date(now.getTime() + SURVEY_LINK_DAYS * DAY_MS) : null;
  const [row] = await tx
    .insert(surveyInvitations)
    .values({
      unitId: unit.id,
      customerId: input.customerId,
      templateCode: code,
      templateVersionId: template.versionId,
      title: template.name,
      questions: template.questions,
      subjectType: input.subject.type,
      subjectId: input.subject.id,
      employeeId: input.employeeId,
      delivery: input.delivery,
      idempotencyKey: input.idempotencyKey,
      createdAt: now,
      expiresAt,
    })
    .onConflictDoNothing({ target: surveyInvitations.idempotencyKey })
    .returning();
  if (!row) {
    // Another transaction invited with the same key meanwhile: theirs is the invitation.
    const theirs = await findInvitationByKey(tx, input.idempotencyKey);
    if (!theirs) throw new Error(`survey invitation ${input.idempotencyKey} vanished`);
    return { invitationId: theirs.id, created: false, url: null, messageId: theirs.messageId };
  }
  let url: string | null = null;
  let messageId: string | null = null;
  if (linked && expiresAt) {
    const link = await createCustomerLink(deps, tx, {
      subjectType: 'survey_invitation',
      subjectId: row.id,
      customerId: input.customerId,
      unitId: unit.id,
      purpose: 'survey',
      expiresAt,
    });
    url = surveyUrlOf(link.token);
    if (input.delivery === 'sms' || input.delivery === 'email') {
      messageId = await sendSurveyLink(deps, tx, {
        invitation: row,
        unitName: unit.name,
        channel: input.delivery,
        url,
        to: input.to ?? null,
      });
      if (messageId)
        await tx.update(surveyInvitations).set({ messageId }).where(eq(surveyInvitations.id, row.id));
    }
  }
  await recordAudit(tx, now, input.actor ?? null, {
    action: 'surveys.invited',
    subjectType: 'survey_invitation',
    subjectId: row.id,
    unitId: unit.id,
    after: { ...row, messageId },
  });
  return { invitationId: row.id, created: true, url, messageId };
}

export interface SurveyResponseOutcome {
  responseId: string;
  detractor: boolean;
  followUpTicketId: string | null;
  /** SAT-2: the answer was recorded as the complaint's evaluation on the surveyed ticket. */
  evaluated: boolean;
}

function answersOrThrow(
  invitation: { questions: Parameters<typeof validateAnswers>[0] },
  answers: SurveyAnswers,
) {
  try {
    return validateAnswers(invitation.questions, answers);
  } catch (err) {
    if (!(err instanceof SurveyRuleError)) throw err;
    const details = { questionId: err.questionId };
    if (err.code === 'answer_missing') throw surveyErrors.answerMissing(details);
    if (err.code === 'unknown_question') throw surveyErrors.unknownQuestion(details);
    throw surveyErrors.answerInvalid(details);
  }
}

/**
 * SAT-3: records the one response an invitation takes — by the customer through the link (actor
 * null) or by the agent during the call. A second answer is refused (409, enforced by a unique
 * index as well); an expired invitation answers 410. A detractor (不满意, CSAT ≤ 2, NPS ≤ 6) opens a
 * follow-up ticket in the same transaction.
 */
export async function recordSurveyResponse(
  deps: Deps,
  tx: Db,
  actor: Actor | null,
  invitationId: string,
  answers: SurveyAnswers,
): Promise<SurveyResponseOutcome> {
  const invitation = await findInvitation(tx, invitationId, { forUpdate: true });
  if (!invitation) throw surveyErrors.invitationNotFound();
  if (invitation.answeredAt) throw surveyErrors.alreadyAnswered();
  const now = deps.clock.now();
  if (invitation.expiresAt && invitation.expiresAt.getTime() <= now.getTime()) throw surveyErrors.expired();
  const clean = answersOrThrow(invitation, answers);
  const scores = scoreResponse(invitation.questions, clean);
  const [response] = await tx
    .insert(surveyResponses)
    .values({
      invitationId,
      unitId: invitation.unitId,
      employeeId: invitation.employeeId,
      templateCode: invitation.templateCode,
      answers: clean,
      csat: scores.csat,
      nps: scores.nps,
      satisfaction: scores.satisfaction,
      comment: scores.comment,
      detractor: scores.detractor,
      recordedBy: actor?.userId ?? null,
      respondedAt: now,
    })
    .onConflictDoNothing({ target: surveyResponses.invitationId })
    .returning();
  if (!response) throw surveyErrors.alreadyAnswered();
  await tx.update(surveyInvitations).set({ answeredAt: now }).where(eq(surveyInvitations.id, invitationId));
  let followUpTicketId: string | null = null;
  // SAT-2: the complaint-result survey is the complaint's evaluation; 不满意 reopens that case, so
  // it needs no second ticket.
  const evaluated =
    invitation.templateCode === 'complaint_result' &&
    (await recordComplaintEvaluation(deps, tx, actor, invitation, response));
  if (scores.detractor && !evaluated) {
    followUpTicketId = await openFollowUpTicket(deps, tx, actor, invitation, response);
    if (followUpTicketId)
      await tx.update(surveyResponses).set({ followUpTicketId }).where(eq(surveyResponses.id, response.id));
  }
  await recordAudit(tx, now, actor, {
    action: 'surveys.answered',
    subjectType: 'survey_invitation',
    subjectId: invitationId,
    unitId: invitation.unitId,
    after: { ...response, followUpTicketId },
  });
  return { responseId: response.id, detractor: scores.detractor, followUpTicketId, evaluated };
}

export { satisfactionBetween } from './surveys.period';
export { inviteForTicket, recordCallResponse } from './surveys.usecases';
