/**
 * The customer's survey page (PORTAL-2): the link token is the only credential. It opens exactly
 * one invitation and shows its questions, the store's name and which service it rates (the ticket's
 * or work order's number, its type and date, which the customer has from their own SMS and visit) —
 * nothing about the customer, the staff or anyone else: no name, phone, address or description.
 */
import { eq } from 'drizzle-orm';
import { localDateOf } from '../../../domain/calendar';
import type { SurveyAnswers, SurveyQuestion } from '../../../domain/surveys';
import type { Deps } from '../../app/context';
import { resolveCustomerLink } from '../customer-links/customer-links.service';
import { careTasks } from '../care/care.table';
import { findUnit, unitContact } from '../org/org.service';
import { tickets } from '../tickets/tickets.table';
import { workOrders } from '../workorders/workorders.table';
import type { PublicSurveyService } from '../../../shared/surveys';
import { surveyErrors } from './surveys.errors';
import { findInvitation, type InvitationRow } from './surveys.repository';
import { recordSurveyResponse } from './surveys.service';

export interface PublicSurvey {
  state: 'open' | 'answered';
  title: string;
  storeName: string;
  servicePhone: string | null;
  service: PublicSurveyService | null;
  questions: SurveyQuestion[];
  expiresAt: string | null;
}

async function invitationOfToken(deps: Deps, token: string) {
  const link = await resolveCustomerLink(deps, deps.db, token, 'survey_invitation');
  const invitation = await findInvitation(deps.db, link.subjectId);
  if (!invitation) throw surveyErrors.invitationNotFound();
  return invitation;
}

/**
 * Which service the survey rates: the ticket (its intake date) or the work order (the visit's date:
 * completed, else booked, else ordered). A care call's survey rates the case that call follows up;
 * a care task about no case (a birthday, a recall) rates no named service.
 */
async function ratedService(
  deps: Deps,
  subject: Pick<InvitationRow, 'subjectType' | 'subjectId'>,
  timeZone: string,
): Promise<PublicSurveyService | null> {
  let { subjectType: type, subjectId: id } = subject;
  if (type === 'care_task') {
    const [task] = await deps.db
      .select({ sourceType: careTasks.sourceType, sourceId: careTasks.sourceId })
      .from(careTasks)
      .where(eq(careTasks.id, id));
    if (!task || !/^[0-9a-f-]{36}$/i.test(task.sourceId)) return null;
    if (task.sourceType !== 'ticket' && task.sourceType !== 'workorder') return null;
    [type, id] = [task.sourceType, task.sourceId];
  }
  if (type === 'ticket') {
    const [t] = await deps.db
      .select({ number: tickets.number, type: tickets.type, receivedAt: tickets.receivedAt })
      .from(tickets)
      .where(eq(tickets.id, id));
    return t
      ? { kind: 'ticket', number: t.number, type: t.type, date: localDateOf(t.receivedAt, timeZone) }
      : null;
  }
  const [w] = await deps.db
    .select({
      number: workOrders.number,
      type: workOrders.type,
      completedAt: workOrders.completedAt,
      appointmentStart: workOrders.appointmentStart,
      createdAt: workOrders.createdAt,
    })
    .from(workOrders)
    .where(eq(workOrders.id, id));
  if (!w) return null;
  const visit = w.completedAt ?? w.appointmentStart ?? w.createdAt;
  return { kind: 'work_order', number: w.number, type: w.type, date: localDateOf(visit, timeZone) };
}

/** What the customer's page shows for a token; unknown → 404, expired → 410 (from the link). */
export async function publicSurvey(deps: Deps, token: string): Promise<PublicSurvey> {
  const invitation = await invitationOfToken(deps, token);
  // The customer sees the store or company, never a department, with its service phone.
  const contact = await unitContact(deps.db, invitation.unitId);
  const unit = await findUnit(deps.db, invitation.unitId);
  return {
    state: invitation.answeredAt ? 'answered' : 'open',
    title: invitation.title,
    storeName: contact?.name ?? '',
    servicePhone: contact?.servicePhone ?? null,
    service: await ratedService(deps, invitation, unit?.timezone ?? 'Asia/Shanghai'),
    questions: invitation.questions,
    expiresAt: invitation.expiresAt?.toISOString() ?? null,
  };
}

/** The customer answers through the link; a second answer is 409. */
export async function answerPublicSurvey(deps: Deps, token: string, answers: SurveyAnswers): Promise<void> {
  const invitation = await invitationOfToken(deps, token);
  await deps.db.transaction((tx) => recordSurveyResponse(deps, tx, null, invitation.id, answers));
}
