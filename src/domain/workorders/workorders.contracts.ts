/**
 * Maintenance contracts (PAY-2 class B, issue 18 item 7): where a contract stands on a given local
 * date, and when its renewal follow-up is due. Dates are ISO calendar dates ('YYYY-MM-DD').
 */

/** Days before a contract's end when its renewal follow-up is raised. */
export const CONTRACT_RENEWAL_NOTICE_DAYS = 30;

export const CONTRACT_STATES = ['upcoming', 'active', 'expiring', 'expired'] as const;
export type ContractState = (typeof CONTRACT_STATES)[number];

/** `date` moved by `days` calendar days. */
export function addDaysToDate(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Not begun, running, running but ending within the notice period, or over. */
export function contractState(c: { startsOn: string; endsOn: string }, today: string): ContractState {
  if (c.endsOn < today) return 'expired';
  if (c.startsOn > today) return 'upcoming';
  return c.endsOn <= addDaysToDate(today, CONTRACT_RENEWAL_NOTICE_DAYS) ? 'expiring' : 'active';
}

/**
 * The renewal follow-up is due once per term: from the notice period's start until the end, unless
 * already raised for this end date (a renewed contract has a new end, so a new term).
 */
export function renewalNoticeDue(
  c: { endsOn: string; renewalNoticeFor: string | null },
  today: string,
): boolean {
  return (
    c.endsOn >= today &&
    c.endsOn <= addDaysToDate(today, CONTRACT_RENEWAL_NOTICE_DAYS) &&
    c.renewalNoticeFor !== c.endsOn
  );
}

/** What is wrong with a contract's dates, or null. */
export function contractDatesProblem(c: { startsOn: string; endsOn: string }): 'ends_before_start' | null {
  return c.endsOn < c.startsOn ? 'ends_before_start' : null;
}
