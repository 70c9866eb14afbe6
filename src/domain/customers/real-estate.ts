/**
 * Real-estate archive rules (CUS-1, CUS-5; JRN-5 handover). Pure: dates are ISO calendar dates
 * (YYYY-MM-DD) and "today" is passed in.
 *
 * - The property-title number (产权证号) is supplied within 14 days of the certificate date. The
 *   rule says days, not working days, so the limit counts calendar days: a certificate dated
 *   2026-03-01 is due by 2026-03-15 and overdue from 2026-03-16.
 * - The archive is handed over from sales one month before the handover and checked on arrival:
 *   room, phone and address each ticked, or the problem noted.
 */

/** Calendar days after the certificate date by which the title number is due (CUS-1). */
export const PROPERTY_TITLE_DAYS = 14;

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The last day the title number may be supplied: certificate date + 14 calendar days. */
export function propertyTitleDueOn(certificateOn: string): string {
  return isoOf(dayOf(certificateOn) + PROPERTY_TITLE_DAYS);
}

export type PropertyTitleState = 'none' | 'supplied' | 'pending' | 'overdue';

/**
 * Where a house's title number stands on `today`: `none` without a certificate date, `supplied`
 * once the number is on file, else `pending` until the due day ends and `overdue` after it.
 */
export function propertyTitleState(
  house: { titleCertificateOn: string | null; titleNumber: string | null },
  today: string,
): PropertyTitleState {
  if (house.titleNumber) return 'supplied';
  if (!house.titleCertificateOn) return 'none';
  return today > propertyTitleDueOn(house.titleCertificateOn) ? 'overdue' : 'pending';
}

/** The day the sales archive should have arrived: one calendar month before the handover (CUS-5). */
export function archiveDueOn(handoverOn: string): string {
  const [y, m, d] = handoverOn.split('-').map(Number) as [number, number, number];
  const month = m - 1 === 0 ? 12 : m - 1;
  const year = m - 1 === 0 ? y - 1 : y;
  // The same day of the previous month, or its last day when it has fewer days (03-31 → 02-28).
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The three items checked on arrival of a sales archive record (CUS-5). */
export const HANDOVER_CHECK_ITEMS = ['room', 'phone', 'address'] as const;
export type HandoverCheckItem = (typeof HANDOVER_CHECK_ITEMS)[number];

export interface HandoverCheckInput {
  roomOk: boolean;
  phoneOk: boolean;
  addressOk: boolean;
  problem: string | null;
}

/**
 * What a check lacks to be recorded: every item not ticked needs the problem noted. Returns the
 * unticked items when the problem is missing, else an empty list.
 */
export function handoverCheckMissing(input: HandoverCheckInput): HandoverCheckItem[] {
  const unticked = HANDOVER_CHECK_ITEMS.filter((item) => !input[`${item}Ok`]);
  const problem = input.problem?.trim() ?? '';
  return unticked.length > 0 && problem === '' ? unticked : [];
}

/** The check's outcome: `passed` with all three ticked, else `problem`. */
export function handoverCheckOutcome(input: HandoverCheckInput): 'passed' | 'problem' {
  return input.roomOk && input.phoneOk && input.addressOk ? 'passed' : 'problem';
}
