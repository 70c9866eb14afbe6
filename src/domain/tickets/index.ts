/** Public API of the ticket core (工单). */
export * from './tickets.types';
export { TicketError } from './tickets.errors';
export type { TicketErrorCode } from './tickets.errors';
export {
  allowedTransitions,
  assertTransition,
  isReopen,
  reasonRequired,
  slaClockChange,
} from './tickets.states';
export {
  assertRectificationKind,
  missingEssentials,
  REPLY_SLA_EVENTS,
  RESOLVED_SLA_EVENT,
} from './tickets.fields';
export type { Essential, EssentialFacts } from './tickets.fields';
export { formatTicketNumber, localDateOf } from './tickets.number';
