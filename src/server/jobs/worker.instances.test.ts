/**
 * Jobs exactly once across instances: three schedulers on one PostgreSQL database, one of them
 * stopped dead (its connections cut, its pool closed) at a random moment of each due instant and
 * replaced by a fresh one; every job of every due instant must have run exactly once. PostgreSQL
 * only: the embedded database is one process by construction.
 */
import pino from 'pino';
import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../app/boot';
import { createTestClock } from '../app/clock';
import { loadConfig } from '../app/config';
import type { Deps } from '../app/context';
import { openPostgres, rowsOf, type Database } from '../app/db';
import { createTestPostgresDatabase, TEST_ADMIN_PASSWORD } from '../test/test-app';
import { testingOnPostgres } from '../test/test-database-paths';
import { enqueueJobs, JOB_LEASE_MS } from './jobs.repository';
import type { JobDefinition } from './jobs.types';
import { runWorkerOnce } from './worker';

const KEYS = 20;
const INSTANTS = 3;

interface Instance {
  name: string;
  database: Database;
  deps: Deps;
  dead: boolean;
}

describe.runIf(testingOnPostgres())('scheduler across three instances', () => {
  let url: string;
  let drop: () => Promise<void>;
  const clock = createTestClock();
  const instances: Instance[] = [];
  const all: Instance[] = [];
  let started = 0;
  let serial = 0;

  /** A job kind whose run leaves one ledger row per job in the job's own transaction. */
  const ledgerJob = (instance: () => Instance): JobDefinition<unknown> => ({
    kind: 'test.ledger',
    payload: z.object({ key: z.number() }),
    async handle(_deps, tx, jobs) {
      const me = instance();
      started += jobs.length;
      for (const j of jobs) {
        await tx.execute(sql`insert into test_ledger (job_id, instance) values (${j.id}, ${me.name})`);
        // Long enough for another instance to be stopped in the middle of it.
        await new Promise((r) => setTimeout(r, Math.random() * 8));
      }
      // A process that died commits nothing more.
      if (me.dead) throw new Error(`${me.name} is dead`);
    },
  });

  const startInstance = async (): Promise<Instance> => {
    serial += 1;
    const name = `kefu_i${serial}`;
    const u = new URL(url);
    u.searchParams.set('application_name', name);
    const database = await openPostgres({ url: u.toString(), poolSize: 3, onIdleError: () => {} });
    const config = loadConfig({ KEFU_LOG_LEVEL: 'silent', KEFU_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD });
    const { deps } = await prepareDatabase(database, config, pino({ level: 'silent' }), clock);
    const instance: Instance = { name, database, deps, dead: false };
    instances.push(instance);
    all.push(instance);
    return instance;
  };

  /** Stops an instance as a crash would: its transactions are cut and it never writes again. */
  const kill = async (victim: Instance) => {
    victim.dead = true;
    instances.splice(instances.indexOf(victim), 1);
    void victim.database.close().catch(() => {});
    await instances[0]!.deps.db.execute(
      sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${victim.name}`,
    );
  };

  const workerPass = async (instance: Instance) => {
    for (let i = 0; i < 5 && !instance.dead; i++) {
      try {
        await runWorkerOnce(instance.deps, {
          batchSize: 4,
          extraDefinitions: { 'test.ledger': ledgerJob(() => instance) },
        });
      } catch {
        // A dead instance's pass fails; a live one's pass is repeated.
      }
    }
  };

  beforeAll(async () => {
    ({ url, drop } = await createTestPostgresDatabase());
    for (let i = 0; i < 3; i++) await startInstance();
    await instances[0]!.deps.db.execute(
      sql`create table test_ledger (job_id text not null, instance text not null)`,
    );
  });
  afterAll(async () => {
    for (const i of all) if (!i.dead) await i.database.close();
    await drop();
  });

  it('every job of every due instant runs exactly once while instances are stopped at random', async () => {
    const start = clock.now();
    const instantOf = (n: number) => new Date(start.getTime() + n * 60_000);
    await enqueueJobs(
      instances[0]!.deps.db,
      start,
      Array.from({ length: INSTANTS }, (_, n) =>
        Array.from({ length: KEYS }, (_, key) => ({
          id: `ledger:${key}:${instantOf(n).toISOString()}`,
          kind: 'test.ledger',
          payload: { key },
          runAt: instantOf(n),
        })),
      ).flat(),
    );
    let kills = 0;
    for (let n = 0; n < INSTANTS; n++) {
      clock.set(instantOf(n));
      const victim = instances[Math.floor(Math.random() * instances.length)]!;
      const passes = instances.map((i) => workerPass(i));
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 40));
      await kill(victim);
      kills += 1;
      await Promise.all(passes);
      await startInstance();
    }
    // Jobs the dead held are taken over once their lease has lapsed.
    clock.advanceBy(JOB_LEASE_MS + 1000);
    await Promise.all(instances.map((i) => workerPass(i)));

    const ledger = rowsOf<{ job_id: string; runs: number }>(
      await instances[0]!.deps.db.execute(
        sql`select job_id, count(*)::int as runs from test_ledger group by job_id`,
      ),
    );
    expect(ledger).toHaveLength(KEYS * INSTANTS);
    expect(ledger.filter((r) => r.runs !== 1)).toEqual([]);
    const states = rowsOf<{ state: string; n: number }>(
      await instances[0]!.deps.db.execute(
        sql`select state, count(*)::int as n from jobs where kind = 'test.ledger' group by state`,
      ),
    );
    expect(states).toEqual([{ state: 'done', n: KEYS * INSTANTS }]);
    // The stops did cut work in the middle: more runs were started than committed.
    expect(kills).toBe(INSTANTS);
    expect(started).toBeGreaterThanOrEqual(KEYS * INSTANTS);
    // Every instance that lived through a due instant took part.
    const byInstance = rowsOf<{ instance: string }>(
      await instances[0]!.deps.db.execute(sql`select distinct instance from test_ledger`),
    );
    expect(byInstance.length).toBeGreaterThan(1);
  });
});
