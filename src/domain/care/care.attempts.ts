/** CARE-2 / CARE-5: what a call attempt's outcome does to a follow-up task. */
import type { CareOutcome, CareTaskState } from './care.types';

/** A follow-up call is tried at most this many times before the SMS goes instead (CARE-2). */
export const MAX_CALL_ATTEMPTS = 3;
/** After an unanswered call the task comes back this much later (still inside contact hours). */
export const RETRY_AFTER_MS = 2 * 3_600_000;
/** A claim holds the task for one agent this long; working it renews it (CARE-3). */
export const CLAIM_HOLD_MS = 30 * 60_000;

/** Outcomes that count as a failed attempt (no answer / unreachable). */
export function isFailedAttempt(outcome: CareOutcome): boolean {
  return outcome === 'no_answer' || outcome === 'unreachable';
}

export interface AttemptResult {
  state: CareTaskState;
  attempts: number;
  failedAttempts: number;
  /** When the task comes back to the worklist; null when it is finished. */
  nextDueAt: number | null;
  /** CARE-2: send the fallback SMS now. */
  smsFallback: boolean;
  /** CARE-5: reached-issue opens a ticket linked to the task. */
  openTicket: boolean;
}

/**
 * CARE-2 / CARE-5: the task after one call attempt. The 3rd failed attempt ends the call and
 * hands the follow-up to an SMS; "call back at…" comes back at the customer's time without
 * counting as a failure.
 */
export function afterAttempt(
  task: { attempts: number; failedAttempts: number },
  outcome: CareOutcome,
  now: number,
  callBackAt: number | null,
): AttemptResult {
  const attempts = task.attempts + 1;
  const base = { attempts, failedAttempts: task.failedAttempts, smsFallback: false, openTicket: false };
  switch (outcome) {
    case 'reached_satisfied':
      return { ...base, state: 'done', nextDueAt: null };
    case 'reached_issue':
      return { ...base, state: 'done', nextDueAt: null, openTicket: true };
    case 'refused':
      return { ...base, state: 'refused', nextDueAt: null };
    case 'wrong_number':
      return { ...base, state: 'unreachable', nextDueAt: null };
    case 'call_back':
      return { ...base, state: 'open', nextDueAt: callBackAt ?? now + RETRY_AFTER_MS };
    case 'no_answer':
    case 'unreachable': {
      const failedAttempts = task.failedAttempts + 1;
      if (failedAttempts >= MAX_CALL_ATTEMPTS)
        return { ...base, failedAttempts, state: 'sms_fallback', nextDueAt: null, smsFallback: true };
      return { ...base, failedAttempts, state: 'open', nextDueAt: now + RETRY_AFTER_MS };
    }
  }
}

/** States in which the task still waits for an agent. */
export function isOpenCareTask(state: CareTaskState): boolean {
  return state === 'open';
}

/** CARE-3: tasks of one customer due on the same local day are one contact. */
export function mergeKeyOf(customerId: string, localDate: string, channel: string): string | null {
  return channel === 'call' ? `${customerId}|${localDate}` : null;
}
