/**
 * Quotes for charged work (报价, PAY-3): totals in integer fen, and the order of the confirmations —
 * finance confirms the service price and the warehouse the parts prices (either first), then the
 * customer confirms, then a manager approves.
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
}

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
      return pricesConfirmed && !p.customerConfirmed;
    case 'approve':
      return p.customerConfirmed && !p.approved;
  }
}

/** Status of a quote for lists and buttons. */
export function quoteStatus(
  p: QuoteProgress,
): 'draft' | 'prices_confirmed' | 'customer_confirmed' | 'approved' {
  if (p.approved) return 'approved';
  if (p.customerConfirmed) return 'customer_confirmed';
  const pricesConfirmed = (p.serviceConfirmed || !p.hasServiceLines) && (p.partsConfirmed || !p.hasPartLines);
  return pricesConfirmed ? 'prices_confirmed' : 'draft';
}
