/**
 * Quotes for charged work (报价, PAY-3): totals in integer fen, and the order of the confirmations —
 * finance confirms the service price and the warehouse the parts prices (either first), then the
 * customer confirms, then the approval engine's chain (department head, then company head; none
 * below the small-charge threshold), then the customer signs the itemised quote.
 */

export interface QuoteLine {
  kind: 'service' | 'part';
  quantity: number;
  unitPriceFen: number;
}

export interface QuoteTotals {
  serviceFen: number;
  partsFen: number;
  totalFen: number;
}

export type QuoteStep = 'confirm-service' | 'confirm-parts' | 'customer-confirm' | 'approve';

export interface QuoteProgress {
  serviceConfirmed: boolean;
  partsConfirmed: boolean;
  customerConfirmed: boolean;
  approved: boolean;
  hasServiceLines: boolean;
  hasPartLines: boolean;
  /** Submitted to the approval engine and not decided yet / sent back by an approver. */
  approvalPending?: boolean;
  sentBack?: boolean;
  /** The customer signed the approved, itemised quote (PAY-3). */
  customerSigned?: boolean;
}

export type QuoteStatus =
  | 'draft'
  | 'prices_confirmed'
  | 'customer_confirmed'
  | 'awaiting_approval'
  | 'sent_back'
  | 'approved'
  | 'signed';

/** True for a whole, non-negative number of fen within a safe range. */
export function isFen(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/** Sums a quote; quantities are whole units and prices whole fen, so the totals are exact. */
export function quoteTotals(lines: readonly QuoteLine[]): QuoteTotals {
  let serviceFen = 0;
  let partsFen = 0;
  for (const l of lines) {
    if (!Number.isSafeInteger(l.quantity) || l.quantity < 0 || !isFen(l.unitPriceFen))
      throw new RangeError('quote lines need whole quantities and whole fen');
    if (l.kind === 'service') serviceFen += l.quantity * l.unitPriceFen;
    else partsFen += l.quantity * l.unitPriceFen;
  }
  return { serviceFen, partsFen, totalFen: serviceFen + partsFen };
}

/** Whether a quote step may be taken now (PAY-3 order); a quote with no parts needs no warehouse check. */
export function quoteStepAllowed(step: QuoteStep, p: QuoteProgress): boolean {
  const pricesConfirmed = (p.serviceConfirmed || !p.hasServiceLines) && (p.partsConfirmed || !p.hasPartLines);
  switch (step) {
    case 'confirm-service':
      return p.hasServiceLines && !p.serviceConfirmed && !p.customerConfirmed;
    case 'confirm-parts':
      return p.hasPartLines && !p.partsConfirmed && !p.customerConfirmed;
    case 'customer-confirm':
      // After a send-back the customer agrees to the corrected quote and it is submitted again.
      return pricesConfirmed && (!p.customerConfirmed || !!p.sentBack) && !p.approved;
    case 'approve':
      return p.customerConfirmed && !p.approved && !!p.approvalPending;
  }
}

/** PAY-3: the customer signs the itemised quote once it is approved (or needed no approval). */
export function quoteSignable(p: QuoteProgress): boolean {
  return p.approved && !p.customerSigned;
}

/** Status of a quote for lists and buttons. */
export function quoteStatus(p: QuoteProgress): QuoteStatus {
  if (p.approved) return p.customerSigned ? 'signed' : 'approved';
  if (p.sentBack) return 'sent_back';
  if (p.approvalPending) return 'awaiting_approval';
  if (p.customerConfirmed) return 'customer_confirmed';
  const pricesConfirmed = (p.serviceConfirmed || !p.hasServiceLines) && (p.partsConfirmed || !p.hasPartLines);
  return pricesConfirmed ? 'prices_confirmed' : 'draft';
}
