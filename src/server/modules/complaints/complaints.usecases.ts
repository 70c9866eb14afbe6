/**
 * Complaint handling on one ticket (CMP-1, 2, 4, 6): details, commitments, progress updates and
 * the cause-analysis meeting; close-out and evaluation are in complaints.close-out.ts.
 * Every write: the ticket locked, the change, its timeline entry and its audit row in one transaction.
 */
import { eq } from 'drizzle-orm';
import {
  causeAnalysisReason,
  MEETING_DEPARTMENTS,
  PROGRESS_SLA_EVENTS,
  type MeetingDepartment,
  type ProgressKind,
} from '../../../domain/tickets/complaints';
import { isEndedState } from '../../../domain/tickets';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { recordAudit } from '../audit/audit.service';
import { authErrors } from '../auth/auth.errors';
import { startPendingTargets, stopTarget } from '../sla/sla.service';
import { raiseClusterIfDue } from './complaints.clusters';
import { complaintErrors } from './complaints.errors';
import {
  activePerson,
  committedInstant,
  effectiveComplaintSettings,
  ensureComplaintRecord,
  personMayOnTicket,
  updateComplaintRecord,
  type ComplaintRecordRow,
} from './complaints.repository';
import { saveTicket, onLockedTicket, addEvent, type LoadedTicket } from '../tickets/tickets.service';
import { causeAnalyses, complaintCommitments, type ComplaintDetails } from './complaints.table';
import { ticketErrors } from '../tickets/tickets.errors';

/** The audit row of a complaint action, in the action's transaction. */
export async function auditComplaint(
  tx: Db,
  now: Date,
  actor: Actor,
  loaded: LoadedTicket,
  action: string,
  before: unknown,
  after: unknown,
) {
  await recordAudit(tx, now, actor, {
    action,
    subjectType: 'ticket',
    subjectId: loaded.ticket.id,
    unitId: loaded.unit.id,
    before,
    after,
  });
}

/**
 * CMP-4: opens the cause-analysis meeting record once, when the unit's trigger selects the
 * complaint (by default every product complaint); true when one exists afterwards. The record
 * names the management representative as convenor and sales as minutes keeper, and invites every
 * department of the manual, the workshop included (the agent may narrow the list later).
 */
async function openCauseAnalysisIfDue(tx: Db, loaded: LoadedTicket, record: ComplaintRecordRow, now: Date) {
  const [existing] = await tx
    .select({ id: causeAnalyses.ticketId })
    .from(causeAnalyses)
    .where(eq(causeAnalyses.ticketId, record.ticketId));
  if (existing) return true;
  const settings = await effectiveComplaintSettings(tx, loaded.unit);
  const reason = causeAnalysisReason(loaded.ticket.type, record, settings);
  if (!reason) return false;
  const inserted = await tx
    .insert(causeAnalyses)
    .values({
      ticketId: record.ticketId,
      reason,
      invitedDepartments: [...MEETING_DEPARTMENTS],
      openedAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: causeAnalyses.ticketId });
  if (inserted.length > 0)
    await addEvent(tx, {
      ticketId: record.ticketId,
      type: 'cause_analysis',
      actorId: null,
      at: now,
      body: { opened: reason },
    });
  return true;
}

export interface ComplaintDetailsInput {
  details?: ComplaintDetails | undefined;
  product?: string | null | undefined;
  cause?: string | null | undefined;
  defect?: string | null | undefined;
  productCaused?: boolean | undefined;
  claimAmountFen?: number | null | undefined;
}

/** CMP-1 details, product/cause (CMP-8, CMP-10) and the claim (CMP-4); may open the meeting and raise a cluster. */
export async function recordComplaintDetails(
  deps: Deps,
  actor: Actor,
  id: string,
  input: ComplaintDetailsInput,
) {
  await onLockedTicket(deps, actor, id, 'tickets.manage', async (tx, loaded, now) => {
    const before = await ensureComplaintRecord(tx, loaded.ticket, now);
    const changes: Partial<ComplaintRecordRow> = { updatedAt: now };
    if (input.details !== undefined) changes.details = { ...before.details, ...input.details };
    if (input.product !== undefined) changes.product = input.product || null;
    if (input.cause !== undefined) changes.cause = input.cause || null;
    if (input.defect !== undefined) changes.defect = input.defect || null;
    if (input.productCaused !== undefined) changes.productCaused = input.productCaused;
    if (input.claimAmountFen !== undefined) changes.claimAmountFen = input.claimAmountFen;
    const after = await updateComplaintRecord(tx, id, changes);
    await addEvent(tx, {
      ticketId: id,
      type: 'complaint_recorded',
      actorId: actor.userId,
      at: now,
      body: {
        fields: Object.keys(input).filter((k) => input[k as keyof ComplaintDetailsInput] !== undefined),
      },
    });
    await openCauseAnalysisIfDue(tx, loaded, after, now);
    await raiseClusterIfDue(tx, loaded, after, now);
    await auditComplaint(tx, now, actor, loaded, 'complaints.recorded', pick(before), pick(after));
  });
}

const pick = (r: ComplaintRecordRow) => ({
  details: r.details,
  product: r.product,
  cause: r.cause,
  defect: r.defect,
  productCaused: r.productCaused,
  claimAmountFen: r.claimAmountFen,
});

/**
 * CMP-2: a promise to the customer needs a date and an approver who may approve commitments at
 * the ticket (422 otherwise). The first commitment sets the committed date (SLA-5 resolution).
 */
export async function addCommitment(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { text: string; dueDate: string; approverId?: string | null | undefined },
) {
  await onLockedTicket(deps, actor, id, 'tickets.manage', async (tx, loaded, now) => {
    if (
      !['new', 'assigned', 'in_progress', 'waiting_department', 'pending_customer'].includes(
        loaded.ticket.state,
      )
    )
      throw ticketErrors.notOpen();
    const approver = input.approverId ? await activePerson(tx, input.approverId) : undefined;
    if (!approver || !personMayOnTicket(approver.grants, 'complaints.commitments.approve', loaded))
      throw complaintErrors.commitmentNeedsApprover({ approverId: input.approverId ?? null });
    const dueAt = await committedInstant(tx, loaded.unit, input.dueDate, now);
    const [row] = await tx
      .insert(complaintCommitments)
      .values({
        ticketId: id,
        text: input.text,
        dueDate: input.dueDate,
        dueAt,
        approverId: approver.id,
        createdBy: actor.userId,
        createdAt: now,
      })
      .returning();
    const record = await ensureComplaintRecord(tx, loaded.ticket, now);
    if (!record.committedAt) await updateComplaintRecord(tx, id, { committedAt: dueAt, updatedAt: now });
    await startPendingTargets(deps, tx, {
      subjectType: 'ticket',
      subjectId: id,
      trigger: 'committed_date_set',
      at: now,
      committedAt: dueAt,
    });
    await addEvent(tx, {
      ticketId: id,
      type: 'commitment',
      actorId: actor.userId,
      at: now,
      body: { commitmentId: row!.id, text: input.text, dueDate: input.dueDate, approverId: approver.id },
    });
    await saveTicket(tx, id, { updatedAt: now });
    await auditComplaint(tx, now, actor, loaded, 'complaints.commitment_added', null, {
      ...input,
      dueAt: dueAt.toISOString(),
    });
  });
}

/**
 * CMP-6: a progress update the customer sees; 'verified', 'second_response' and 'result' meet their
 * SLA targets. SLA-5: the second response to a hard complaint tells the customer when it will be
 * resolved — that committed time is recorded and starts the resolution target, due then.
 */
export async function addProgress(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { kind: ProgressKind; body: string; committedAt?: string | undefined },
) {
  await onLockedTicket(deps, actor, id, 'tickets.manage', async (tx, loaded, now) => {
    if (isEndedState(loaded.ticket.state)) throw ticketErrors.repliesClosed();
    const committedAt = input.committedAt ? new Date(input.committedAt) : null;
    if (input.kind === 'second_response' && !committedAt && loaded.ticket.type === 'hard_complaint')
      throw ticketErrors.committedTimeRequired();
    if (committedAt && committedAt.getTime() <= now.getTime()) throw ticketErrors.committedTimeInPast();
    await addEvent(tx, {
      ticketId: id,
      type: 'progress',
      actorId: actor.userId,
      at: now,
      visibility: 'customer',
      body: {
        kind: input.kind,
        text: input.body,
        ...(committedAt ? { committedAt: committedAt.toISOString() } : {}),
      },
    });
    const ref = { subjectType: 'ticket', subjectId: id };
    const event = PROGRESS_SLA_EVENTS[input.kind];
    if (event) await stopTarget(deps, tx, { ...ref, event, at: now });
    if (committedAt) {
      const record = await ensureComplaintRecord(tx, loaded.ticket, now);
      if (!record.committedAt) await updateComplaintRecord(tx, id, { committedAt, updatedAt: now });
      await startPendingTargets(deps, tx, { ...ref, trigger: 'committed_date_set', at: now, committedAt });
    }
    await saveTicket(tx, id, { updatedAt: now });
    await auditComplaint(tx, now, actor, loaded, 'complaints.progress_added', null, input);
  });
}

export interface CauseAnalysisInput {
  invitedDepartments?: MeetingDepartment[] | undefined;
  minutes?: string | undefined;
  responsibility?: string | undefined;
  correctiveAction?: string | undefined;
  preventiveAction?: string | undefined;
}

/** CMP-4: fills in the meeting record (409 when the unit's trigger does not select the complaint). */
export async function saveCauseAnalysis(deps: Deps, actor: Actor, id: string, input: CauseAnalysisInput) {
  await onLockedTicket(deps, actor, id, 'tickets.manage', async (tx, loaded, now) => {
    const record = await ensureComplaintRecord(tx, loaded.ticket, now);
    if (!(await openCauseAnalysisIfDue(tx, loaded, record, now))) throw complaintErrors.notSerious();
    const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    await tx
      .update(causeAnalyses)
      .set({ ...changes, updatedAt: now })
      .where(eq(causeAnalyses.ticketId, id));
    await addEvent(tx, {
      ticketId: id,
      type: 'cause_analysis',
      actorId: actor.userId,
      at: now,
      body: { fields: Object.keys(changes) },
    });
    await auditComplaint(tx, now, actor, loaded, 'complaints.cause_analysis_saved', null, changes);
  });
}

/** CMP-4: the quality manager or the general manager signs the meeting record (REP-8 checks both later). */
export async function signCauseAnalysis(
  deps: Deps,
  actor: Actor,
  id: string,
  as: 'quality_manager' | 'general_manager',
) {
  const permission = as === 'quality_manager' ? 'complaints.quality_sign_off' : 'complaints.approve';
  await onLockedTicket(deps, actor, id, 'tickets.read', async (tx, loaded, now) => {
    if (!personMayOnTicket(actor.grants, permission, loaded)) throw authErrors.forbidden({ permission });
    const [row] = await tx.select().from(causeAnalyses).where(eq(causeAnalyses.ticketId, id));
    if (!row) throw complaintErrors.notSerious();
    const changes =
      as === 'quality_manager'
        ? { qualityManagerSignedBy: actor.userId, qualityManagerSignedAt: now }
        : { generalManagerSignedBy: actor.userId, generalManagerSignedAt: now };
    await tx
      .update(causeAnalyses)
      .set({ ...changes, updatedAt: now })
      .where(eq(causeAnalyses.ticketId, id));
    await addEvent(tx, {
      ticketId: id,
      type: 'cause_analysis',
      actorId: actor.userId,
      at: now,
      body: { signedAs: as },
    });
    await auditComplaint(tx, now, actor, loaded, 'complaints.cause_analysis_signed', null, { as });
  });
}
