/**
 * Read replicas (issue 23, DATABASE_READ_URL) on a real streaming replica: the test makes one of the
 * test server with pg_basebackup into a temporary directory, starts it on a port of its own, and
 * runs Kefu with DATABASE_URL on the primary and DATABASE_READ_URL on the replica. The replica's
 * replay is paused so that what the replica serves differs from the primary: a list read that does
 * not show a just-created ticket was served by the replica; the create itself went to the primary.
 * PostgreSQL only; skipped with the reason in its title when pg_basebackup is missing, or when the
 * role of TEST_DATABASE_URL may not replicate (.ci/run grants it; see docs/deploy.md).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation } from '../test/factories';
import { createTestPostgresDatabase, HttpSession, TEST_ADMIN_PASSWORD } from '../test/test-app';
import { testDatabaseUrl, testingOnPostgres } from '../test/test-database-paths';
import { findPostgresBin } from '../test/throwaway-postgres';
import { prepareDatabase } from './boot';
import { loadConfig } from './config';
import { lagTolerantDb, openPostgres, rowsOf, type Database, type Db } from './db';
import { createServer } from './server';
import type { FastifyInstance } from 'fastify';

const OS_USER = 'kefuci';

/** Why the replica cannot be made here, or null when it can. */
function unavailable(): string | null {
  if (!testingOnPostgres()) return 'TEST_DATABASE_URL is not set';
  const bin = findPostgresBin();
  if (!bin || !fs.existsSync(path.join(bin, 'pg_basebackup')))
    return 'pg_basebackup is not installed (/usr/lib/postgresql/*/bin)';
  if (process.getuid?.() === 0 && spawnSync('id', ['-u', OS_USER]).status !== 0)
    return `running as root without the OS user ${OS_USER} to run the replica as`;
  return null;
}

const why = unavailable();

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** A hot standby of the test server, in a temporary directory, streaming from it. */
async function startReplica(primaryUrl: string) {
  const bin = findPostgresBin()!;
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-replica-'));
  if (asRoot) execFileSync('chown', [`${OS_USER}:`, dir]);
  fs.chmodSync(dir, 0o700);
  const data = path.join(dir, 'data');
  const u = new URL(primaryUrl);
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', OS_USER, '--', cmd, ...args]] : [cmd, args];
    const r = spawnSync(file, argv, {
      cwd: dir,
      encoding: 'utf8',
      timeout: 300_000,
      env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password) },
    });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}${r.stdout}`);
  };
  // -R writes standby.signal and primary_conninfo: the copy starts as a streaming replica.
  run(path.join(bin, 'pg_basebackup'), [
    '-h',
    u.hostname,
    '-p',
    u.port || '5432',
    '-U',
    decodeURIComponent(u.username),
    '-D',
    data,
    '-X',
    'stream',
    '-R',
    '-c',
    'fast',
  ]);
  // A hot standby refuses to start with fewer of these than its primary has.
  const settings = new pg.Client({ connectionString: primaryUrl });
  await settings.connect();
  const { rows } = await settings.query<{ name: string; setting: string }>(
    `select name, setting from pg_settings where name in ('max_connections', 'max_worker_processes',
       'max_wal_senders', 'max_prepared_transactions', 'max_locks_per_transaction')`,
  );
  await settings.end();
  const port = await freePort();
  const ctl = (...args: string[]) => run(path.join(bin, 'pg_ctl'), ['-D', data, ...args]);
  const start = () =>
    ctl(
      'start',
      '-w',
      '-t',
      '120',
      '-l',
      path.join(dir, 'server.log'),
      '-o',
      [
        `-c port=${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c hot_standby=on`,
        // A throwaway copy: no need to sync it to disk (the start-up sync took 30 s on a busy machine).
        '-c fsync=off -c recovery_init_sync_method=syncfs',
        ...rows.map((r) => `-c ${r.name}=${r.setting}`),
      ].join(' '),
    );
  start();
  const replicaUrl = new URL(primaryUrl);
  replicaUrl.port = String(port);
  return {
    url: replicaUrl.toString(),
    port,
    stop: () => ctl('stop', '-m', 'fast', '-w', '-t', '60'),
    start,
    destroy() {
      try {
        ctl('stop', '-m', 'immediate', '-w', '-t', '60');
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe.skipIf(why !== null)(`read replica (DATABASE_READ_URL)${why ? ` — skipped: ${why}` : ''}`, () => {
  let drop: () => Promise<void>;
  let replica: Awaited<ReturnType<typeof startReplica>>;
  let database: Database;
  let app: FastifyInstance;
  let admin: HttpSession;
  let storeId: string;
  /** A superuser session on the replica: pausing WAL replay needs one. */
  let replicaAdmin: pg.Client;
  let primaryUrl: string;

  beforeAll(async () => {
    const created = await createTestPostgresDatabase();
    drop = created.drop;
    primaryUrl = created.url;
    replica = await startReplica(testDatabaseUrl()!);
    database = await openPostgres({
      url: created.url,
      poolSize: 3,
      readUrl: withPort(created.url, replica.port),
    });
    const config = loadConfig({ KEFU_LOG_LEVEL: 'silent', KEFU_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD });
    const { deps } = await prepareDatabase(database, config, pino({ level: 'silent' }));
    app = await createServer(deps, { webDir: null });
    admin = new HttpSession(app);
    await admin.post('/api/v1/auth/login', { username: 'admin', password: TEST_ADMIN_PASSWORD });
    storeId = (await buildOrganisation(admin)).storeA.id;
    const primary = new pg.Client({ connectionString: created.url });
    await primary.connect();
    const { rows } = await primary.query<{ rolname: string }>(
      'select rolname from pg_roles where rolsuper order by oid limit 1',
    );
    await primary.end();
    const su = new URL(created.url);
    su.port = String(replica.port);
    su.username = rows[0]!.rolname;
    su.password = '';
    replicaAdmin = new pg.Client({ connectionString: su.toString() });
    // The last test stops the replica under it; the lost session is not an error of the test.
    replicaAdmin.on('error', () => undefined);
    await replicaAdmin.connect();
  }, 300_000);

  afterAll(async () => {
    await replicaAdmin?.end().catch(() => undefined);
    await app?.close();
    await database?.close();
    replica?.destroy();
    await drop?.();
  });

  const withPort = (url: string, port: number) => {
    const u = new URL(url);
    u.port = String(port);
    return u.toString();
  };

  const createTicket = async (subject: string) => {
    const res = await admin.post('/api/v1/tickets', {
      unitId: storeId,
      type: 'soft_complaint',
      channel: 'phone',
      subject,
      description: '副本测试：客户来电反映问题。',
      contactPhone: '138 1234 5678',
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  };
  const listedIds = async () => {
    const res = await admin.get('/api/v1/tickets?pageSize=100');
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: { id: string }[] }>().items.map((t) => t.id);
  };
  const waitFor = async (what: () => Promise<boolean>, ms = 20_000) => {
    const until = Date.now() + ms;
    while (!(await what())) {
      if (Date.now() > until) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('lag-tolerant reads are answered by the replica, plain ones by the primary', async () => {
    const where = async (db: Db) =>
      rowsOf<{ recovery: boolean; port: number }>(
        await db.execute(sql`select pg_is_in_recovery() recovery, inet_server_port() port`),
      )[0]!;
    expect(await where(lagTolerantDb({ db: database.db, database }))).toEqual({
      recovery: true,
      port: replica.port,
    });
    expect((await where(database.db)).recovery).toBe(false);
    // A transaction begun on the read handle runs on the primary (it reads its own writes).
    await database.replica!.transaction(async (tx) => {
      expect((await where(tx as unknown as Db)).recovery).toBe(false);
      // Inside a transaction, lagTolerantDb stays on it.
      expect(lagTolerantDb({ db: tx as unknown as Db, database })).toBe(tx);
    });
  });

  it('a ticket list is served by the replica and a create by the primary (replay paused to tell them apart)', async () => {
    const before = await createTicket('副本测试：暂停前');
    await waitFor(async () => (await listedIds()).includes(before));
    await replicaAdmin.query('select pg_wal_replay_pause()');
    try {
      const during = await createTicket('副本测试：暂停中');
      // The write went to the primary, and the primary reads it back at once (the ticket page).
      expect((await admin.get(`/api/v1/tickets/${during}`)).statusCode).toBe(200);
      // The list comes from the replica, which has not replayed the create.
      const listed = await listedIds();
      expect(listed).toContain(before);
      expect(listed).not.toContain(during);
      await replicaAdmin.query('select pg_wal_replay_resume()');
      await waitFor(async () => (await listedIds()).includes(during));
    } finally {
      await replicaAdmin.query('select pg_wal_replay_resume()').catch(() => undefined);
    }
  });

  it('reads go to the primary while the replica lags more than allowed (KEFU_READ_MAX_LAG_SECONDS)', async () => {
    const strict = await openPostgres({
      url: primaryUrl,
      poolSize: 2,
      readUrl: withPort(primaryUrl, replica.port),
      readMaxLagMs: 300,
    });
    const count = async (id: string) =>
      Number(
        rowsOf<{ n: string }>(
          await lagTolerantDb({ db: strict.db, database: strict }).execute(
            sql`select count(*) n from tickets where id = ${id}`,
          ),
        )[0]!.n,
      );
    await replicaAdmin.query('select pg_wal_replay_pause()');
    try {
      const id = await createTicket('副本测试：副本落后');
      // Replay stays paused: the ticket can only be read on the primary, once the lag is noticed.
      await waitFor(async () => (await count(id)) === 1);
      expect(strict.replicaStatus()).toMatchObject({ usable: false });
      expect(strict.replicaStatus()!.lagMs).toBeGreaterThan(300);
    } finally {
      await replicaAdmin.query('select pg_wal_replay_resume()').catch(() => undefined);
      await strict.close();
    }
  });

  it('reads go to the primary while the replica is down, and back to it once it is up', async () => {
    replica.stop();
    try {
      const id = await createTicket('副本测试：副本停机');
      expect(await listedIds()).toContain(id);
      expect(database.replicaStatus()?.usable).toBe(false);
    } finally {
      replica.start();
    }
    await waitFor(async () => {
      const row = rowsOf<{ recovery: boolean }>(
        await lagTolerantDb({ db: database.db, database }).execute(sql`select pg_is_in_recovery() recovery`),
      )[0]!;
      return row.recovery;
    });
  });
});
