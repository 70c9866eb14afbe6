// What other pages (department inbox, complaints, customer card) reuse from the tickets module.
export { TicketDetailPage } from './ticket-detail-page';
export { SlaBadge, Countdown, TicketStateTag, TicketTypeTag, PriorityTag } from './ticket-tags';
export { ticketColumns, ticketLink } from './ticket-columns';
export { useTicketAction } from './use-ticket-action';
export * from './tickets-api';
