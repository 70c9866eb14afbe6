/**
 * A bare mailbox reader for the e-mail crash test (email.crash.test.ts): connects to DATABASE_URL
 * and reads the account ACCOUNT_ID over and over until it is killed, pausing a random moment
 * after each message so a kill can land anywhere. KEFU_DATA_DIR is the test server's, so the
 * sealed mailbox password opens with the same key.
 */
import pino from 'pino';
import { eq } from 'drizzle-orm';
import { systemClock } from '../../app/clock';
import { loadConfig } from '../../app/config';
import type { Deps } from '../../app/context';
import { openPostgres } from '../../app/db';
import type { FileStorage } from '../../app/storage/storage';
import { channelAccounts } from './channels.table';
import { fetchMailbox } from './email.inbound';

async function run() {
  const config = loadConfig(process.env);
  const database = await openPostgres({ url: config.databaseUrl!, poolSize: 4 });
  const deps: Deps = {
    database,
    db: database.db,
    clock: systemClock,
    config,
    logger: pino({ level: 'silent' }),
    // The crash test's mails carry no attachments.
    storage: null as unknown as FileStorage,
  };
  process.stdout.write('ready\n');
  for (;;) {
    const [account] = await deps.db
      .select()
      .from(channelAccounts)
      .where(eq(channelAccounts.id, process.env.ACCOUNT_ID!));
    const r = await fetchMailbox(deps, account!, {
      limit: 1000,
      afterMessage: () => new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 40))),
    }).catch(() => ({ stored: 0 }));
    if (r.stored === 0) await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

run().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
