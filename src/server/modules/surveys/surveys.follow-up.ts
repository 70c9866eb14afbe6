/**
 * Detractors get a follow-up (SAT-2, SAT-3): a dissatisfied answer opens a soft-complaint ticket
 * through the tickets module's own create use case, inside the response's transaction, so the
 * response and its follow-up commit together or not at all. The response row is unique per
 * invitation, which makes the follow-up once-only.
 */
import { can } from '../../../domain/permissions';
import type { TicketChannel } from '../../../domain/tickets';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { activeActorOf, findUnit, nearestRoleHolders } from '../org/org.service';
import { recordEvaluation } from '../complaints/complaints.service';
import { addNote, createTicket, ticketNumbers } from '../tickets/tickets.service';
import type { InvitationRow, ResponseRow } from './surveys.repository';

/** Who owns a follow-up the customer asked for through a link: the unit's supervisor. */
const FOLLOW_UP_ROLES = ['cs_supervisor', 'store_manager'];

const CHANNEL_OF: Record<InvitationRow['delivery'], TicketChannel> = {
  call: 'phone',
  sms: 'sms',
  email: 'web_form',
  portal: 'web_form',
};

const SATISFACTION_ZH = { satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意' };

/** Who works the follow-up: the agent who took the answer, else the unit's supervisor. */
async function followUpOwner(db: Db, recorder: Actor | null, unitPath: string[]): Promise<Actor | null> {
  if (recorder && can(recorder.grants, 'tickets.create', unitPath)) return recorder;
  for (const userId of await nearestRoleHolders(db, unitPath, FOLLOW_UP_ROLES)) {
    const actor = await activeActorOf(db, userId);
    if (actor && can(actor.grants, 'tickets.create', unitPath)) return actor;
  }
  return null;
}

const SUBJECT_ZH = { ticket: '工单', workorder: '派工单', care_task: '回访任务' } as const;

function describe(invitation: InvitationRow, response: ResponseRow, subjectLabel: string): string {
  const lines = [`客户在「${invitation.title}」中给出了不满意的评价，请尽快回访了解原因并跟进处理。`];
  if (response.csat !== null) lines.push(`满意度评分（CSAT）：${response.csat} / 5`);
  if (response.nps !== null) lines.push(`推荐意愿（NPS）：${response.nps} / 10`);
  if (response.satisfaction) lines.push(`处理结果评价：${SATISFACTION_ZH[response.satisfaction]}`);
  if (response.comment) lines.push(`客户意见：${response.comment}`);
  lines.push(`回访对象：${SUBJECT_ZH[invitation.subjectType]} ${subjectLabel}`);
  return lines.join('\n');
}

/**
 * Opens the follow-up ticket for a detractor's response; returns its id, or null when the unit
 * has nobody who may take intake (the response still stands and shows as a detractor).
 */
export async function openFollowUpTicket(
  deps: Deps,
  tx: Db,
  recorder: Actor | null,
  invitation: InvitationRow,
  response: ResponseRow,
): Promise<string | null> {
  const unit = await findUnit(tx, invitation.unitId);
  if (!unit) return null;
  const owner = await followUpOwner(tx, recorder, unit.path);
  if (!owner) {
    deps.logger.warn({ invitationId: invitation.id }, 'survey detractor: nobody may open a follow-up ticket');
    return null;
  }
  // The tickets module runs its own transaction; given this one as its database it nests as a
  // savepoint, so the ticket commits with the response.
  const inTx: Deps = { ...deps, db: tx };
  const { ticketId } = await createTicket(
    inTx,
    owner,
    {
      unitId: unit.id,
      type: 'soft_complaint',
      channel: CHANNEL_OF[invitation.delivery],
      priority: 'high',
      subject: `回访不满意跟进：${invitation.title}`.slice(0, 200),
      description: describe(
        invitation,
        response,
        invitation.subjectType === 'ticket'
          ? ((await ticketNumbers(tx, [invitation.subjectId])).get(invitation.subjectId) ??
              invitation.subjectId)
          : invitation.subjectId,
      ),
      customerId: invitation.customerId,
    },
    null,
    // The agent who recorded the answer in a call took the case in; an answer the customer gave
    // through a link opened it themselves: the owner works it, nobody on the staff is its intake agent.
    { origin: recorder && owner.userId === recorder.userId ? 'staff' : 'customer_survey' },
  );
  if (invitation.subjectType === 'ticket') {
    // The surveyed ticket says where its follow-up went (best effort: the owner may not handle it).
    const number = (await ticketNumbers(tx, [ticketId])).get(ticketId) ?? ticketId;
    try {
      await addNote(inTx, owner, invitation.subjectId, `客户回访不满意，已开跟进工单 ${number}。`);
    } catch (err) {
      deps.logger.info({ err, ticketId: invitation.subjectId }, 'survey follow-up note not added');
    }
  }
  return ticketId;
}

/**
 * SAT-2: a complaint-result survey about a ticket is the customer's evaluation of that complaint.
 * It is recorded on the ticket through the complaints module, where 不满意 reopens the case and
 * alerts the supervisor. Returns false when the ticket cannot take an evaluation now (not resolved
 * or closed, or nobody may record it); the caller then treats the answer like any other survey.
 */
export async function recordComplaintEvaluation(
  deps: Deps,
  tx: Db,
  recorder: Actor | null,
  invitation: InvitationRow,
  response: ResponseRow,
): Promise<boolean> {
  if (invitation.subjectType !== 'ticket' || !response.satisfaction) return false;
  const unit = await findUnit(tx, invitation.unitId);
  if (!unit) return false;
  const owner = await followUpOwner(tx, recorder, unit.path);
  if (!owner) return false;
  try {
    // Nested as a savepoint: a refusal leaves the response's transaction intact.
    await recordEvaluation({ ...deps, db: tx }, owner, invitation.subjectId, {
      result: response.satisfaction,
      comment: response.comment ?? undefined,
    });
    return true;
  } catch (err) {
    deps.logger.info(
      { err, invitationId: invitation.id },
      'complaint evaluation not recorded from the survey',
    );
    return false;
  }
}
