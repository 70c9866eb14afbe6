// Shapes of the customer archive API (docs/api-customers.md). Kept by hand like src/web/api/types.ts.

export type PhoneKind = 'mobile' | 'landline' | 'service';
export type AssetKind = 'product' | 'vehicle' | 'house';
export const ASSET_KINDS: readonly AssetKind[] = ['product', 'vehicle', 'house'];

export interface CustomerPhone {
  id: string;
  /** Masked (138****5678) unless the caller may see full numbers (CUS-4). */
  number: string;
  kind: PhoneKind;
  label: string | null;
  isPrimary: boolean;
}

export interface CustomerAddress {
  id: string;
  label: string | null;
  address: string;
  isPrimary: boolean;
}

export interface CustomerAsset {
  id: string;
  kind: AssetKind;
  name: string;
  model: string | null;
  number: string | null;
  purchaseDate: string | null;
  warrantyEnd: string | null;
  serviceIntervalDays: number | null;
  note: string | null;
}

export interface SpecialAttention {
  reason: string;
  note: string | null;
  setAt: string | null;
  setById: string | null;
}

export interface Customer {
  id: string;
  unitId: string;
  name: string;
  birthday: string | null;
  source: string | null;
  identityNumber: string | null;
  note: string | null;
  draft: boolean;
  specialAttention: SpecialAttention | null;
  masked: boolean;
  phones: CustomerPhone[];
  addresses: CustomerAddress[];
  assets: CustomerAsset[];
  createdAt: string;
  updatedAt: string;
}

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
export interface CustomerCardData {
  id: string;
  unitId: string;
  name: string;
  draft: boolean;
  specialAttention: SpecialAttention | null;
  phones: CustomerPhone[];
  assets: CustomerAsset[];
  lastContacts: CardContact[];
  openTickets: CardTicket[];
  sections: Record<string, unknown>;
}

export interface UnmaskedNumbers {
  id: string;
  identityNumber: string | null;
  phones: Array<{ id: string; number: string; normalized: string; label: string | null }>;
}

export const customerPath = (id: string) => `/api/v1/customers/${id}`;
export const CUSTOMERS_KEY = 'customers';
