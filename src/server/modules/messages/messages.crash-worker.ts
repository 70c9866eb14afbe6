/**
 * A bare delivery worker process for the crash test (messages.crash.test.ts): connects to
 * DATABASE_URL and runs the delivery loop against the webhook in KEFU_SMS_WEBHOOK_URL until it is
 * killed. CRASH_LEASE_MS shortens the sending lease so a killed worker's messages come back fast.
 */
import pino from 'pino';
import { systemClock } from '../../app/clock';
import { loadConfig } from '../../app/config';
import type { Deps } from '../../app/context';
import { openPostgres } from '../../app/db';
import type { FileStorage } from '../../app/storage/storage';
import { deliverDueMessages } from './messages.delivery';
import { outboxProvider, webhookProvider } from './messages.providers';

async function run() {
  const config = loadConfig(process.env);
  const database = await openPostgres({ url: config.databaseUrl!, poolSize: 8 });
  const deps: Deps = {
    database,
    db: database.db,
    clock: systemClock,
    config,
    logger: pino({ level: 'silent' }),
    // Delivery touches no files.
    storage: null as unknown as FileStorage,
  };
  const leaseMs = Number(process.env.CRASH_LEASE_MS ?? 4000);
  const providers = {
    sms: webhookProvider({
      url: config.smsWebhookUrl!,
      secret: config.smsWebhookSecret!,
      timeoutMs: leaseMs - 1000,
    }),
    email: outboxProvider,
  };
  process.stdout.write('ready\n');
  for (;;) {
    const r = await deliverDueMessages(deps, {
      providers,
      leaseMs,
      callTimeoutMs: leaseMs - 1000,
      batchSize: 50,
      // A post that timed out on a busy machine is tried again soon, not in a minute.
      retryDelay: () => 200,
      concurrency: 32,
      maxRounds: 1,
    });
    if (r.claimed === 0) await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

run().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
