// The contact log (IN-2) and letter register (IN-8) as the web uses them.

import { TICKET_CHANNELS, type TicketChannel } from '../../../shared/tickets';

// IN-1: contacts and tickets share one channel list and its labels (tickets.channel.*).
export const CONTACT_CHANNELS = TICKET_CHANNELS;
export type ContactChannel = TicketChannel;

export const LETTER_CATEGORIES = ['service_report', 'complaint', 'praise', 'other_business'] as const;
export type LetterCategory = (typeof LETTER_CATEGORIES)[number];

// The contact log's and coordination sheet's shapes, derived from src/shared/contacts.ts (decision 0013).
export type { Contact, CoordinationSheet } from '../../../shared/contacts';

export const sheetPrintPath = (contactId: string) => `/contacts/letters/${contactId}/sheet`;

export const CONTACTS_KEY = 'contacts';
