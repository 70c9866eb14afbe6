/** Outbox message states and the retry schedule of delivery. */

export const MESSAGE_STATES = ['queued', 'sending', 'sent', 'delivered', 'failed', 'cancelled'] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];

/** Attempts after which a message that keeps failing is given up (state failed). */
export const MAX_DELIVERY_ATTEMPTS = 6;

/** Exponential backoff after the n-th failed attempt: 1 min, 2, 4, 8 … capped at 2 h. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(2 * 3600_000, 60_000 * 2 ** Math.max(0, failedAttempts - 1));
}

/** A queued message can still be stopped; one being handed to a provider or finished cannot. */
export function canCancel(state: MessageState): boolean {
  return state === 'queued';
}

/** Only a message that gave up (or was cancelled) is put back in the queue by hand. */
export function canRetry(state: MessageState): boolean {
  return state === 'failed' || state === 'cancelled';
}

const EMAIL =
  /^[^\s@<>(),;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/** A plain e-mail address (no display name), the only form the outbox accepts. */
export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}
