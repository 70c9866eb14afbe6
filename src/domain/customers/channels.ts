import { TICKET_CHANNELS, type TicketChannel } from '../tickets/tickets.types';

/**
 * IN-1: a contact comes in through the same channels as a ticket — one vocabulary, so the contact
 * log, tickets and the reports that count by channel always agree.
 */
export const CONTACT_CHANNELS = TICKET_CHANNELS;
export type ContactChannel = TicketChannel;

/** A call is logged as a 400-hotline contact when it came in on a 400/800 line, else as a phone call. */
export function callChannel(lineKind: 'mobile' | 'landline' | 'service' | null): ContactChannel {
  return lineKind === 'service' ? 'hotline_400' : 'phone';
}
