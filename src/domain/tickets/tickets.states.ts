import { TicketError } from './tickets.errors';
import type { TicketState } from './tickets.types';

/** States in which the ticket still needs work: listed in queues, SLA running or paused. */
export const OPEN_TICKET_STATES: readonly TicketState[] = [
  'new',
  'assigned',
  'in_progress',
  'waiting_department',
  'pending_customer',
];

/** Resolved or closed: the work is done and the customer may evaluate it (SAT-2); both may reopen. */
export const FINISHED_TICKET_STATES: readonly TicketState[] = ['resolved', 'closed'];

/** SLA-10: closed, cancelled or merged — the ticket has ended, and so has every target it ran. */
export const ENDED_TICKET_STATES: readonly TicketState[] = ['closed', 'cancelled', 'merged'];

/** True when the ticket still needs work. */
export function isOpenState(state: TicketState): boolean {
  return OPEN_TICKET_STATES.includes(state);
}

/** True when the ticket is resolved or closed (SAT-2: the customer may evaluate it). */
export function isFinishedState(state: TicketState): boolean {
  return FINISHED_TICKET_STATES.includes(state);
}

/** SLA-10: true when the ticket is closed, cancelled or merged; department replies and progress notes stop. */
export function isEndedState(state: TicketState): boolean {
  return ENDED_TICKET_STATES.includes(state);
}

/**
 * The ticket state machine. Any open stage may go to any later working stage (a direct
 * consultation is resolved during the call, without being assigned), resolved and closed tickets
 * reopen into in_progress, cancelled and merged are final. 'assigned' is entered by assigning,
 * 'merged' by merging; both are moves of their own actions.
 */
const MOVES: Readonly<Record<TicketState, readonly TicketState[]>> = {
  new: [
    'assigned',
    'in_progress',
    'waiting_department',
    'pending_customer',
    'resolved',
    'cancelled',
    'merged',
  ],
  assigned: ['in_progress', 'waiting_department', 'pending_customer', 'resolved', 'cancelled', 'merged'],
  in_progress: ['waiting_department', 'pending_customer', 'resolved', 'cancelled', 'merged'],
  waiting_department: ['in_progress', 'pending_customer', 'resolved', 'cancelled', 'merged'],
  pending_customer: ['in_progress', 'waiting_department', 'resolved', 'cancelled', 'merged'],
  resolved: ['closed', 'in_progress'],
  closed: ['in_progress'],
  cancelled: [],
  merged: [],
};

/** The states a ticket in `from` may move to. */
export function allowedTransitions(from: TicketState): readonly TicketState[] {
  return MOVES[from];
}

/** True when the move reopens a finished ticket (resolved/closed → in_progress). */
export function isReopen(from: TicketState, to: TicketState): boolean {
  return isFinishedState(from) && to === 'in_progress';
}

/** Moves that must say why: cancelling and reopening. */
export function reasonRequired(from: TicketState, to: TicketState): boolean {
  return to === 'cancelled' || isReopen(from, to);
}

/** Throws tickets.transition_not_allowed (409) or tickets.reason_required (400). */
export function assertTransition(from: TicketState, to: TicketState, reason?: string | null): void {
  if (!MOVES[from].includes(to)) {
    throw new TicketError(
      'tickets.transition_not_allowed',
      409,
      `工单当前状态不能转为该状态`,
      `A ticket in state "${from}" cannot move to "${to}"`,
      { from, to, allowed: MOVES[from] },
    );
  }
  if (reasonRequired(from, to) && !reason?.trim()) {
    throw new TicketError(
      'tickets.reason_required',
      400,
      '取消或重新打开工单须填写原因',
      'Cancelling or reopening a ticket needs a reason',
      {
        from,
        to,
      },
    );
  }
}

/** How a move ends the ticket for its SLA targets (SLA-10), or null when it does not end it. */
export function ticketEnd(to: TicketState): 'closed' | 'cancelled' | 'merged' | null {
  return to === 'closed' || to === 'cancelled' || to === 'merged' ? to : null;
}

/** Effect of a move on the SLA clock (SLA-7): entering pending customer pauses it, leaving resumes it. */
export function slaClockChange(from: TicketState, to: TicketState): 'pause' | 'resume' | null {
  if (to === 'pending_customer' && from !== 'pending_customer') return 'pause';
  if (from === 'pending_customer' && to !== 'pending_customer') return 'resume';
  return null;
}
