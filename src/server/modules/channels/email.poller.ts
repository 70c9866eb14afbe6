/**
 * The e-mail channel's share of the worker's passes. Each enabled mailbox is read by one instance
 * at a time (the lease in email.watcher.ts): kept open by IMAP IDLE when its server offers it, so
 * new mail is taken in within seconds; otherwise — no IDLE, or the IDLE connection down — read
 * every `pollSeconds` (a mailbox whose server failed waits longer each time, up to an hour). Then
 * the queued answers that are due are sent. One pass at a time per process; the intake's own
 * transactions keep a message from being taken in twice whatever happens.
 */
import type { Deps } from '../../app/context';
import { emailSettingsOf, fetchMailbox } from './email.inbound';
import { deliverDueEmail } from './email.outbound';
import { backoffMs } from './email.protocol';
import { mailboxWatchersOf } from './email.watcher';

const schedule = new Map<string, { nextAt: number; failures: number }>();
let running: Promise<void> | null = null;

async function pass(deps: Deps): Promise<void> {
  const watchers = mailboxWatchersOf(deps);
  // The mailboxes this instance holds; another instance reads the others.
  const accounts = await watchers.sync();
  for (const account of accounts) {
    // IDLE brings new mail as it arrives: no poll while the connection is open.
    if (watchers.stateOf(account.id) === 'idling') continue;
    const now = deps.clock.now().getTime();
    const due = schedule.get(account.id);
    if (due && due.nextAt > now) continue;
    const pollMs = (emailSettingsOf(account).pollSeconds ?? 60) * 1000;
    try {
      await fetchMailbox(deps, account);
      schedule.set(account.id, { nextAt: now + pollMs, failures: 0 });
    } catch (err) {
      const failures = (due?.failures ?? 0) + 1;
      schedule.set(account.id, { nextAt: now + Math.max(pollMs, backoffMs(failures)), failures });
      deps.logger.warn({ accountId: account.id, err, failures }, 'mailbox not read');
    }
  }
  await deliverDueEmail(deps);
}

/** Starts a pass unless one is still running; the worker does not wait for the mail servers. */
export function emailPeriodic(deps: Deps): Promise<void> {
  running ??= pass(deps)
    .catch((err: unknown) => deps.logger.error({ err }, 'e-mail channel pass failed'))
    .finally(() => {
      running = null;
    });
  return Promise.resolve();
}
