/** The tickets module's public face: what other modules may call (docs/decisions/0012-module-boundaries.md). */
export { createTicket } from './tickets.create';
export { registerApprovedAnswerSource } from './tickets.direct-answer';
export { applyStateEffects, stateChanges } from './tickets.lifecycle';
export { emitTicketSlaEvent } from './tickets.milestones';
export { assertOnTicket, mayOnTicket, onLockedTicket, ticketInScope } from './tickets.policy';
export { presentTicketDetail, presentTicketList } from './tickets.presenter';
export {
  getTicket,
  listTickets,
  ticketFilter,
  ticketScope,
  type TicketFilter,
  type TicketScope,
} from './tickets.queries';
export {
  addEvent,
  type LoadedTicket,
  loadTicket,
  saveTicket,
  ticketNumbers,
  type TicketRow,
} from './tickets.repository';
export { idParams, ticketDetailSchema } from './tickets.schemas';
export { addNote } from './tickets.usecases';
export { addReply, assignTicket, mergeTicket, transitionTicket } from './tickets.usecases';
export { similarTicketCandidates, ticketResolutions, type SimilarTicketCandidate } from './tickets.similar';
