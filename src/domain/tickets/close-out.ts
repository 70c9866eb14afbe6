/**
 * CMP-5 complaint close-out (投诉结案) as a chain of owners. After resolution the intake agent asks
 * for close-out; then, in this order, the quality lead (质量负责人) writes the handling opinion on
 * the responsible department, the performance-assessment lead (绩效考核负责人) confirms the
 * assessment was carried out, and the general manager (总经理) approves — which closes the ticket
 * and files the record (销售归档). Any step may send the case back one step with a reason; the
 * quality lead sends it back to the intake agent. Pure: no I/O, instants passed in.
 *
 * Who may do a step is decided only by the step's permission, held through a role in the ticket's
 * unit or a unit above it (ORG-1/2). One person may do two steps of one close-out only by holding
 * both steps' permissions (a small company whose general manager is also its quality lead); no
 * other separation rule applies, so an administrator, who holds every permission to be able to
 * grant it, could walk the chain alone — the panel names the real role holders, not administrators.
 */
import type { PermissionCode } from '../permissions';
import type { TicketState, TicketTypeCode } from './tickets.types';

/** Ticket types that close only through close-out (the complaint types of CL-1). */
export const CLOSE_OUT_TICKET_TYPES: readonly TicketTypeCode[] = [
  'soft_complaint',
  'hard_complaint',
  'rectification',
];

/** True when tickets of this type close only through the CMP-5 chain. */
export function closesThroughCloseOut(type: TicketTypeCode): boolean {
  return CLOSE_OUT_TICKET_TYPES.includes(type);
}

/** The owners' steps, in order. */
export const CLOSE_OUT_STEPS = ['quality_opinion', 'assessment', 'approval'] as const;
export type CloseOutStep = (typeof CLOSE_OUT_STEPS)[number];

/**
 * Where a close-out stands: waiting at one of the steps, sent back to the intake agent
 * (`returned`), or approved and filed (`filed`). No stage (null) = never asked for.
 */
export const CLOSE_OUT_STAGES = [...CLOSE_OUT_STEPS, 'returned', 'filed'] as const;
export type CloseOutStage = (typeof CLOSE_OUT_STAGES)[number];

/** The permission each step needs at the ticket's unit (an editable role carries it). */
export const CLOSE_OUT_STEP_PERMISSION: Readonly<Record<CloseOutStep, PermissionCode>> = {
  quality_opinion: 'complaints.close_out.quality',
  assessment: 'complaints.close_out.assessment',
  approval: 'complaints.approve',
};

/** What somebody asks of the chain. */
export type CloseOutCommand =
  { kind: 'request' } | { kind: 'complete'; step: CloseOutStep } | { kind: 'send_back'; step: CloseOutStep };

/** Why a command is refused: the ticket is not resolved, a chain already runs, or it is not this step's turn. */
export type CloseOutRefusal = 'not_resolved' | 'already_requested' | 'out_of_order';

export type CloseOutOutcome = { ok: true; stage: CloseOutStage } | { ok: false; refusal: CloseOutRefusal };

/**
 * A close-out belongs to the resolution it was asked for: once the ticket is reopened (no longer
 * resolved, or resolved again after the request), the old chain no longer counts and reads as
 * never asked for. A filed chain counts while the ticket stays closed.
 */
export function currentStage(
  stage: CloseOutStage | null,
  requestedAt: number | null,
  ticket: { state: TicketState; resolvedAt: number | null },
): CloseOutStage | null {
  if (stage === null || requestedAt === null) return null;
  if (stage === 'filed') return ticket.state === 'closed' ? 'filed' : null;
  if (ticket.state !== 'resolved' || ticket.resolvedAt === null || ticket.resolvedAt > requestedAt)
    return null;
  return stage;
}

/** CMP-5: the stage after `command`, or why the command is refused. `stage` is the current stage. */
export function closeOutTransition(
  stage: CloseOutStage | null,
  ticketState: TicketState,
  command: CloseOutCommand,
): CloseOutOutcome {
  if (ticketState !== 'resolved') return { ok: false, refusal: 'not_resolved' };
  if (command.kind === 'request') {
    if (stage !== null && stage !== 'returned') return { ok: false, refusal: 'already_requested' };
    return { ok: true, stage: 'quality_opinion' };
  }
  if (stage !== command.step) return { ok: false, refusal: 'out_of_order' };
  const i = CLOSE_OUT_STEPS.indexOf(command.step);
  if (command.kind === 'complete') return { ok: true, stage: CLOSE_OUT_STEPS[i + 1] ?? 'filed' };
  return { ok: true, stage: i === 0 ? 'returned' : CLOSE_OUT_STEPS[i - 1]! };
}

/** Whose turn it is at a stage: a step's owner, the intake agent after a send-back, or nobody. */
export function closeOutTurn(stage: CloseOutStage | null): CloseOutStep | 'intake_agent' | null {
  if (stage === 'returned') return 'intake_agent';
  if (stage === null || stage === 'filed') return null;
  return stage;
}
