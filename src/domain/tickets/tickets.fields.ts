import { TicketError } from './tickets.errors';
import type { RectificationKind, TicketTypeCode } from './tickets.types';

/** Throws unless a rectification carries its kind (CL-3) and no other type does. */
export function assertRectificationKind(
  type: TicketTypeCode,
  kind: RectificationKind | null | undefined,
): void {
  if (type === 'rectification' && !kind) {
    throw new TicketError(
      'tickets.rectification_kind_required',
      400,
      '整改类工单须选择整改类别（工程/财务/营销/其他）',
      'A rectification needs its kind (engineering, finance, marketing or other)',
    );
  }
  if (type !== 'rectification' && kind) {
    throw new TicketError(
      'tickets.rectification_kind_not_applicable',
      400,
      '只有整改类工单才有整改类别',
      'Only a rectification has a rectification kind',
    );
  }
}

/** The IN-4 facts a service request may lack. */
export type Essential = 'contactPhone' | 'address' | 'assetModel' | 'purchaseDate';

export interface EssentialFacts {
  type: TicketTypeCode;
  contactPhone: string | null;
  address: string | null;
  assetModel: string | null;
  purchaseDate: string | null;
}

/**
 * IN-4: what a technician needs before going out. Repair and installation need a phone to book
 * the visit, the address, the product model and the purchase date (warranty); a return/exchange
 * needs the model and purchase date (the return window, RET-4/5).
 */
const ESSENTIALS: Partial<Record<TicketTypeCode, readonly Essential[]>> = {
  repair: ['contactPhone', 'address', 'assetModel', 'purchaseDate'],
  installation: ['contactPhone', 'address', 'assetModel', 'purchaseDate'],
  return_exchange: ['assetModel', 'purchaseDate'],
};

/** IN-4: essentials this ticket's type needs and it does not have yet (empty = complete). */
export function missingEssentials(ticket: EssentialFacts): Essential[] {
  return (ESSENTIALS[ticket.type] ?? []).filter((field) => !ticket[field]?.trim());
}

/** SLA events a customer-visible reply emits: every reply answers, contacts and first-responds. */
export const REPLY_SLA_EVENTS = ['first_responded', 'customer_replied', 'customer_contacted'] as const;

/** SLA event emitted when a ticket is resolved. */
export const RESOLVED_SLA_EVENT = 'resolved';
