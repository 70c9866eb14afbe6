import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { sql } from 'drizzle-orm';
import { openPostgres, rowsOf, type Database } from './db';
import { announceChange, liveHubOf, onChange, type LiveEvent } from './live';
import { createTestPostgresDatabase, openTestDatabase } from '../test/test-app';
import { testingOnPostgres } from '../test/test-database-paths';

const logger = pino({ level: 'silent' });
let database: Database;
const depsOf = (d: Database) => ({ database: d, db: d.db, logger });

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

/** Collects what a stream is sent; `next(n)` waits for the n-th event. */
function collector() {
  const got: LiveEvent[] = [];
  let wake: (() => void) | null = null;
  return {
    got,
    send: (e: LiveEvent) => {
      got.push(e);
      wake?.();
    },
    async upTo(n: number, ms = 5_000) {
      const deadline = Date.now() + ms;
      while (got.length < n && Date.now() < deadline)
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, 50);
        });
      return got;
    },
  };
}

describe('live pushes through LISTEN/NOTIFY (decision 0018)', () => {
  it('a push reaches the open streams of its person only, and answers how many are open', async () => {
    const hub = liveHubOf(depsOf(database));
    const mine = collector();
    const theirs = collector();
    const a = await hub.open('t1', 'user-a', null, mine.send);
    const b = await hub.open('t1', 'user-b', null, theirs.send);
    const sent = await hub.publish('t1', 'user-a', 'call', { callId: 'c1' });
    expect(sent.streams).toBe(1);
    expect(await mine.upTo(1)).toEqual([{ id: sent.id, type: 'call', data: { callId: 'c1' } }]);
    expect(theirs.got).toEqual([]);
    await a.close();
    expect((await hub.publish('t1', 'user-a', 'call', { callId: 'c2' })).streams).toBe(0);
    await b.close();
  });

  it('a stream reopened with Last-Event-ID gets what it missed, in order and once', async () => {
    const hub = liveHubOf(depsOf(database));
    const first = collector();
    const s = await hub.open('t2', 'user-a', null, first.send);
    const one = await hub.publish('t2', 'user-a', 'call', { n: 1 });
    await first.upTo(1);
    await s.close();
    // Published while no stream is open (a restart, a dropped connection).
    const two = await hub.publish('t2', 'user-a', 'call', { n: 2 });
    const three = await hub.publish('t2', 'user-a', 'call_state', { n: 3 });
    await hub.publish('t2', 'user-b', 'call', { n: 'not mine' });
    const again = collector();
    const s2 = await hub.open('t2', 'user-a', one.id, again.send);
    const four = await hub.publish('t2', 'user-a', 'call', { n: 4 });
    expect((await again.upTo(3)).map((e) => e.id)).toEqual([two.id, three.id, four.id]);
    expect(again.got.map((e) => e.data)).toEqual([{ n: 2 }, { n: 3 }, { n: 4 }]);
    await new Promise((r) => setTimeout(r, 100));
    expect(again.got).toHaveLength(3);
    await s2.close();
  });

  it('an event too large for a notification travels as its id and is read by the listener', async () => {
    const hub = liveHubOf(depsOf(database));
    const c = collector();
    const s = await hub.open('t3', 'user-a', null, c.send);
    const big = { text: '长'.repeat(5000) };
    const sent = await hub.publish('t3', 'user-a', 'call', big);
    expect(await c.upTo(1)).toEqual([{ id: sent.id, type: 'call', data: big }]);
    await s.close();
  });

  it('a change announced is heard by the announcer before announceChange resolves', async () => {
    let heard = 0;
    onChange(depsOf(database), 'test-kind', () => (heard += 1));
    await announceChange(depsOf(database), 'test-kind');
    expect(heard).toBe(1);
  });
});

describe.runIf(testingOnPostgres())('live pushes across instances on PostgreSQL', () => {
  let url: string;
  let drop: () => Promise<void>;
  const instances: Database[] = [];
  beforeAll(async () => {
    ({ url, drop } = await createTestPostgresDatabase());
    for (let i = 0; i < 2; i++) instances.push(await openPostgres({ url, poolSize: 2 }));
  });
  afterAll(async () => {
    for (const d of instances) await d.close();
    await drop();
  });

  it('a push published on one instance reaches the stream held by another, and is counted there', async () => {
    const [one, two] = instances.map((d) => liveHubOf(depsOf(d)));
    const c = collector();
    const s = await two!.open('x', 'agent', null, c.send);
    const sent = await one!.publish('x', 'agent', 'call', { callId: 'far' });
    expect(sent.streams).toBe(1);
    expect(await c.upTo(1)).toEqual([{ id: sent.id, type: 'call', data: { callId: 'far' } }]);
    await s.close();
  });

  it('a listening connection the server drops comes back and delivers what was published meanwhile', async () => {
    const [one, two] = instances.map((d) => liveHubOf(depsOf(d)));
    const c = collector();
    const s = await two!.open('y', 'agent', null, c.send);
    // Every LISTEN connection of this database is cut (as a server restart or failover would).
    await one!.publish('y', 'agent', 'call', { n: 1 });
    await c.upTo(1);
    await instances[0]!.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and query ilike 'listen%' and pid <> pg_backend_pid()`);
    const missed = await one!.publish('y', 'agent', 'call', { n: 2 });
    expect((await c.upTo(2, 10_000)).map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(c.got[1]!.id).toBe(missed.id);
    const listeners = rowsOf<{ n: number }>(
      await instances[0]!.db.execute(sql`select count(*)::int as n from pg_stat_activity
        where datname = current_database() and query ilike 'listen%'`),
    );
    expect(listeners[0]!.n).toBeGreaterThan(0);
    await s.close();
  });
});
