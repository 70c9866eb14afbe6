/** Public API of the ticket core (工单). */
export * from './tickets.types';
export { TicketError } from './tickets.errors';
export type { TicketErrorCode } from './tickets.errors';
export {
  allowedTransitions,
  assertTransition,
  ENDED_TICKET_STATES,
  FINISHED_TICKET_STATES,
  isEndedState,
  isFinishedState,
  isOpenState,
  isReopen,
  OPEN_TICKET_STATES,
  ticketEnd,
  reasonRequired,
  slaClockChange,
} from './tickets.states';
export {
  assertRectificationKind,
  answerNeedsDepartmentReply,
  assertAnswerableOnIntake,
  missingEssentials,
  REPLY_KINDS,
  REPLY_SLA_EVENTS,
  RESOLVED_SLA_EVENT,
  TICKET_MILESTONE_KINDS,
  TICKET_MILESTONES,
} from './tickets.fields';
export type { Essential, EssentialFacts, ReplyKind, TicketMilestone } from './tickets.fields';
export { formatTicketNumber } from './tickets.number';
