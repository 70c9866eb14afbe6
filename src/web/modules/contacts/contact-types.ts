// Shapes of the contact log (IN-2) and letter register (IN-8) API (docs/api-customers.md).

import { TICKET_CHANNELS, type TicketChannel } from '../../../shared/tickets';

// IN-1: contacts and tickets share one channel list and its labels (tickets.channel.*).
export const CONTACT_CHANNELS = TICKET_CHANNELS;
export type ContactChannel = TicketChannel;

export const LETTER_CATEGORIES = ['service_report', 'complaint', 'praise', 'other_business'] as const;
export type LetterCategory = (typeof LETTER_CATEGORIES)[number];

interface Ref {
  id: string;
  name: string;
}

export interface Contact {
  id: string;
  unitId: string;
  unitName: string;
  customer: Ref | null;
  channel: ContactChannel;
  direction: 'inbound' | 'outbound';
  occurredAt: string;
  durationSeconds: number | null;
  summary: string;
  agent: Ref | null;
  phoneNumber: string | null;
  ticketId: string | null;
  callId: string | null;
  letter: {
    category: LetterCategory;
    routedTo: Ref | null;
    sender: string | null;
    receivedOn: string | null;
    /** IN-8: a service report gets its sheet at once, a complaint by the assistant's decision. */
    sheetRule: 'at_once' | 'assistant_decides' | 'never';
    coordinationSheet: { id: string; number: string; issuedAt: string; dueAt: string } | null;
  } | null;
  createdAt: string;
}

/** The printable coordination sheet (协调单, IN-8), as issued (contacts.schemas.ts). */
export interface CoordinationSheet {
  id: string;
  number: string;
  contactId: string;
  issuedAt: string;
  issuedBy: Ref | null;
  dueAt: string;
  requestedHandling: string;
  unit: Ref;
  responsibleUnit: Ref;
  letter: {
    category: 'service_report' | 'complaint';
    sender: string | null;
    receivedOn: string | null;
    content: string;
  };
  customer: { name: string | null; phone: string | null; address: string | null };
  generatedAt: string;
  shortUrl: string;
}

export const sheetPrintPath = (contactId: string) => `/contacts/letters/${contactId}/sheet`;

export const CONTACTS_KEY = 'contacts';
