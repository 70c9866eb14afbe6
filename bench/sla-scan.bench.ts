/**
 * The scheduler's at-risk / breached scan over 1,000,000 open SLA targets on PostgreSQL
 * (target < 1 s per scan). Needs BENCH_DATABASE_URL (a server where we may create a database);
 * without it the bench prints a skip line.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openPostgres } from '../src/server/app/db';
import { migrate } from '../src/server/app/migrate';
import { dueTargetsQuery } from '../src/server/modules/sla/sla.service';
import { dropTestDatabase } from '../src/server/test/test-database-paths';

const N = 1_000_000;

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Bench entry point used by bench/run.ts. */
export async function run(): Promise<string[]> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) return ['sla-scan: skipped (set BENCH_DATABASE_URL to a PostgreSQL server to run it)'];
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
      sql`insert into organisation_units (id, kind, name, path) values (${unitId}, 'headquarters', 'bench', array[${unitId}]::uuid[])`,
    );
    const now = new Date('2026-03-02T02:00:00Z');
    let t = performance.now();
    // 999,000 targets due over the next 60 days, and 1,000 (0.1 %) whose at-risk instant has passed.
    await db.execute(sql`
      insert into sla_targets (subject_type, subject_id, key, position, unit_id, ticket_type, definition,
        intake_at, started_at, at_risk_at, due_at, second_breach_at, state, created_at)
      select 'bench', g::text, 'first_response', 0, ${unitId}::uuid, 'soft_complaint', '{}'::jsonb,
        ts - interval '1 hour', ts - interval '1 hour', ts - interval '10 minutes', ts, ts + interval '1 hour',
        'on_track', ${now}
      from (
        select g, case when g % 1000 = 0 then ${now}::timestamptz - interval '5 minutes'
                       else ${now}::timestamptz + (((g::bigint * 7919) % 86400) || ' minutes')::interval end as ts
        from generate_series(1, ${N}) g
      ) s`);
    await db.execute(sql`analyze sla_targets`);
    out.push(`insert ${N.toLocaleString('en-US')} targets: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const times: number[] = [];
    let found = 0;
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      const res = await db.execute(dueTargetsQuery(now, 1000, false));
      times.push(performance.now() - t);
      found = (res as unknown as { rows: unknown[] }).rows.length;
    }
    const best = Math.min(...times);
    const plan = (await db.execute(sql`explain ${dueTargetsQuery(now, 1000, false)}`)) as unknown as {
      rows: { 'QUERY PLAN': string }[];
    };
    const usesIndex = plan.rows.some((r) => /Index/.test(r['QUERY PLAN']));
    out.push(
      `scan (at-risk/breached, limit 1000) found ${found}: best ${best.toFixed(1)} ms, median ${[...times].sort((a, b) => a - b)[2]!.toFixed(1)} ms` +
        `  (target < 1000 ms${best < 1000 ? '' : ' — MISSED'}; ${usesIndex ? 'index scan' : 'NO INDEX USED'})`,
    );
  } finally {
    await database.close();
    await admin.end();
    // A failed drop (autovacuum still on it) is warned about, never allowed to swallow the figures.
    await dropTestDatabase(url, name);
  }
  return out;
}
