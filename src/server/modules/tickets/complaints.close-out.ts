/**
 * The end of a complaint (CMP-5, SAT-2): close-out asked for with the opinion on the department and
 * the assessment check, approved (closed and archived) or sent back by the general manager, and
 * the customer's evaluation of the result, where dissatisfied reopens the case.
 */
import { assertTransition } from '../../../domain/tickets';
import { mayEvaluate, mayRequestCloseOut, type EvaluationResult } from '../../../domain/tickets/complaints';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { authErrors } from '../auth/auth.errors';
import { nearestRoleHolders } from '../org/org.repository';
import { createNotifications } from '../sla/sla.repository';
import { complaintErrors } from './complaints.errors';
import {
  ensureComplaintRecord,
  personMayOnTicket,
  saveTicket,
  updateComplaintRecord,
} from './complaints.repository';
import { onLockedTicket } from './tickets.policy';
import type { CloseOutAssessment } from './complaints.table';
import { auditComplaint } from './complaints.usecases';
import { fromTicketError } from './tickets.errors';
import { applyStateEffects, stateChanges } from './tickets.lifecycle';
import { addEvent, type LoadedTicket, type TicketRow } from './tickets.repository';

const SUPERVISOR_ROLES = ['cs_supervisor', 'store_manager'];

/** CMP-5: the resolved case goes for GM approval with the opinion on the department and the assessment check. */
export async function requestCloseOut(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { opinion: string; assessment: CloseOutAssessment },
) {
  await onLockedTicket(deps, actor, id, 'tickets.manage', async (tx, loaded, now) => {
    const record = await ensureComplaintRecord(tx, loaded.ticket, now);
    if (!mayRequestCloseOut(loaded.ticket.state, record.closeOutState))
      throw complaintErrors.closeOutNotAllowed({ state: loaded.ticket.state });
    await updateComplaintRecord(tx, id, {
      closeOutState: 'pending',
      closeOutOpinion: input.opinion,
      closeOutAssessment: input.assessment,
      closeOutRequestedBy: actor.userId,
      closeOutRequestedAt: now,
      closeOutDecidedBy: null,
      closeOutDecidedAt: null,
      closeOutRejectReason: null,
      updatedAt: now,
    });
    await addEvent(tx, {
      ticketId: id,
      type: 'close_out_requested',
      actorId: actor.userId,
      at: now,
      body: input,
    });
    await auditComplaint(
      tx,
      now,
      actor,
      loaded,
      'complaints.close_out_requested',
      { closeOutState: record.closeOutState },
      input,
    );
  });
}

/**
 * Moves the ticket through the state machine (409 when the move is not allowed) and records it;
 * its SLA targets and the `ticket.closed` event follow the move (tickets.lifecycle).
 */
async function move(
  deps: Deps,
  tx: Db,
  actor: Actor,
  loaded: LoadedTicket,
  to: TicketRow['state'],
  reason: string | null,
  now: Date,
) {
  const from = loaded.ticket.state;
  try {
    assertTransition(from, to, reason);
  } catch (err) {
    fromTicketError(err);
  }
  await saveTicket(tx, loaded.ticket.id, stateChanges(from, to, now));
  await applyStateEffects(deps, tx, loaded.ticket, to, now);
  await addEvent(tx, {
    ticketId: loaded.ticket.id,
    type: 'state_changed',
    actorId: actor.userId,
    at: now,
    body: { from, to, reason },
  });
}

/** CMP-5: only a holder of complaints.approve (the general manager) approves; the ticket is closed and archived. */
export async function decideCloseOut(
  deps: Deps,
  actor: Actor,
  id: string,
  decision: { approve: true } | { approve: false; reason: string },
) {
  await onLockedTicket(deps, actor, id, 'tickets.read', async (tx, loaded, now) => {
    if (!personMayOnTicket(actor.grants, 'complaints.approve', loaded))
      throw authErrors.forbidden({ permission: 'complaints.approve' });
    const record = await ensureComplaintRecord(tx, loaded.ticket, now);
    if (record.closeOutState !== 'pending') throw complaintErrors.noPendingCloseOut();
    const reason = decision.approve ? null : decision.reason;
    await move(deps, tx, actor, loaded, decision.approve ? 'closed' : 'in_progress', reason, now);
    await updateComplaintRecord(tx, id, {
      closeOutState: decision.approve ? 'approved' : 'rejected',
      closeOutDecidedBy: actor.userId,
      closeOutDecidedAt: now,
      closeOutRejectReason: reason,
      archivedAt: decision.approve ? now : null,
      updatedAt: now,
    });
    await addEvent(tx, {
      ticketId: id,
      type: decision.approve ? 'close_out_approved' : 'close_out_rejected',
      actorId: actor.userId,
      at: now,
      body: { reason },
    });
    if (!decision.approve && record.closeOutRequestedBy)
      await createNotifications(tx, [
        {
          recipientId: record.closeOutRequestedBy,
          kind: 'escalated',
          subjectType: 'ticket',
          subjectId: id,
          payload: { number: loaded.ticket.number, closeOutRejected: reason },
          createdAt: now,
        },
      ]);
    await auditComplaint(
      tx,
      now,
      actor,
      loaded,
      decision.approve ? 'complaints.close_out_approved' : 'complaints.close_out_rejected',
      { closeOutState: 'pending', state: loaded.ticket.state },
      { reason },
    );
  });
}

/** SAT-2: the customer's evaluation of the result; dissatisfied reopens the case and alerts the supervisor. */
export async function recordEvaluation(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { result: EvaluationResult; comment?: string | undefined },
) {
  await onLockedTicket(deps, actor, id, 'tickets.manage', async (tx, loaded, now) => {
    if (!mayEvaluate(loaded.ticket.state))
      throw complaintErrors.evaluationNotAllowed({ state: loaded.ticket.state });
    await ensureComplaintRecord(tx, loaded.ticket, now);
    const dissatisfied = input.result === 'dissatisfied';
    await updateComplaintRecord(tx, id, {
      evaluationResult: input.result,
      evaluationComment: input.comment ?? null,
      evaluatedAt: now,
      evaluatedBy: actor.userId,
      ...(dissatisfied ? { closeOutState: null, archivedAt: null } : {}),
      updatedAt: now,
    });
    await addEvent(tx, {
      ticketId: id,
      type: 'evaluated',
      actorId: actor.userId,
      at: now,
      body: { result: input.result, comment: input.comment ?? null },
    });
    if (dissatisfied) {
      await move(
        deps,
        tx,
        actor,
        loaded,
        'in_progress',
        '客户对处理结果不满意 / customer dissatisfied with the result',
        now,
      );
      const supervisors = await nearestRoleHolders(tx, loaded.unit.path, SUPERVISOR_ROLES);
      await createNotifications(
        tx,
        supervisors.map((recipientId) => ({
          recipientId,
          kind: 'evaluation_dissatisfied' as const,
          subjectType: 'ticket',
          subjectId: id,
          payload: { number: loaded.ticket.number, comment: input.comment ?? null },
          createdAt: now,
        })),
      );
    } else {
      await saveTicket(tx, id, { updatedAt: now });
    }
    await auditComplaint(
      tx,
      now,
      actor,
      loaded,
      'complaints.evaluated',
      { state: loaded.ticket.state },
      input,
    );
  });
}
