/** The tickets module's schemas live in src/shared/tickets.ts, shared with the web; they also generate the OpenAPI document. */
export {
  assignBody,
  createTicketBody,
  listTicketsQuery,
  mergeBody,
  messageBody,
  milestoneBody,
  rectificationKindSchema,
  reclassifyBody,
  replyBody,
  slaTargetSchema,
  ticketDetailSchema,
  ticketListSchema,
  ticketSummarySchema,
  ticketTypeSchema,
  timelineEntrySchema,
  TICKET_VIEWS,
  TRANSITION_TARGETS,
  transitionBody,
  updateTicketBody,
} from '../../../shared/tickets';
export type { CreateTicketInput, ListTicketsQuery, UpdateTicketInput } from '../../../shared/tickets';
export { idParams } from '../../../shared/common';
