/**
 * The nightly care date-rule run (CARE-1) over a unit's whole customer base with assets, on
 * PostgreSQL (issue 6 target: 1,000,000 customers < 60 s), and its re-run (0 new tasks). Needs
 * BENCH_DATABASE_URL; BENCH_CARE_CUSTOMERS sets the size (default 1,000,000).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { sql } from 'drizzle-orm';
import type { Deps } from '../src/server/app/context';
import { openPostgres } from '../src/server/app/db';
import { migrate } from '../src/server/app/migrate';
import { runCareDay } from '../src/server/modules/care/care.service';
import { dropTestDatabase } from '../src/server/test/test-database-paths';

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Bench entry point used by bench/run.ts. */
export async function run(): Promise<string[]> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) return ['care-daily: skipped (set BENCH_DATABASE_URL to a PostgreSQL server to run it)'];
  const n = Number(process.env.BENCH_CARE_CUSTOMERS ?? 1_000_000);
  const name = `kefu_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const out: string[] = [];
  const database = await openPostgres({ url: withDatabase(url, name), poolSize: 2 });
  try {
    await migrate(database);
    const { db } = database;
    const unitId = crypto.randomUUID();
    await db.execute(
      sql`insert into organisation_units (id, kind, name, path) values (${unitId}, 'store', 'bench', array[${unitId}]::uuid[])`,
    );
    const now = new Date('2026-03-10T16:30:00Z'); // 00:30 on 11 March in Shanghai: an ordinary day
    let t = performance.now();
    // Birthdays spread over the year, a vehicle or product per customer with a purchase date and a
    // service interval, and a last visit for half of them.
    await db.execute(sql`
      insert into customers (unit_id, name, birthday, created_at, updated_at)
      select ${unitId}::uuid, 'c' || g, date '1980-01-01' + (g % 365), ${now}, ${now}
      from generate_series(1, ${n}) g`);
    await db.execute(sql`
      insert into assets (customer_id, kind, name, purchase_date, service_interval_days)
      select id, case when row_number() over () % 2 = 0 then 'vehicle' else 'product' end, 'a',
             date '2024-01-01' + ((row_number() over ()) % 800)::int, 90 + ((row_number() over ()) % 3) * 30
      from customers`);
    await db.execute(sql`
      insert into care_visits (customer_id, last_visit_date, updated_at)
      select id, date '2025-06-01' + (abs(hashtext(id::text)) % 300), ${now} from customers
      where abs(hashtext(id::text)) % 2 = 0`);
    await db.execute(sql`analyze`);
    out.push(
      `insert ${n.toLocaleString('en-US')} customers with assets: ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    const deps = {
      database,
      db,
      clock: { now: () => now },
      logger: pino({ level: 'silent' }),
    } as unknown as Deps;
    t = performance.now();
    const first = await runCareDay(deps, unitId, '2026-03-11');
    const firstS = (performance.now() - t) / 1000;
    out.push(
      `daily run: ${first.created.toLocaleString('en-US')} tasks in ${firstS.toFixed(1)} s (target < 60 s${firstS < 60 ? '' : ' — MISSED'})`,
    );
    t = performance.now();
    const again = await runCareDay(deps, unitId, '2026-03-11');
    out.push(
      `re-run of the same day: ${again.created} new tasks in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
  } finally {
    await database.close();
    await admin.end();
    // A failed drop (autovacuum still on it) is warned about, never allowed to swallow the figures.
    await dropTestDatabase(url, name);
  }
  return out;
}
