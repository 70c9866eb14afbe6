/**
 * The e-mail channel's share of the worker's passes: each enabled mailbox is read every
 * `pollSeconds` (a mailbox whose server failed waits longer each time, up to an hour), then the
 * queued answers that are due are sent. One pass at a time per process; the intake's own
 * transactions keep two instances from taking a message in twice.
 */
import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../app/context';
import { channelAccounts } from './channels.table';
import { emailSettingsOf, fetchMailbox } from './email.inbound';
import { deliverDueEmail } from './email.outbound';
import { backoffMs } from './email.protocol';

const schedule = new Map<string, { nextAt: number; failures: number }>();
let running: Promise<void> | null = null;

async function pass(deps: Deps): Promise<void> {
  const accounts = await deps.db
    .select()
    .from(channelAccounts)
    .where(and(eq(channelAccounts.kind, 'email'), eq(channelAccounts.enabled, true)));
  for (const account of accounts) {
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
