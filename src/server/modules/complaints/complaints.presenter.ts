import { can } from '../../../domain/permissions';
import { isOverdue } from '../../../domain/sla';
import {
  CLOSE_OUT_STEP_PERMISSION,
  CLOSE_OUT_STEPS,
  closesThroughCloseOut,
  type CloseOutStep,
} from '../../../domain/tickets/close-out';
import type { Actor, Deps } from '../../app/context';
import { unitNames, displayNames } from '../org/org.service';
import type { SlaTargetRow } from '../sla/sla.service';
import type { complaintOf, listCloseOuts, listClusters } from './complaints.queries';
import type { departmentInbox, DepartmentReplyRow } from './department-replies.usecases';
import { mayOnTicket, presentTicketList } from '../tickets/tickets.service';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const named = (id: string | null, names: Map<string, string>) =>
  id ? { id, name: names.get(id) ?? '' } : null;

/** The department_reply target as the inbox shows it: due time, state, overdue the moment it is. */
function presentDue(t: SlaTargetRow | undefined, now: number) {
  if (!t) return null;
  return {
    state: t.state,
    dueAt: iso(t.dueAt),
    atRiskAt: iso(t.atRiskAt),
    overdue: isOverdue(t, now),
  };
}

export async function presentInbox(
  deps: Deps,
  actor: Actor,
  inbox: Awaited<ReturnType<typeof departmentInbox>>,
) {
  const summaries = await presentTicketList(deps, actor, inbox.rows);
  const now = deps.clock.now().getTime();
  return {
    departments: inbox.departments.map((d) => ({ id: d.id, name: d.name })),
    items: summaries.map((s) => ({ ...s, departmentReply: presentDue(inbox.targets.get(s.id), now) })),
  };
}

/**
 * CMP-5 chain as the complaint page shows it: the request, each owner's step (text, who, when),
 * the filing, the last send-back, whose turn it is (role and the people holding it for the
 * ticket's unit) and what the caller may do now — computed here so the page shows only buttons
 * that will work.
 */
function presentCloseOutChain(
  actor: Actor,
  v: Awaited<ReturnType<typeof complaintOf>>,
  people: Map<string, string>,
) {
  const r = v.record;
  const { stage, turn, holders } = v.closeOut;
  const ticket = v.loaded.ticket;
  const applies = closesThroughCloseOut(ticket.type);
  // Fields of a chain that no longer counts (the ticket was reopened) are not shown as done.
  const live = stage !== null;
  const step = (
    key: CloseOutStep,
    text: string | null | undefined,
    by: string | null | undefined,
    at: Date | null | undefined,
    counts: boolean | null = null,
  ) => ({
    step: key,
    permission: CLOSE_OUT_STEP_PERMISSION[key],
    text: live && by ? (text ?? null) : null,
    counts: live && by ? counts : null,
    by: live && by ? named(by, people) : null,
    at: live && by ? iso(at) : null,
  });
  const may = (key: CloseOutStep) =>
    turn === key && can(actor.grants, CLOSE_OUT_STEP_PERMISSION[key], v.loaded.unit.path);
  const myStep = CLOSE_OUT_STEPS.find(may) ?? null;
  return {
    applies,
    stage,
    turn: turn
      ? { step: turn, holders: holders.map((h) => ({ id: h.id, name: people.get(h.id) || h.name })) }
      : null,
    request:
      live && r?.closeOutRequestedBy
        ? {
            by: named(r.closeOutRequestedBy, people),
            at: iso(r.closeOutRequestedAt),
            note: r.closeOutRequestNote,
          }
        : null,
    steps: [
      step('quality_opinion', r?.closeOutQualityOpinion, r?.closeOutQualityBy, r?.closeOutQualityAt),
      step(
        'assessment',
        r?.closeOutAssessmentNote,
        r?.closeOutAssessmentBy,
        r?.closeOutAssessmentAt,
        // Steps confirmed before the switch existed counted (the confirmation was that it was done).
        r?.closeOutAssessmentBy ? (r.closeOutAssessmentCounts ?? true) : null,
      ),
      step('approval', r?.closeOutApprovalNote, r?.closeOutApprovedBy, r?.closeOutApprovedAt),
    ],
    filed:
      stage === 'filed' && r?.archivedAt ? { by: named(r.archivedBy, people), at: iso(r.archivedAt) } : null,
    lastReturn:
      live && stage !== 'filed' && r?.closeOutReturnedFrom
        ? {
            from: r.closeOutReturnedFrom,
            reason: r.closeOutReturnReason,
            by: named(r.closeOutReturnedBy, people),
            at: iso(r.closeOutReturnedAt),
          }
        : null,
    may: {
      request:
        applies &&
        ticket.state === 'resolved' &&
        (stage === null || stage === 'returned') &&
        mayOnTicket(actor, 'tickets.manage', v.loaded),
      complete: myStep,
      sendBack: myStep,
    },
  };
}

/** CMP-3: one department reply as the ticket, the complaint view and the close-out read it. */
function presentDepartmentReply(
  x: DepartmentReplyRow,
  people: Map<string, string>,
  units: Map<string, string>,
) {
  return {
    id: x.id,
    department: named(x.departmentId, units),
    findings: x.findings,
    rootCause: x.rootCause,
    correctiveAction: { kind: x.correctiveActionKind, text: x.correctiveAction },
    preventiveAction: x.preventiveAction,
    committedDate: x.committedDate,
    committedAt: x.committedAt.toISOString(),
    responsiblePerson: named(x.responsiblePersonId, people),
    author: named(x.authorId, people),
    createdAt: x.createdAt.toISOString(),
  };
}

/** CMP-3: every reply the departments filed on a ticket, oldest first, with the people and departments named. */
export async function presentDepartmentReplies(deps: Deps, rows: DepartmentReplyRow[]) {
  const people = await displayNames(
    deps.db,
    rows.flatMap((x) => [x.authorId, x.responsiblePersonId]),
  );
  const units = await unitNames(
    deps.db,
    rows.map((x) => x.departmentId),
  );
  return { items: rows.map((x) => presentDepartmentReply(x, people, units)) };
}

export async function presentComplaint(deps: Deps, actor: Actor, v: Awaited<ReturnType<typeof complaintOf>>) {
  const r = v.record;
  const people = await displayNames(deps.db, [
    r?.closeOutRequestedBy ?? null,
    r?.closeOutQualityBy ?? null,
    r?.closeOutAssessmentBy ?? null,
    r?.closeOutApprovedBy ?? null,
    r?.closeOutReturnedBy ?? null,
    r?.archivedBy ?? null,
    ...v.closeOut.holders.map((h) => h.id),
    r?.evaluatedBy ?? null,
    ...v.replies.flatMap((x) => [x.authorId, x.responsiblePersonId]),
    ...v.commitments.flatMap((c) => [c.approverId, c.createdBy]),
    ...v.praise.map((p) => p.employeeId),
    v.meeting?.qualityManagerSignedBy ?? null,
    v.meeting?.generalManagerSignedBy ?? null,
  ]);
  const units = await unitNames(deps.db, [
    ...v.replies.map((x) => x.departmentId),
    ...v.praise.flatMap((p) => (p.departmentId ? [p.departmentId] : [])),
  ]);
  const m = v.meeting;
  return {
    ticketId: v.loaded.ticket.id,
    details: r?.details ?? {},
    product: r?.product ?? null,
    cause: r?.cause ?? null,
    defect: r?.defect ?? null,
    productCaused: r?.productCaused ?? false,
    claimAmountFen: r?.claimAmountFen ?? null,
    committedAt: iso(r?.committedAt),
    settings: v.settings,
    closeOut: presentCloseOutChain(actor, v, people),
    evaluation: r?.evaluationResult
      ? {
          result: r.evaluationResult,
          comment: r.evaluationComment,
          at: iso(r.evaluatedAt),
          by: named(r.evaluatedBy, people),
        }
      : null,
    departmentReplies: v.replies.map((x) => presentDepartmentReply(x, people, units)),
    commitments: v.commitments.map((c) => ({
      id: c.id,
      text: c.text,
      dueDate: c.dueDate,
      dueAt: c.dueAt.toISOString(),
      approver: named(c.approverId, people),
      createdBy: named(c.createdBy, people),
      createdAt: c.createdAt.toISOString(),
    })),
    causeAnalysis: m
      ? {
          reason: m.reason,
          convenor: m.convenor,
          minutesKeeper: m.minutesKeeper,
          invitedDepartments: m.invitedDepartments,
          minutes: m.minutes,
          responsibility: m.responsibility,
          correctiveAction: m.correctiveAction,
          preventiveAction: m.preventiveAction,
          qualityManagerSignedBy: named(m.qualityManagerSignedBy, people),
          qualityManagerSignedAt: iso(m.qualityManagerSignedAt),
          generalManagerSignedBy: named(m.generalManagerSignedBy, people),
          generalManagerSignedAt: iso(m.generalManagerSignedAt),
          openedAt: m.openedAt.toISOString(),
        }
      : null,
    praise: v.praise.map((p) => ({
      employee: named(p.employeeId, people),
      department: named(p.departmentId, units),
      createdAt: p.createdAt.toISOString(),
    })),
  };
}

export async function presentCloseOuts(
  deps: Deps,
  actor: Actor,
  rows: Awaited<ReturnType<typeof listCloseOuts>>,
) {
  const summaries = await presentTicketList(
    deps,
    actor,
    rows.map((r) => r.ticket),
  );
  const people = await displayNames(
    deps.db,
    rows.flatMap((r) => [
      r.record.closeOutRequestedBy,
      r.record.closeOutQualityBy,
      r.record.closeOutAssessmentBy,
      r.record.closeOutApprovedBy,
      r.record.closeOutReturnedBy,
    ]),
  );
  return rows.map(({ record: r }, i) => ({
    ticket: summaries[i]!,
    stage: r.closeOutStage,
    requestedBy: named(r.closeOutRequestedBy, people),
    requestedAt: iso(r.closeOutRequestedAt),
    requestNote: r.closeOutRequestNote,
    qualityOpinion: r.closeOutQualityOpinion,
    qualityBy: named(r.closeOutQualityBy, people),
    assessmentNote: r.closeOutAssessmentNote,
    assessmentCounts: r.closeOutAssessmentBy ? (r.closeOutAssessmentCounts ?? true) : null,
    assessmentBy: named(r.closeOutAssessmentBy, people),
    approvedBy: named(r.closeOutApprovedBy, people),
    approvedAt: iso(r.closeOutApprovedAt),
    archivedAt: iso(r.archivedAt),
    lastReturn: r.closeOutReturnedFrom
      ? {
          from: r.closeOutReturnedFrom,
          reason: r.closeOutReturnReason,
          by: named(r.closeOutReturnedBy, people),
        }
      : null,
    evaluation: r.evaluationResult,
  }));
}

export async function presentClusters(deps: Deps, rows: Awaited<ReturnType<typeof listClusters>>) {
  const units = await unitNames(
    deps.db,
    rows.flatMap((r) => [r.unitId, ...(r.departmentId ? [r.departmentId] : [])]),
  );
  return rows.map((c) => ({
    id: c.id,
    unit: named(c.unitId, units),
    product: c.product,
    cause: c.cause,
    windowStart: c.windowStart.toISOString(),
    windowEnd: c.windowEnd.toISOString(),
    ticketIds: c.ticketIds,
    count: c.ticketIds.length,
    department: named(c.departmentId, units),
    notifiedIds: c.notifiedIds,
    raisedAt: c.raisedAt.toISOString(),
  }));
}
