/**
 * Intake throughput against the database's own limit (issue 23). In one run on one machine:
 *   - the PostgreSQL limit, by pgbench on the same server Kefu uses: one intake's rows written as one
 *     statement (bench/intake-limit/one-statement.sql) and a durable 1-row insert (one-row.sql);
 *   - Kefu's ticket create over HTTP on PostgreSQL and on PGlite at 1, 4 and 16 clients;
 *   - runs alternate (limit, Kefu, limit, Kefu …) so a noisy minute hurts both, and the medians of
 *     BENCH_INTAKE_RUNS (3) are compared. Figures go to bench/results/intake.json.
 * Needs BENCH_DATABASE_URL (a server where we may create and drop databases) and pgbench (found
 * beside PostgreSQL's binaries, or PGBENCH). BENCH_INTAKE_SECONDS (15) per run; BENCH_INTAKE_CLIENTS
 * ("1 4 16"); BENCH_SKIP_PGLITE=1 leaves the embedded database out.
 * Then the scheduler's first pass after a long downtime: BENCH_INTAKE_BACKLOG (31,000) running
 * targets are moved a day into the past with the server stopped, and 16 clients create while the
 * restarted server marks them breached (0 skips it).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { DEMO_PASSWORD } from '../src/server/demo/demo-company';
import { dropTestDatabase } from '../src/server/test/test-database-paths';
import { Client, createTicketsFor, pct, startServer, stopServer, withDatabase } from './tickets.bench';

const here = path.dirname(fileURLToPath(import.meta.url));
const execFileAsync = promisify(execFile);
const SECONDS = Number(process.env.BENCH_INTAKE_SECONDS ?? 15);
const RUNS = Number(process.env.BENCH_INTAKE_RUNS ?? 3);
const CLIENT_COUNTS = (process.env.BENCH_INTAKE_CLIENTS ?? '1 4 16').split(/\s+/).filter(Boolean).map(Number);
const ADMIN_PASSWORD = 'Bench#2026x';
const BACKLOG = Number(process.env.BENCH_INTAKE_BACKLOG ?? 31_000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Rate {
  perSecond: number;
  p50: number;
  p99: number;
  /** Milliseconds of CPU per create: Kefu's process, its database backends, the bench's clients. */
  cpuPerCreate?: { server: number; database: number; clients: number };
}

/** CPU ticks (1/100 s) a process has used, from Linux's /proc; 0 once it is gone. */
function cpuTicksOf(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** The backends of one database on this machine's PostgreSQL, with the CPU ticks each has used. */
function backendTicks(database: string): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (title.startsWith('postgres: ') && title.includes(` ${database} `))
        ticks.set(Number(entry), cpuTicksOf(Number(entry)));
    } catch {
      // exited meanwhile
    }
  }
  return ticks;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function pgbenchBinary(): string | null {
  if (process.env.PGBENCH) return process.env.PGBENCH;
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  for (const v of fs.readdirSync(root).sort().reverse()) {
    const bin = path.join(root, v, 'bin', 'pgbench');
    if (fs.existsSync(bin)) return bin;
  }
  return null;
}

/** One pgbench run of `script` at `clients`: committed transactions per second and latency. */
async function pgbench(bin: string, dbUrl: string, script: string, clients: number): Promise<Rate> {
  const u = new URL(dbUrl);
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-pgbench-'));
  try {
    const { stdout } = await execFileAsync(
      bin,
      [
        '-n',
        '-M',
        'prepared',
        '-c',
        String(clients),
        '-j',
        String(Math.min(clients, 2)),
        '-T',
        String(SECONDS),
      ]
        .concat([
          '-l',
          '--log-prefix',
          path.join(logDir, 'tx'),
          '-f',
          path.join(here, 'intake-limit', script),
        ])
        .concat([u.pathname.slice(1)]),
      {
        env: {
          ...process.env,
          PGHOST: u.hostname,
          PGPORT: u.port || '5432',
          PGUSER: decodeURIComponent(u.username),
          PGPASSWORD: decodeURIComponent(u.password),
        },
        timeout: (SECONDS + 60) * 1000,
      },
    );
    const tps = Number(/^tps = ([0-9.]+)/m.exec(stdout)?.[1] ?? NaN);
    // Per-transaction log: client, tx no, latency in µs, …
    const latencies: number[] = [];
    for (const f of fs.readdirSync(logDir))
      for (const line of fs.readFileSync(path.join(logDir, f), 'utf8').split('\n')) {
        const us = Number(line.split(' ')[2]);
        if (Number.isFinite(us)) latencies.push(us / 1000);
      }
    latencies.sort((a, b) => a - b);
    return { perSecond: tps, p50: pct(latencies, 50), p99: pct(latencies, 99) };
  } finally {
    fs.rmSync(logDir, { recursive: true, force: true });
  }
}

/** `clients` logged-in agents create tickets for SECONDS: created per second and latency of the 201s. */
async function kefuCreates(
  store: string,
  clients: Client[],
  measured?: { serverPid: number; database: string },
): Promise<Rate> {
  // Where the CPU of a create goes, when the server and PostgreSQL run on this machine (Linux).
  const counting = measured && fs.existsSync('/proc/self/stat');
  const server0 = counting ? cpuTicksOf(measured.serverPid) : 0;
  const backends0 = counting ? backendTicks(measured.database) : new Map<number, number>();
  const clients0 = process.cpuUsage();
  const { times, seconds } = await createTicketsFor(clients, store, SECONDS);
  const rate: Rate = { perSecond: times.length / seconds, p50: pct(times, 50), p99: pct(times, 99) };
  if (counting && times.length > 0) {
    const clientsUsed = process.cpuUsage(clients0);
    let database = 0;
    for (const [pid, ticks] of backendTicks(measured.database)) database += ticks - (backends0.get(pid) ?? 0);
    rate.cpuPerCreate = {
      server: ((cpuTicksOf(measured.serverPid) - server0) * 10) / times.length,
      database: (database * 10) / times.length,
      clients: (clientsUsed.user + clientsUsed.system) / 1000 / times.length,
    };
  }
  return rate;
}

type KefuServer = Awaited<ReturnType<typeof kefuServer>>;

async function kefuServer(env: Record<string, string>, port: number) {
  const server = await startServer({ KEFU_ADMIN_PASSWORD: ADMIN_PASSWORD, ...env }, port);
  const base = `http://127.0.0.1:${port}`;
  const admin = await Client.login(base, 'admin', ADMIN_PASSWORD);
  const body = (await admin.send('GET', '/api/v1/units')).json<
    { items?: { id: string; code: string | null }[] } | { id: string; code: string | null }[]
  >();
  const store = (Array.isArray(body) ? body : (body.items ?? [])).find((u) => u.code === 'SH-XH')?.id;
  if (!store) throw new Error('store SH-XH not found');
  const max = Math.max(...CLIENT_COUNTS);
  const agents = await Promise.all(
    Array.from({ length: max }, () => Client.login(base, 'sh.agent', DEMO_PASSWORD)),
  );
  return { server, base, store, agents, env, port };
}

interface DowntimeFigures {
  overdueTargets: number;
  readySeconds: number;
  during: Rate;
  stillRunningAfterWindow: number;
  passSeconds: number | null;
}

/**
 * Issue 23: the scheduler's first pass after a long downtime must not starve intake. With the server
 * stopped, BACKLOG running targets of the tickets created so far are moved into the past, as if it
 * had been down for a day; it is started again and 16 clients create at once, while the scheduler
 * marks those targets breached. Returns the restarted server.
 */
async function afterDowntime(
  kefu: KefuServer,
  dbUrl: string,
): Promise<{ kefu: KefuServer; figures: DowntimeFigures }> {
  await stopServer(kefu.server);
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  try {
    const moved = await db.query<{ id: string }>(
      `with picked as (
         select id from sla_targets where state = 'on_track' and due_at is not null order by id limit $1)
       update sla_targets s
          set due_at = now() - interval '1 day' + random() * interval '20 hours',
              at_risk_at = now() - interval '2 days' + random() * interval '20 hours'
         from picked where s.id = picked.id
       returning s.id`,
      [BACKLOG],
    );
    const ids = moved.rows.map((r) => r.id);
    const running = async () =>
      (
        await db.query<{ n: number }>(
          `select count(*)::int as n from sla_targets where id = any($1::uuid[]) and state in ('on_track', 'at_risk')`,
          [ids],
        )
      ).rows[0]!.n;
    const t0 = performance.now();
    const next = await kefuServer(kefu.env, kefu.port);
    const readySeconds = (performance.now() - t0) / 1000;
    let passSeconds: number | null = null;
    let polling = true;
    const poller = (async () => {
      while (polling && passSeconds === null) {
        if ((await running()) === 0) passSeconds = (performance.now() - t0) / 1000;
        else await sleep(500);
      }
    })();
    const during = await kefuCreates(next.store, next.agents.slice(0, 16), {
      serverPid: next.server.pid!,
      database: new URL(dbUrl).pathname.slice(1),
    });
    const stillRunningAfterWindow = await running();
    const deadline = performance.now() + 300_000;
    while (passSeconds === null && performance.now() < deadline) await sleep(1000);
    polling = false;
    await poller;
    return {
      kefu: next,
      figures: { overdueTargets: ids.length, readySeconds, during, stillRunningAfterWindow, passSeconds },
    };
  } finally {
    await db.end();
  }
}

const line = (label: string, r: Rate) =>
  `${label.padEnd(34)} ${r.perSecond.toFixed(0).padStart(6)}/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms` +
  (r.cpuPerCreate
    ? `  CPU/create: server ${r.cpuPerCreate.server.toFixed(2)} ms, PostgreSQL ${r.cpuPerCreate.database.toFixed(2)} ms, clients ${r.cpuPerCreate.clients.toFixed(2)} ms`
    : '');

export async function run(): Promise<string[]> {
  const out: string[] = [];
  const url = process.env.BENCH_DATABASE_URL;
  const bin = pgbenchBinary();
  if (!url || !bin) {
    out.push('intake: skipped (needs BENCH_DATABASE_URL and pgbench)');
    return out;
  }
  const suffix = randomBytes(4).toString('hex');
  const limitDb = `kefu_intake_limit_${suffix}`;
  const kefuDb = `kefu_intake_${suffix}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${limitDb}`);
  await admin.query(`create database ${kefuDb}`);
  const limit = new pg.Client({ connectionString: withDatabase(url, limitDb) });
  await limit.connect();
  await limit.query(fs.readFileSync(path.join(here, 'intake-limit', 'schema.sql'), 'utf8'));
  const figures: Record<string, Record<number, Rate[]>> = {
    oneStatement: {},
    oneRow: {},
    postgres: {},
    pglite: {},
  };
  const add = (key: string, clients: number, r: Rate) => ((figures[key]![clients] ??= []).push(r), r);
  let kefu: KefuServer | null = null;
  let downtime: DowntimeFigures | null = null;
  try {
    kefu = await kefuServer({ DATABASE_URL: withDatabase(url, kefuDb), KEFU_DATA_DIR: os.tmpdir() }, 3941);
    for (const clients of CLIENT_COUNTS) {
      for (let r = 1; r <= RUNS; r++) {
        await limit.query('truncate l_tickets, l_targets, l_events, l_audit, l_keys, limit_tickets');
        out.push(
          line(
            `limit 1-statement intake c=${clients} #${r}`,
            add(
              'oneStatement',
              clients,
              await pgbench(bin, withDatabase(url, limitDb), 'one-statement.sql', clients),
            ),
          ),
        );
        out.push(
          line(
            `limit 1-row insert       c=${clients} #${r}`,
            add('oneRow', clients, await pgbench(bin, withDatabase(url, limitDb), 'one-row.sql', clients)),
          ),
        );
        out.push(
          line(
            `Kefu create (PostgreSQL) c=${clients} #${r}`,
            add(
              'postgres',
              clients,
              await kefuCreates(kefu.store, kefu.agents.slice(0, clients), {
                serverPid: kefu.server.pid!,
                database: kefuDb,
              }),
            ),
          ),
        );
      }
    }
    if (BACKLOG > 0) {
      const after = await afterDowntime(kefu, withDatabase(url, kefuDb));
      kefu = after.kefu;
      downtime = after.figures;
    }
  } finally {
    if (kefu) await stopServer(kefu.server);
    await limit.end();
    await admin.end();
    await dropTestDatabase(url, limitDb);
    await dropTestDatabase(url, kefuDb);
  }
  if (process.env.BENCH_SKIP_PGLITE !== '1') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-intake-'));
    try {
      const embedded = await kefuServer({ KEFU_DATA_DIR: dir }, 3942);
      try {
        for (const clients of CLIENT_COUNTS)
          out.push(
            line(
              `Kefu create (PGlite)     c=${clients}`,
              add('pglite', clients, await kefuCreates(embedded.store, embedded.agents.slice(0, clients))),
            ),
          );
      } finally {
        await stopServer(embedded.server);
      }
    } catch (e) {
      // The PostgreSQL figures above still stand.
      out.push(`Kefu create (PGlite): not measured — ${(e as Error).message}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const summary: Record<string, unknown>[] = [];
  out.push(
    `medians of ${RUNS} alternating runs of ${SECONDS} s; load average at the end ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  for (const clients of CLIENT_COUNTS) {
    const m = (key: string) => median((figures[key]![clients] ?? []).map((r) => r.perSecond));
    const p99 = median((figures.postgres![clients] ?? []).map((r) => r.p99));
    const row = {
      clients,
      oneStatementLimit: m('oneStatement'),
      oneRowLimit: m('oneRow'),
      kefuPostgres: m('postgres'),
      kefuPostgresP99: p99,
      kefuPglite: m('pglite'),
      shareOfIntakeLimit: m('postgres') / m('oneStatement'),
      shareOfOneRowLimit: m('postgres') / m('oneRow'),
    };
    summary.push(row);
    out.push(
      `c=${String(clients).padEnd(3)} Kefu ${row.kefuPostgres.toFixed(0)}/s (p99 ${p99.toFixed(1)} ms) = ${(100 * row.shareOfIntakeLimit).toFixed(0)} % of the 1-statement intake limit ${row.oneStatementLimit.toFixed(0)}/s, ${(100 * row.shareOfOneRowLimit).toFixed(0)} % of the 1-row limit ${row.oneRowLimit.toFixed(0)}/s; PGlite ${Number.isNaN(row.kefuPglite) ? '—' : `${row.kefuPglite.toFixed(0)}/s`}` +
        (clients === 16 ? `  (targets ≥ 50 % and ≥ 15 %, p99 < 50 ms)` : ''),
    );
  }
  if (downtime) {
    const before = median((figures.postgres![16] ?? []).map((r) => r.perSecond));
    out.push(
      `after downtime: ${downtime.overdueTargets} targets overdue; ready in ${downtime.readySeconds.toFixed(1)} s; ` +
        `${line('Kefu create c=16 during the first pass', downtime.during).trim()}` +
        (Number.isNaN(before)
          ? ''
          : ` (${((100 * downtime.during.perSecond) / before).toFixed(0)} % of c=16 above)`) +
        `; ${downtime.stillRunningAfterWindow} still running after ${SECONDS} s; ` +
        (downtime.passSeconds === null
          ? 'pass not finished within 5 min'
          : `all breached ${downtime.passSeconds.toFixed(1)} s after the restart`),
    );
  }
  fs.mkdirSync(path.join(here, 'results'), { recursive: true });
  fs.writeFileSync(
    path.join(here, 'results', 'intake.json'),
    `${JSON.stringify({ at: new Date().toISOString(), seconds: SECONDS, runs: RUNS, loadAverage: os.loadavg(), summary, figures, afterDowntime: downtime }, null, 2)}\n`,
  );
  return out;
}
