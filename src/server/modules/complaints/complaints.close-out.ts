/**
 * The end of a complaint (CMP-5, SAT-2): the intake agent asks for close-out on the resolved case;
 * the quality lead's opinion on the responsible department, the performance-assessment lead's
 * confirmation and the general manager's approval follow in that order, each by a holder of its
 * step's permission in the ticket's unit line (rules in domain/tickets/close-out.ts); approval
 * closes the ticket and files the record. Any step may send the case back one step. Then the
 * customer's evaluation of the result, where dissatisfied reopens the case and voids the chain.
 *
 * The chain runs on the approval engine (decision 0016): the request is the subject
 * 'complaint_close_out' of the ticket, its seeded chain's stages send back one stage, and the
 * record's stage moves only in the engine's callbacks (`closeOutApprovalHandler`), so the complaint
 * and its approval never disagree. The owners' texts stay on the complaint record.
 */
import { can } from '../../../domain/permissions';
import { assertTransition } from '../../../domain/tickets';
import {
  CLOSE_OUT_STEP_PERMISSION,
  CLOSE_OUT_STEPS,
  closeOutTransition,
  closesThroughCloseOut,
  currentStage,
  type CloseOutCommand,
  type CloseOutStage,
  type CloseOutStep,
} from '../../../domain/tickets/close-out';
import { mayEvaluate, type EvaluationResult } from '../../../domain/tickets/complaints';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { nearestRoleHolders, permissionHolders } from '../org/org.service';
import {
  approvalRowOf,
  decideApprovalIn,
  openApproval,
  voidApproval,
  type ApprovalRow,
  type ApprovalSubjectHandler,
  type SentBack,
} from '../approvals/approvals.service';
import { createNotifications } from '../notifications/notifications.service';
import { complaintErrors } from './complaints.errors';
import {
  ensureComplaintRecord,
  updateComplaintRecord,
  type ComplaintRecordRow,
} from './complaints.repository';
import {
  saveTicket,
  onLockedTicket,
  applyStateEffects,
  stateChanges,
  addEvent,
  loadTicket,
  type LoadedTicket,
  type TicketRow,
} from '../tickets/tickets.service';
import { auditComplaint } from './complaints.usecases';
import { fromTicketError } from '../tickets/tickets.errors';

const SUPERVISOR_ROLES = ['cs_supervisor', 'store_manager'];

/** The close-out's request on the approval engine: one per ticket, a new round per request. */
export const CLOSE_OUT_SUBJECT = 'complaint_close_out';

/** Every step's fields emptied: a new request, or a chain voided by reopening. */
const NO_STEPS: Partial<ComplaintRecordRow> = {
  closeOutQualityOpinion: null,
  closeOutQualityBy: null,
  closeOutQualityAt: null,
  closeOutAssessmentNote: null,
  closeOutAssessmentBy: null,
  closeOutAssessmentAt: null,
  closeOutApprovalNote: null,
  closeOutApprovedBy: null,
  closeOutApprovedAt: null,
  archivedAt: null,
  archivedBy: null,
};
const NO_RETURN: Partial<ComplaintRecordRow> = {
  closeOutReturnedFrom: null,
  closeOutReturnReason: null,
  closeOutReturnedBy: null,
  closeOutReturnedAt: null,
};

/** The chain's stage as it stands for the ticket now (a chain of an earlier resolution reads as none). */
export function stageOf(
  record: ComplaintRecordRow | null | undefined,
  ticket: TicketRow,
): CloseOutStage | null {
  return currentStage(record?.closeOutStage ?? null, record?.closeOutRequestedAt?.getTime() ?? null, {
    state: ticket.state,
    resolvedAt: ticket.resolvedAt?.getTime() ?? null,
  });
}

/** The next stage for `command`, or the 409 that says why not. */
function nextStage(stage: CloseOutStage | null, loaded: LoadedTicket, command: CloseOutCommand) {
  if (stage === 'filed') throw complaintErrors.closeOutFiled();
  const outcome = closeOutTransition(stage, loaded.ticket.state, command);
  if (outcome.ok) return outcome.stage;
  if (outcome.refusal === 'not_resolved')
    throw complaintErrors.closeOutNotResolved({ state: loaded.ticket.state });
  if (outcome.refusal === 'already_requested') throw complaintErrors.closeOutNotAllowed({ stage });
  throw complaintErrors.closeOutOutOfOrder({ stage, step: 'step' in command ? command.step : null });
}

/** Tells whoever's turn it is now: the step's holders, or the requesting agent after a send-back or the filing. */
async function notifyTurn(
  tx: Db,
  actor: Actor,
  loaded: LoadedTicket,
  record: ComplaintRecordRow,
  stage: CloseOutStage,
  now: Date,
  extra: Record<string, unknown> = {},
) {
  const recipients =
    stage === 'returned' || stage === 'filed'
      ? record.closeOutRequestedBy
        ? [record.closeOutRequestedBy]
        : []
      : (await permissionHolders(tx, loaded.unit.path, CLOSE_OUT_STEP_PERMISSION[stage])).map((p) => p.id);
  // The payload says which step is now due (or which step sent it back, and why).
  await createNotifications(
    tx,
    recipients
      .filter((id) => id !== actor.userId)
      .map((recipientId) => ({
        recipientId,
        kind: 'close_out_turn' as const,
        subjectType: 'ticket',
        subjectId: loaded.ticket.id,
        payload: { number: loaded.ticket.number, closeOut: { stage, ...extra } },
        createdAt: now,
      })),
  );
}

/** CMP-5: the intake agent asks for close-out of the resolved complaint (again after a send-back). */
export async function requestCloseOut(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { note?: string | null | undefined },
) {
  await onLockedTicket(deps, actor, id, 'tickets.manage', async (tx, loaded, now) => {
    if (!closesThroughCloseOut(loaded.ticket.type)) throw complaintErrors.closeOutNotApplicable();
    const record = await ensureComplaintRecord(tx, loaded.ticket, now);
    const stage = stageOf(record, loaded.ticket);
    const next = nextStage(stage, loaded, { kind: 'request' });
    const after = await updateComplaintRecord(tx, id, {
      ...NO_STEPS,
      // A fresh chain forgets an old send-back; after one, the agent answers it by asking again.
      ...(stage === null ? NO_RETURN : {}),
      closeOutStage: next,
      closeOutRequestNote: input.note ?? null,
      closeOutRequestedBy: actor.userId,
      closeOutRequestedAt: now,
      updatedAt: now,
    });
    // A new round from the quality lead, whoever asks and whatever became of an earlier chain.
    await openApproval(deps, tx, actor, {
      subjectType: CLOSE_OUT_SUBJECT,
      subjectId: id,
      kind: CLOSE_OUT_SUBJECT,
      unitId: loaded.ticket.unitId,
      title: `${loaded.ticket.number} ${loaded.ticket.subject}`,
      amountFen: null,
      restart: true,
    });
    await addEvent(tx, {
      ticketId: id,
      type: 'close_out_requested',
      actorId: actor.userId,
      at: now,
      body: { note: input.note ?? null },
    });
    await notifyTurn(tx, actor, loaded, after, next, now);
    await auditComplaint(
      tx,
      now,
      actor,
      loaded,
      'complaints.close_out_requested',
      { stage },
      { stage: next, note: input.note ?? null },
    );
  });
}

/**
 * Runs one owner's command on the locked ticket: 409 for a ticket type without close-out, 403
 * without the step's permission at the ticket's unit, 409 when it is not the step's turn.
 */
async function onCloseOutStep(
  deps: Deps,
  actor: Actor,
  id: string,
  command: Exclude<CloseOutCommand, { kind: 'request' }>,
  fn: (
    tx: Db,
    loaded: LoadedTicket,
    now: Date,
    stages: { from: CloseOutStage; to: CloseOutStage },
  ) => Promise<void>,
) {
  await onLockedTicket(deps, actor, id, 'tickets.read', async (tx, loaded, now) => {
    if (!closesThroughCloseOut(loaded.ticket.type)) throw complaintErrors.closeOutNotApplicable();
    const permission = CLOSE_OUT_STEP_PERMISSION[command.step];
    if (!can(actor.grants, permission, loaded.unit.path))
      throw complaintErrors.closeOutStepForbidden(command.step, permission);
    const record = await ensureComplaintRecord(tx, loaded.ticket, now);
    const from = stageOf(record, loaded.ticket);
    const to = nextStage(from, loaded, command);
    await fn(tx, loaded, now, { from: from!, to });
  });
}

const STEP_FIELDS = {
  quality_opinion: (text: string | null, by: string | null, at: Date | null) => ({
    closeOutQualityOpinion: text,
    closeOutQualityBy: by,
    closeOutQualityAt: at,
  }),
  assessment: (text: string | null, by: string | null, at: Date | null, counts: boolean | null = null) => ({
    closeOutAssessmentNote: text,
    closeOutAssessmentCounts: counts,
    closeOutAssessmentBy: by,
    closeOutAssessmentAt: at,
  }),
  approval: (text: string | null, by: string | null, at: Date | null) => ({
    closeOutApprovalNote: text,
    closeOutApprovedBy: by,
    closeOutApprovedAt: at,
  }),
} satisfies Record<CloseOutStep, unknown>;

/**
 * CMP-5: an owner completes their step with its text — the quality lead's opinion on the
 * responsible department, the assessment lead's confirmation, the general manager's approval
 * (text optional). The text is written on the record, then the engine approves the stage and calls
 * back (`closeOutApprovalHandler`): the stage moves on, and the last approval closes the ticket
 * and files the record in the same transaction (销售归档 is part of the approval).
 */
export async function completeCloseOutStep(
  deps: Deps,
  actor: Actor,
  id: string,
  step: CloseOutStep,
  input: { text?: string | null | undefined; counts?: boolean | undefined },
) {
  await onCloseOutStep(deps, actor, id, { kind: 'complete', step }, async (tx, _loaded, now) => {
    const text = input.text?.trim() || null;
    // The assessment lead says whether the complaint counts in the department's assessment (RPT-3);
    // only one that counts has a note on how it was carried out.
    const counts = step === 'assessment' ? (input.counts ?? true) : null;
    if (counts === false && text) throw complaintErrors.closeOutAssessmentNoteWhenNotCounted();
    if (step !== 'approval' && counts !== false && !text)
      throw complaintErrors.closeOutTextRequired({ step });
    await updateComplaintRecord(tx, id, {
      ...(step === 'assessment'
        ? STEP_FIELDS.assessment(text, actor.userId, now, counts)
        : STEP_FIELDS[step](text, actor.userId, now)),
      updatedAt: now,
    });
    await decideApprovalIn(deps, tx, actor, await closeOutRequestId(tx, id), 'approve', null);
  });
}

/** CMP-5: an owner sends the case back one step with a reason (the quality lead: to the intake agent). */
export async function sendBackCloseOut(
  deps: Deps,
  actor: Actor,
  id: string,
  step: CloseOutStep,
  reason: string,
) {
  await onCloseOutStep(deps, actor, id, { kind: 'send_back', step }, async (tx) => {
    await decideApprovalIn(deps, tx, actor, await closeOutRequestId(tx, id), 'send_back', reason, {
      sendBackTo: 'previous_stage',
    });
  });
}

/** The engine's request of a ticket's running close-out (every running chain has one: migration 0049). */
async function closeOutRequestId(tx: Db, ticketId: string): Promise<string> {
  const row = await approvalRowOf(tx, CLOSE_OUT_SUBJECT, ticketId);
  if (!row || row.status !== 'pending') throw complaintErrors.closeOutOutOfOrder({ stage: null, step: null });
  return row.id;
}

/**
 * The ticket and record a callback works on, checked against the stage the engine decided: a chain
 * whose ticket was reopened (or that stands elsewhere) is refused, so nothing half-agrees.
 */
async function closeOutAt(tx: Db, request: ApprovalRow, stage: CloseOutStep, now: Date) {
  const loaded = await loadTicket(tx, request.subjectId, { forUpdate: true });
  if (!loaded) throw complaintErrors.closeOutNotApplicable();
  const record = await ensureComplaintRecord(tx, loaded.ticket, now);
  const current = stageOf(record, loaded.ticket);
  if (loaded.ticket.state !== 'resolved' || current === null)
    throw complaintErrors.closeOutNotResolved({ state: loaded.ticket.state });
  if (current !== stage) throw complaintErrors.closeOutOutOfOrder({ stage: current, step: stage });
  return { loaded, record };
}

const BY_FIELD = {
  quality_opinion: 'closeOutQualityBy',
  assessment: 'closeOutAssessmentBy',
  approval: 'closeOutApprovedBy',
} as const satisfies Record<CloseOutStep, keyof ComplaintRecordRow>;

/**
 * The step as the owner gave it. Through the close-out panel the text is already on the record;
 * from the approval inbox only the general manager's approval (text optional) can be given — the
 * two owners with a text to write are sent to the complaint (400 text required).
 */
async function stepGiven(tx: Db, record: ComplaintRecordRow, step: CloseOutStep, actor: Actor, now: Date) {
  if (record[BY_FIELD[step]] !== null) return record;
  if (step !== 'approval') throw complaintErrors.closeOutTextRequired({ step });
  return updateComplaintRecord(tx, record.ticketId, { ...STEP_FIELDS.approval(null, actor.userId, now) });
}

/** The engine moved the close-out: the record's stage, the ticket's timeline, the notices and the audit follow. */
export const closeOutApprovalHandler: ApprovalSubjectHandler = {
  notifiesItself: true,
  async lockSubject(tx, subjectId) {
    await loadTicket(tx, subjectId, { forUpdate: true });
  },
  async onStageApproved(deps, tx, request, stageKey, actor) {
    await stepApproved(deps, tx, request, stageKey as CloseOutStep, actor);
  },
  async onApproved(deps, tx, request, actor) {
    await stepApproved(deps, tx, request, 'approval', actor);
  },
  async onSentBack(deps, tx, request, actor, reason, back: SentBack) {
    const step = back.from as CloseOutStep;
    const now = deps.clock.now();
    const { loaded } = await closeOutAt(tx, request, step, now);
    const to: CloseOutStage = (back.to as CloseOutStep | null) ?? 'returned';
    // The step sent back to is done again: its earlier text no longer stands (the timeline keeps it).
    const redo = to === 'returned' ? {} : STEP_FIELDS[to](null, null, null);
    const after = await updateComplaintRecord(tx, loaded.ticket.id, {
      ...redo,
      closeOutStage: to,
      closeOutReturnedFrom: step,
      closeOutReturnReason: reason,
      closeOutReturnedBy: actor.userId,
      closeOutReturnedAt: now,
      updatedAt: now,
    });
    await saveTicket(tx, loaded.ticket.id, { updatedAt: now });
    await addEvent(tx, {
      ticketId: loaded.ticket.id,
      type: 'close_out_sent_back',
      actorId: actor.userId,
      at: now,
      body: { step, to, reason },
    });
    await notifyTurn(tx, actor, loaded, after, to, now, { sentBackFrom: step, reason });
    await auditComplaint(
      tx,
      now,
      actor,
      loaded,
      'complaints.close_out_sent_back',
      { stage: step },
      { stage: to, step, reason },
    );
  },
};

/** A stage approved by the engine: the record moves on; the last one closes the ticket and files the record. */
async function stepApproved(deps: Deps, tx: Db, request: ApprovalRow, step: CloseOutStep, actor: Actor) {
  const now = deps.clock.now();
  const { loaded, record } = await closeOutAt(tx, request, step, now);
  const given = await stepGiven(tx, record, step, actor, now);
  const to: CloseOutStage = CLOSE_OUT_STEPS[CLOSE_OUT_STEPS.indexOf(step) + 1] ?? 'filed';
  const filed = to === 'filed';
  const text =
    step === 'quality_opinion'
      ? given.closeOutQualityOpinion
      : step === 'assessment'
        ? given.closeOutAssessmentNote
        : given.closeOutApprovalNote;
  const counts = step === 'assessment' ? given.closeOutAssessmentCounts : null;
  if (filed) {
    // The move ends the ticket's SLA targets and publishes `ticket.closed` (tickets.lifecycle).
    await move(deps, tx, actor, loaded, 'closed', null, now);
  } else {
    await saveTicket(tx, loaded.ticket.id, { updatedAt: now });
  }
  const after = await updateComplaintRecord(tx, loaded.ticket.id, {
    closeOutStage: to,
    ...(filed ? { archivedAt: now, archivedBy: actor.userId } : {}),
    updatedAt: now,
  });
  await addEvent(tx, {
    ticketId: loaded.ticket.id,
    type: filed ? 'close_out_approved' : 'close_out_step',
    actorId: actor.userId,
    at: now,
    body: { step, text, ...(counts === null ? {} : { counts }), ...(filed ? { filed: true } : {}) },
  });
  await notifyTurn(tx, actor, loaded, after, to, now);
  await auditComplaint(
    tx,
    now,
    actor,
    loaded,
    `complaints.close_out_${step}`,
    { stage: step, state: loaded.ticket.state },
    {
      stage: to,
      text,
      ...(counts === null ? {} : { counts }),
      ...(filed ? { state: 'closed', archivedAt: now.toISOString() } : {}),
    },
  );
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

/** SAT-2: the customer's evaluation of the result; dissatisfied reopens the case, voids the close-out and alerts the supervisor. */
export async function recordEvaluation(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { result: EvaluationResult; comment?: string | undefined },
) {
  await onLockedTicket(deps, actor, id, 'tickets.manage', async (tx, loaded, now) => {
    if (!mayEvaluate(loaded.ticket.state))
      throw complaintErrors.evaluationNotAllowed({ state: loaded.ticket.state });
    const before = await ensureComplaintRecord(tx, loaded.ticket, now);
    const dissatisfied = input.result === 'dissatisfied';
    await updateComplaintRecord(tx, id, {
      evaluationResult: input.result,
      evaluationComment: input.comment ?? null,
      evaluatedAt: now,
      evaluatedBy: actor.userId,
      // The case is handled again, so its close-out starts over once it is resolved again.
      ...(dissatisfied
        ? {
            ...NO_STEPS,
            ...NO_RETURN,
            closeOutStage: null,
            closeOutRequestNote: null,
            closeOutRequestedBy: null,
            closeOutRequestedAt: null,
          }
        : {}),
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
      // A close-out still running for this resolution is void (a filed one stays in the history).
      await voidApproval(deps, tx, actor, CLOSE_OUT_SUBJECT, id, 'evaluation_dissatisfied');
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
      { state: loaded.ticket.state, closeOutStage: stageOf(before, loaded.ticket) },
      input,
    );
  });
}
