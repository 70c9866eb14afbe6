import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite, openPostgres, rowsOf } from './db';
import {
  createStore,
  intakeLoad,
  loginProcess,
  startServerProcess,
  waitReady as waitServerReady,
} from '../test/process-server';
import {
  dropTestDatabase,
  testDatabaseUrl,
  testingOnPostgres,
  withDatabase,
} from '../test/test-database-paths';

/**
 * The real process, as `npm start` runs it: start-up, a second process on the same data
 * directory, SIGKILL in the middle of work, graceful SIGTERM, bad configuration.
 */
const root = path.resolve(import.meta.dirname, '../../..');
const ADMIN_PASSWORD = 'Admin#2026proc';
const children: ChildProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];

/** A server of this file's own, started through the shared helper (killed by it too). */
const startServer = (env: Record<string, string>) => {
  const s = startServerProcess({ KEFU_ADMIN_PASSWORD: ADMIN_PASSWORD, ...env });
  children.push(s.child);
  return s;
};

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const clean of cleanups) await clean();
});

let nextPort = 3400 + Math.floor(Math.random() * 400);

interface Started {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Started {
  const port = nextPort++;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      KEFU_ADMIN_PASSWORD: ADMIN_PASSWORD,
      KEFU_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, port, output: () => out, exited };
}

async function waitReady(s: Started, timeoutMs = 150_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (s.child.exitCode !== null) throw new Error(`exited early: ${s.output()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${s.port}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`not ready in time: ${s.output()}`);
}

/** The database settings for one spawned server: its own PGlite directory, or its own PostgreSQL database. */
async function databaseEnv(): Promise<Record<string, string>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-proc-'));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  if (!testingOnPostgres()) return { KEFU_DATA_DIR: dir };
  const url = testDatabaseUrl()!;
  const name = `kefu_proc_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  cleanups.push(() => dropTestDatabase(url, name));
  return { KEFU_DATA_DIR: dir, DATABASE_URL: withDatabase(url, name) };
}

// Each test starts real processes (a first start creates the embedded database), so they get
// generous time: a busy 2-core machine can take tens of seconds.
describe('the server process', { timeout: 240_000 }, () => {
  it('loses no acknowledged ticket when killed with SIGKILL under intake load, twice, and started again', async () => {
    const env = await databaseEnv();
    const acknowledged = new Map<string, string>();
    let unitId: string | null = null;
    for (let round = 0; round < 2; round++) {
      const server = startServer(env);
      await waitServerReady(server);
      const client = await loginProcess(server.base, 'admin', ADMIN_PASSWORD);
      unitId ??= await createStore(client, '断电测试店');
      const load = intakeLoad(client, unitId, `kill${round}`);
      // Kill once some tickets are acknowledged, with sixteen requests in flight.
      const until = Date.now() + 60_000;
      while (load.acknowledged.size < 30 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      server.child.kill('SIGKILL');
      await server.exited;
      await load.stop();
      for (const [key, id] of load.acknowledged) acknowledged.set(key, id);
    }
    expect(acknowledged.size).toBeGreaterThanOrEqual(60);

    const last = startServer(env);
    await waitServerReady(last);
    last.child.kill('SIGTERM');
    expect(await last.exited).toBe(0);
    const database = env.DATABASE_URL
      ? await openPostgres({ url: env.DATABASE_URL, poolSize: 1 })
      : await openPglite({ dataDir: env.KEFU_DATA_DIR! });
    try {
      const ids = [...acknowledged.values()];
      const rows = rowsOf<{ n: number }>(
        await database.db.execute(
          sql`select count(*)::int as n from tickets where id in (${sql.join(
            ids.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`,
        ),
      );
      expect(rows[0]!.n).toBe(ids.length);
    } finally {
      await database.close();
    }
  });

  it('SIGTERM under intake load: requests in flight finish, new ones get 503 server.shutting_down, no connection is reset', async () => {
    const env = await databaseEnv();
    const server = startServer(env);
    await waitServerReady(server);
    const client = await loginProcess(server.base, 'admin', ADMIN_PASSWORD);
    const unitId = await createStore(client, '停机测试店');
    const load = intakeLoad(client, unitId, 'term', 16);
    const until = Date.now() + 60_000;
    while (load.acknowledged.size < 30 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    await load.stop();
    // Refused connections come only after the server stopped listening. A client that retries on
    // its kept-alive connection at the very moment the server closes it after its 503 can see one
    // reset (a request sent after shutdown began, not one in flight): at most one per client, and
    // every acknowledged ticket is checked below.
    const answers = [...load.statuses.keys()];
    expect(
      answers.every((a) =>
        ['ok', '503 server.shutting_down', 'network ECONNREFUSED', 'network ECONNRESET'].includes(a),
      ),
      answers.join(),
    ).toBe(true);
    expect(load.statuses.get('network ECONNRESET') ?? 0).toBeLessThanOrEqual(16);
    expect(load.statuses.get('503 server.shutting_down') ?? 0).toBeGreaterThan(0);

    const again = startServer(env);
    await waitServerReady(again);
    const after = await loginProcess(again.base, 'admin', ADMIN_PASSWORD);
    for (const id of load.acknowledged.values())
      expect((await after.request('GET', `/api/v1/tickets/${id}`)).status).toBe(200);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  });

  it.skipIf(testingOnPostgres())(
    'refuses to open a PGlite data directory that another process holds',
    async () => {
      const env = await databaseEnv();
      const first = start(env);
      await waitReady(first);
      const second = start(env);
      expect(await second.exited).toBe(1);
      expect(second.output()).toContain('正被另一个 Kefu 进程');
      expect(second.output()).toContain(`pid ${first.child.pid}`);
      expect((await fetch(`http://127.0.0.1:${first.port}/readyz`)).status).toBe(200);
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
    },
  );

  it('says plainly when the port is taken, and releases the data directory', async () => {
    const first = start(await databaseEnv());
    await waitReady(first);
    const env = await databaseEnv();
    const second = start({ ...env, PORT: String(first.port) });
    // start() chose a fresh port; the override above points the second process at the busy one.
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain('已被占用');
    const third = start(env);
    await waitReady(third);
    for (const s of [first, third]) s.child.kill('SIGTERM');
    expect(await Promise.all([first.exited, third.exited])).toEqual([0, 0]);
  });

  it('npm run migrate applies the migrations and exits', async () => {
    const env = await databaseEnv();
    const migrate = spawn(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts'], {
      cwd: root,
      env: { ...process.env, KEFU_LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    migrate.stdout.on('data', (d) => (out += d));
    const code = await new Promise((resolve) => migrate.on('exit', resolve));
    expect(code).toBe(0);
    expect(out).toContain('0000_foundation');
  });

  it('exits 1 with a message naming the variable when the configuration is bad', async () => {
    const bad = start({ KEFU_DATA_DIR: os.tmpdir(), KEFU_SESSION_IDLE_MINUTES: 'forever' });
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toContain('KEFU_SESSION_IDLE_MINUTES');
  });
});
