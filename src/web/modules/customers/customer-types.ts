// Shapes of the customer archive API, derived from the Zod schemas in src/shared/customers.ts that
// the server validates and documents with (decision 0013).
import type { z } from 'zod';
import type {
  assetOut,
  Customer,
  CustomerCard,
  specialAttentionOut,
  unmaskedSchema,
} from '../../../shared/customers';

export type { Customer };
export type CustomerPhone = Customer['phones'][number];
export type PhoneKind = CustomerPhone['kind'];
export type CustomerAddress = Customer['addresses'][number];
export type CustomerAsset = z.infer<typeof assetOut>;
export type AssetKind = CustomerAsset['kind'];
export const ASSET_KINDS: readonly AssetKind[] = ['product', 'vehicle', 'house'];
export type SpecialAttention = NonNullable<z.infer<typeof specialAttentionOut>>;
export type UnmaskedNumbers = z.infer<typeof unmaskedSchema>;

// The card's sections are lent by other modules (contacts, tickets) and typed there as unknown;
// the web reads them as follows.
export interface CardContact {
  id: string;
  channel: string;
  direction: 'inbound' | 'outbound';
  occurredAt: string;
  summary: string;
  ticketId: string | null;
}

/** An open ticket as the tickets module registers it on the card; fields read defensively. */
export interface CardTicket {
  id: string;
  number?: string;
  subject?: string;
  title?: string;
  type?: string;
  state?: string;
}

/** The caller pop-up card (IN-3). */
export type CustomerCardData = Omit<CustomerCard, 'lastContacts' | 'openTickets'> & {
  lastContacts: CardContact[];
  openTickets: CardTicket[];
};

export const customerPath = (id: string) => `/api/v1/customers/${id}`;
export const CUSTOMERS_KEY = 'customers';
