import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../app/db';
import { createTestKefu, type TestKefu } from '../../test/test-app';
import { buildOrganisation } from '../../test/factories';
import { testDatabaseUrl, testingOnPostgres, withDatabase } from '../../test/test-database-paths';
import { deliveryKeyOf } from './messages.delivery';
import { outboxMessages } from './messages.table';
import { startWebhookReceiver, type WebhookReceiver } from './messages.test-servers';

/**
 * Issue 6 proof: 5,000 queued messages, a real worker process killed with SIGKILL at random points
 * and started again until the queue drains; the gateway must have received every message, each
 * under its own idempotency key, none lost. PostgreSQL only: a separate process cannot open the
 * embedded database while the test holds it (PGlite is single-process, guarded by a lock file).
 */
const MESSAGES = 5000;
const SECRET = 'crash-test-secret-0123456789';
const root = path.resolve(import.meta.dirname, '../../../..');
const children: ChildProcess[] = [];

describe.skipIf(!testingOnPostgres())('crash test: SIGKILLed delivery workers (PostgreSQL)', () => {
  let kefu: TestKefu | undefined;
  let receiver: WebhookReceiver | undefined;
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await receiver?.close();
    await kefu?.close();
  });

  it('every one of 5,000 messages reaches the gateway exactly once in effect across random SIGKILLs', async () => {
    kefu = await createTestKefu();
    receiver = await startWebhookReceiver(SECRET);
    const unitId = (await buildOrganisation(await kefu.login('admin'))).storeA.id;
    const [{ name }] = rowsOf<{ name: string }>(
      await kefu.deps.db.execute(sql`select current_database() as name`),
    ) as [{ name: string }];
    const now = new Date();
    for (let from = 0; from < MESSAGES; from += 1000) {
      await kefu.deps.db.insert(outboxMessages).values(
        Array.from({ length: 1000 }, (_, i) => ({
          unitId,
          customerId: null,
          channel: 'sms',
          recipient: `1380013${String(from + i).padStart(4, '0')}`,
          body: `回访短信 ${from + i}`,
          purpose: 'service',
          idempotencyKey: `crash:${from + i}`,
          state: 'queued',
          nextAttemptAt: now,
          createdAt: now,
          updatedAt: now,
        })),
      );
    }
    const env = {
      ...process.env,
      DATABASE_URL: withDatabase(testDatabaseUrl()!, name),
      KEFU_SMS_PROVIDER: 'webhook',
      KEFU_SMS_WEBHOOK_URL: receiver.url,
      KEFU_SMS_WEBHOOK_SECRET: SECRET,
      KEFU_LOG_LEVEL: 'silent',
      CRASH_LEASE_MS: '4000',
    };
    const startWorker = () => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'src/server/modules/messages/messages.crash-worker.ts'],
        {
          cwd: root,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      children.push(child);
      let err = '';
      child.stderr!.on('data', (d) => (err += d));
      const ready = new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
        child.on('exit', (code) => code !== null && reject(new Error(`worker exited ${code}: ${err}`)));
      });
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      return { child, ready, exited };
    };
    const remaining = async () =>
      rowsOf<{ n: number }>(
        await kefu!.deps.db.execute(
          sql`select count(*)::int as n from outbox_messages where state <> 'sent'`,
        ),
      )[0]!.n;

    let kills = 0;
    let killedMidWork = 0;
    // Generous: on a loaded 2-core CI machine a worker takes seconds to start and sends slowly.
    // The proof is that nothing is lost or sent twice, not how fast the queue drains.
    const deadline = Date.now() + 420_000;
    let left = MESSAGES;
    while (left > 0 && Date.now() < deadline) {
      const worker = startWorker();
      await worker.ready;
      if (kills < 8) {
        // Let it work a random while, then kill it without warning.
        await new Promise((resolve) => setTimeout(resolve, 300 + Math.floor(Math.random() * 1200)));
        worker.child.kill('SIGKILL');
        await worker.exited;
        kills += 1;
        left = await remaining();
        if (left > 0) killedMidWork += 1;
      } else {
        // The last worker runs until the queue is empty.
        while ((left = await remaining()) > 0 && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 200));
        worker.child.kill('SIGKILL');
        await worker.exited;
      }
    }

    expect(left).toBe(0);
    expect(kills).toBeGreaterThanOrEqual(5);
    expect(killedMidWork).toBeGreaterThanOrEqual(3);
    const rows = await kefu.deps.db
      .select({ id: outboxMessages.id, state: outboxMessages.state })
      .from(outboxMessages);
    expect(rows).toHaveLength(MESSAGES);
    // Exactly once in effect: the gateway holds one delivery per message, under that message's key.
    expect(receiver.delivered.size).toBe(MESSAGES);
    for (const r of rows) expect(receiver.delivered.has(deliveryKeyOf(r.id))).toBe(true);
    expect(receiver.badSignatures).toBe(0);
    const resent = receiver.posts.length - receiver.delivered.size;
    const interrupted = rowsOf<{ n: number }>(
      await kefu.deps.db.execute(
        sql`select count(*)::int as n from message_attempts where outcome = 'interrupted'`,
      ),
    )[0]!.n;
    // Each kill caught some messages between hand-over and record; they were sent again with the same key.
    expect(interrupted).toBeGreaterThan(0);
    console.info(
      `crash test: ${kills} kills, ${resent} duplicate posts deduplicated, ${interrupted} interrupted attempts`,
    );
  }, 480_000);
});
