import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../app/context';
import { openPostgres, rowsOf, type Database } from '../../app/db';
import { createTestKefu, type TestKefu } from '../../test/test-app';
import { buildOrganisation } from '../../test/factories';
import { testDatabaseUrl, testingOnPostgres, withDatabase } from '../../test/test-database-paths';
import { deliverDueMessages, deliveryKeyOf } from './messages.delivery';
import { webhookProvider } from './messages.providers';
import { enqueueMessage } from './messages.service';
import { startWebhookReceiver } from './messages.test-servers';

/**
 * Issue 13, defect 2: two instances deliver one outbox through a gateway that does not
 * deduplicate. A slow gateway (a second per message) must not make a lease lapse under a message
 * its worker is still going to send, and a gateway failing at random must see each message
 * accepted once. Leases are shortened to seconds so the test stays short; the clock runs (a
 * lease only lapses when time passes), from a morning so SMS retries are inside contact hours.
 */
const SECRET = 'instances-test-secret-0123456789';
const MESSAGES = 24;

describe('outbox delivery by two instances (CARE-2 messages, decision 0004)', () => {
  let kefu: TestKefu;
  let second: Database | null = null;
  let unitId: string;
  let one: Deps;
  let two: Deps;
  beforeAll(async () => {
    kefu = await createTestKefu();
    unitId = (await buildOrganisation(await kefu.login('admin'))).storeA.id;
    const startedAt = Date.now();
    const morning = new Date('2026-03-02T01:00:00Z').getTime();
    const clock = { now: () => new Date(morning + (Date.now() - startedAt)) };
    one = { ...kefu.deps, clock };
    if (testingOnPostgres()) {
      // A second instance has a pool of its own on the same database.
      const [{ name }] = rowsOf<{ name: string }>(
        await kefu.deps.db.execute(sql`select current_database() as name`),
      ) as [{ name: string }];
      second = await openPostgres({ url: withDatabase(testDatabaseUrl()!, name), poolSize: 4 });
      two = { ...one, database: second, db: second.db };
    } else {
      // One process holds the embedded database: the second instance is a second worker in it.
      two = one;
    }
  });
  afterAll(async () => {
    await second?.close();
    await kefu.close();
  });

  let batch = 0;
  const enqueueMany = async () => {
    batch++;
    const ids: string[] = [];
    await kefu.deps.db.transaction(async (tx) => {
      for (let i = 0; i < MESSAGES; i++) {
        const { id } = await enqueueMessage(one, tx, {
          unitId,
          customerId: null,
          channel: 'sms',
          to: `1380013${String(i).padStart(4, '0')}`,
          body: `回访短信 ${batch}-${i}`,
          purpose: 'service',
          idempotencyKey: `instances:${batch}:${i}`,
        });
        ids.push(id);
      }
    });
    return ids;
  };

  /** Both instances deliver until nothing is left to send or the time is up. */
  const deliverWithBoth = async (url: string, callTimeoutMs: number, leaseMs: number) => {
    const providers = {
      sms: webhookProvider({ url, secret: SECRET, timeoutMs: callTimeoutMs }),
      email: webhookProvider({ url, secret: SECRET, timeoutMs: callTimeoutMs }),
    };
    const until = Date.now() + 60_000;
    const open = async () =>
      rowsOf<{ n: number }>(
        await kefu.deps.db.execute(
          sql`select count(*)::int as n from outbox_messages where state in ('queued', 'sending')`,
        ),
      )[0]!.n;
    const worker = async (deps: Deps) => {
      while (Date.now() < until && (await open()) > 0) {
        const r = await deliverDueMessages(deps, {
          providers,
          leaseMs,
          callTimeoutMs,
          concurrency: 4,
          retryDelay: () => 100,
          maxRounds: 1,
        });
        if (r.claimed === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    await Promise.all([worker(one), worker(two)]);
  };

  const states = async (ids: string[]) =>
    rowsOf<{ id: string; state: string }>(
      await kefu.deps.db.execute(
        sql`select id, state from outbox_messages where id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
      ),
    );

  it('a slow gateway (1 s per message) receives each message once from two instances', async () => {
    const gateway = await startWebhookReceiver(SECRET, { delayMs: 1000 });
    try {
      const ids = await enqueueMany();
      // Before the fix one claim took 200 messages and sent 8 at a time: the lease lapsed and
      // the other instance sent them again.
      await deliverWithBoth(gateway.url, 2500, 6000);
      expect((await states(ids)).every((m) => m.state === 'sent')).toBe(true);
      expect(gateway.delivered.size).toBe(MESSAGES);
      expect(gateway.posts).toHaveLength(MESSAGES);
      for (const id of ids) expect(gateway.delivered.has(deliveryKeyOf(id))).toBe(true);
    } finally {
      await gateway.close();
    }
  }, 90_000);

  it('a gateway failing at random (30 %) accepts each message once; failures are retried with the same key', async () => {
    const gateway = await startWebhookReceiver(SECRET, { failRate: 0.3, delayMs: 20 });
    try {
      const ids = await enqueueMany();
      await deliverWithBoth(gateway.url, 2000, 4000);
      const rows = await states(ids);
      const sent = rows.filter((m) => m.state === 'sent');
      // Six failures in a row (0.3^6 per message) give up for good; everything else is sent.
      expect(rows.every((m) => m.state === 'sent' || m.state === 'failed')).toBe(true);
      expect(sent.length).toBeGreaterThanOrEqual(MESSAGES - 2);
      expect(gateway.delivered.size).toBe(sent.length);
      expect(gateway.posts).toHaveLength(sent.length);
      const retried = rowsOf<{ n: number }>(
        await kefu.deps.db.execute(
          sql`select count(*)::int as n from message_attempts where outcome = 'failed'`,
        ),
      )[0]!.n;
      expect(retried).toBeGreaterThan(0);
    } finally {
      await gateway.close();
    }
  }, 90_000);
});
