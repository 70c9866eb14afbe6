import { eq, inArray } from 'drizzle-orm';
import type { SurveyAnswers } from '../../../shared/surveys';
import { registerErasureHandler, scrubJson } from '../customers/customers.service';
import { surveyInvitations, surveyResponses } from './surveys.table';

/**
 * PIPL erasure: the customer's survey answers keep their scores (CSAT, NPS, satisfaction feed SAT-4);
 * the customer's name and numbers are taken out of the comment, the free-text answers and the title.
 */
export function registerSurveyErasure(): void {
  registerErasureHandler('surveys', async (tx, customerId, scrub) => {
    const invitations = await tx
      .select({ id: surveyInvitations.id, title: surveyInvitations.title })
      .from(surveyInvitations)
      .where(eq(surveyInvitations.customerId, customerId));
    for (const i of invitations)
      await tx
        .update(surveyInvitations)
        .set({ title: scrub(i.title) })
        .where(eq(surveyInvitations.id, i.id));
    if (invitations.length === 0) return 0;
    const responses = await tx
      .select({ id: surveyResponses.id, comment: surveyResponses.comment, answers: surveyResponses.answers })
      .from(surveyResponses)
      .where(
        inArray(
          surveyResponses.invitationId,
          invitations.map((i) => i.id),
        ),
      );
    for (const r of responses)
      await tx
        .update(surveyResponses)
        .set({
          comment: r.comment === null ? null : scrub(r.comment),
          answers: scrubJson(r.answers, scrub) as SurveyAnswers,
        })
        .where(eq(surveyResponses.id, r.id));
    return invitations.length;
  });
}
