import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { schema } from './schema';

/** One Drizzle type for both drivers: every query is written once, in PostgreSQL's dialect. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Rows of a raw `db.execute(sql\`…\`)`; both drivers answer `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Names of the statements `executePrepared` has prepared, by their text (the same in every process). */
const preparedNames = new Map<string, string>();
/** A guard against a caller that writes values into the text: past this, statements go unnamed. */
const MAX_PREPARED = 200;

/**
 * Runs a statement written out as text with `$n` parameters (see bulk-insert), on the connection or
 * transaction `db` stands for. On PostgreSQL it is prepared once per connection under a name of its
 * own, so the server parses and plans it once rather than on every run; the embedded database runs
 * it as it is.
 */
export async function executePrepared<T>(db: Db, text: string, values: readonly unknown[]): Promise<T[]> {
  let name = preparedNames.get(text);
  if (!name && preparedNames.size < MAX_PREPARED) {
    name = `kefu_${preparedNames.size + 1}`;
    preparedNames.set(text, name);
  }
  const query = db._.session.prepareQuery({ sql: text, params: [...values] }, undefined, name, false);
  return rowsOf<T>(await query.execute());
}

/** Connections in use, idle and waited for (PostgreSQL's pool; the embedded database has one). */
export interface PoolUse {
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

/** The read replica as this process sees it (DATABASE_READ_URL). */
export interface ReplicaStatus {
  /** False while the replica is unreachable or lags more than allowed: reads go to the primary. */
  usable: boolean;
  /** Replay lag last measured on the replica, in milliseconds (0 when it has replayed all it received). */
  lagMs: number | null;
}

export interface Database {
  db: Db;
  /**
   * Reads that tolerate replication lag (lists, search, reports) when a replica is configured:
   * served by the replica, by the primary while the replica is down or behind. Null without one.
   * Use through `lagTolerantDb`; transactions opened on it run on the primary.
   */
  replica: Db | null;
  replicaStatus(): ReplicaStatus | null;
  kind: 'pglite' | 'postgres';
  /** How the connection pool is used right now (for /metrics). */
  poolUse(): PoolUse;
  /** Runs a raw SQL script (several statements). Used by migrations. */
  exec(sql: string): Promise<void>;
  /**
   * Hears PostgreSQL NOTIFY on `channel` (a plain lower-case name) until the answered function is
   * called. On PostgreSQL one connection of its own listens for the whole process and comes back by
   * itself after a restart or a dropped connection; `onResume` is then called, since notifications
   * sent while it was away are lost. The embedded database hears its own NOTIFY in-process.
   */
  listen(
    channel: string,
    onNotify: (payload: string) => void,
    onResume?: () => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** PGlite only: the data directory as a tarball (tests copy a migrated template this way). */
  dumpDataDir?: () => Promise<Blob>;
}

export class DataDirLockedError extends Error {}

const LOCK_FILE = 'kefu.lock';

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of the live process holding the embedded data directory, or null. */
export function dataDirOwner(dataDir: string): number | null {
  try {
    const owner = Number.parseInt(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8'), 10);
    return Number.isInteger(owner) && isProcessAlive(owner) ? owner : null;
  } catch {
    return null;
  }
}

/**
 * PGlite is a single-process database: two processes writing one data directory would corrupt it.
 * A lock file holding the owner's pid makes the second process fail with a clear message; a lock
 * left by a killed process (pid no longer alive) is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number.parseInt(fs.readFileSync(lockPath, 'utf8'), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isProcessAlive(owner)) {
        throw new DataDirLockedError(
          `数据目录 ${path.resolve(dataDir)} 正被另一个 Kefu 进程（pid ${owner}）使用，不能同时打开。\n` +
            `The data directory ${path.resolve(dataDir)} is in use by another Kefu process (pid ${owner}); ` +
            'stop it first, or set KEFU_DATA_DIR to another directory, or use DATABASE_URL for several instances.',
        );
      }
      fs.unlinkSync(lockPath);
    }
  }
  throw new DataDirLockedError(`无法锁定数据目录 / could not lock the data directory ${dataDir}`);
}

/**
 * The embedded database's files, written durably. PGlite starts PostgreSQL with `-F` (fsync off),
 * and its Node file system answers fsync and fdatasync without calling the disk, so a power loss
 * could drop committed transactions or corrupt the data directory. Here the file system's fsync
 * calls the real one, and PostgreSQL is told to use it: fsync on, the WAL flushed with fsync()
 * (Emscripten's fdatasync stays a no-op). Measured cost: docs/decisions/0010.
 */
class DurableNodeFS extends NodeFS {
  override async init(pg: PGlite, opts: Parameters<NodeFS['init']>[1]) {
    const { emscriptenOpts } = await super.init(pg, opts);
    const preRun = [
      ...(emscriptenOpts.preRun ?? []),
      (mod: { NODEFS: unknown }) => {
        const streamOps = (mod.NODEFS as unknown as { stream_ops: Record<string, unknown> }).stream_ops;
        streamOps.fsync = (stream: { nfd?: number }) => {
          if (stream.nfd !== undefined) fs.fsyncSync(stream.nfd);
          return 0;
        };
      },
    ];
    return { emscriptenOpts: { ...emscriptenOpts, preRun } };
  }
}

/** The template's manifest: what made it (the build writes it beside the template directory). */
export interface PgliteTemplateManifest {
  pgliteVersion: string;
  migrations: { tag: string; sha256: string }[];
}

/** The installed PGlite's version (its package.json is not exported; found beside its entry file). */
export function installedPgliteVersion(): string | null {
  try {
    let dir = path.dirname(fileURLToPath(import.meta.resolve('@electric-sql/pglite')));
    while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir)
      dir = path.dirname(dir);
    return (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    return null;
  }
}

/** Calls fsync on every file and directory under `dir`, then on `dir` itself. */
function fsyncTree(dir: string) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) fsyncTree(full);
    else if (entry.isFile()) fsyncPath(full);
  }
  fsyncPath(dir);
}

/** fsync of one file or directory, by path. */
function fsyncPath(target: string) {
  const fd = fs.openSync(target, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A first start on an empty data directory: copies the build's migrated, empty database
 * (dist/server/pglite-template, made by `npm run build`) into `pgDir` instead of running initdb
 * and every migration in WebAssembly, which took most of a first start (bench/startup.bench.ts).
 * Used only when the template was made by the installed PGlite from migrations whose text is the
 * start of today's list (later ones are applied as usual); otherwise nothing happens and PGlite
 * creates the database itself. The copy is written under another name, synced when durable, and
 * renamed into place, so a crash halfway leaves no half-made database.
 */
export function seedFromTemplate(
  pgDir: string,
  template: { dir: string; migrations: { tag: string; sha256: string }[] },
  durable: boolean,
): boolean {
  if (fs.existsSync(path.join(pgDir, 'PG_VERSION'))) return false;
  if (fs.existsSync(pgDir) && fs.readdirSync(pgDir).length > 0) return false;
  let manifest: PgliteTemplateManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(`${template.dir}.json`, 'utf8')) as PgliteTemplateManifest;
  } catch {
    return false;
  }
  if (!fs.existsSync(path.join(template.dir, 'PG_VERSION'))) return false;
  if (manifest.pgliteVersion !== installedPgliteVersion()) return false;
  const matches = manifest.migrations.every(
    (m, i) => template.migrations[i]?.tag === m.tag && template.migrations[i]?.sha256 === m.sha256,
  );
  if (!matches) return false;
  const staging = `${pgDir}.seeding-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.cpSync(template.dir, staging, { recursive: true });
  if (durable) fsyncTree(staging);
  fs.rmSync(pgDir, { recursive: true, force: true });
  fs.renameSync(staging, pgDir);
  if (durable) fsyncPath(path.dirname(pgDir));
  return true;
}

/** How the embedded database writes: `full` syncs every commit to disk; `unsafe_no_fsync` trusts the OS cache. */
export type EmbeddedDurability = 'full' | 'unsafe_no_fsync';

/** Opens the embedded database in `dataDir` (or in memory / from a dump, for tests). */
export async function openPglite(options: {
  dataDir?: string;
  loadDataDir?: Blob;
  durability?: EmbeddedDurability;
  /** A migrated empty database to copy into an empty data directory (see seedFromTemplate). */
  template?: { dir: string; migrations: { tag: string; sha256: string }[] };
}): Promise<Database> {
  const unlock = options.dataDir ? lockDataDir(options.dataDir) : () => {};
  const durable = options.dataDir !== undefined && (options.durability ?? 'full') === 'full';
  try {
    if (options.dataDir && options.template && !options.loadDataDir)
      seedFromTemplate(path.resolve(options.dataDir, 'pg'), options.template, durable);
    const client = await PGlite.create({
      ...(options.dataDir
        ? durable
          ? { fs: new DurableNodeFS(path.resolve(options.dataDir, 'pg')) }
          : { dataDir: path.resolve(options.dataDir, 'pg') }
        : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      extensions: { pg_trgm, btree_gin },
      startParams: [
        // PGlite's defaults without `-F` (fsync off) when the data is to be durable.
        ...PGlite.defaultStartParams.filter((p) => !(durable && p === '-F')),
        ...(durable ? ['-c', 'fsync=on', '-c', 'wal_sync_method=fsync'] : []),
        // One in-process connection serving one store does not need PostgreSQL's 128 MB buffer
        // pool; 32 MB keeps the embedded server's idle memory well inside its budget.
        '-c',
        'shared_buffers=32MB',
      ],
    });
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      exec: async (sql) => {
        await client.exec(sql);
      },
      listen: async (channel, onNotify) => client.listen(channel, onNotify),
      close: async () => {
        await client.close();
        unlock();
      },
      dumpDataDir: () => client.dumpDataDir('none'),
      replica: null,
      replicaStatus: () => null,
      poolUse: () => ({ total: 1, idle: 1, waiting: 0, max: 1 }),
    };
  } catch (err) {
    unlock();
    throw err;
  }
}

/** How long a request waits for a pool connection (or for a new one to open) before it fails. */
const POOL_WAIT_MS = 10_000;

/** Connects to a PostgreSQL server through a `pg` pool. */
export async function openPostgres(options: {
  url: string;
  poolSize?: number;
  onIdleError?: (err: Error) => void;
  /** A streaming replica for lag-tolerant reads (see `Database.replica`). */
  readUrl?: string | undefined;
  /** Replay lag past which the replica is not read from. */
  readMaxLagMs?: number;
}): Promise<Database> {
  const max = options.poolSize ?? 10;
  const pool = new pg.Pool({ connectionString: options.url, max, connectionTimeoutMillis: POOL_WAIT_MS });
  const onError = (err: Error) => options.onIdleError?.(err);
  // An idle connection the server drops (restart, failover, admin kill) must not crash the process;
  // the pool replaces it on the next query.
  pool.on('error', onError);
  // pg-pool listens for errors only while a connection is idle: one the server drops while it is
  // checked out (a transaction between two statements, a restart under load) would emit an
  // 'error' nobody hears and end the process. Every connection gets a listener of its own for its
  // whole life; the statement in progress fails on its own, and the pool discards the connection.
  pool.on('connect', (client) => client.on('error', onError));
  // Fail at start-up, with the server's own message, rather than on the first request.
  const probe = await pool.connect();
  probe.release();
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  const listener = createListener(options.url, onError);
  const router = options.readUrl
    ? new ReadRoutingPool(pool, options.readUrl, {
        max,
        maxLagMs: options.readMaxLagMs ?? DEFAULT_READ_MAX_LAG_MS,
        onError,
      })
    : null;
  return {
    db,
    replica: router ? (drizzlePg(router as unknown as pg.Pool, { schema }) as unknown as Db) : null,
    replicaStatus: () => router?.status() ?? null,
    kind: 'postgres',
    exec: async (sql) => {
      await pool.query(sql);
    },
    listen: (channel, onNotify, onResume) => listener.listen(channel, onNotify, onResume),
    close: async () => {
      await listener.close();
      await router?.end();
      await pool.end();
    },
    poolUse: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max }),
  };
}

/** Default replay lag past which reads leave the replica (KEFU_READ_MAX_LAG_SECONDS). */
const DEFAULT_READ_MAX_LAG_MS = 30_000;
/** How often the replica's replay lag is read (at most; only while reads arrive). */
const LAG_CHECK_MS = 2_000;
/** How long reads stay on the primary after the replica could not be reached. */
const REPLICA_RETRY_MS = 5_000;

/**
 * What Drizzle sees as the pool of lag-tolerant reads. A plain query goes to the replica while it
 * answers and its replay lag is within bounds, else to the primary; a query that fails because the
 * replica cannot be reached is run again on the primary and the replica is left alone for a few
 * seconds. `connect()` (Drizzle's transactions) hands out a primary connection, so a transaction
 * always reads its own writes. The class name contains "Pool": Drizzle recognises pools by it.
 */
class ReadRoutingPool {
  private readonly replica: pg.Pool;
  private downUntil = 0;
  private lagMs: number | null = null;
  private lagCheckedAt = 0;
  private lagCheck: Promise<void> | null = null;

  constructor(
    private readonly primary: pg.Pool,
    url: string,
    private readonly options: { max: number; maxLagMs: number; onError: (err: Error) => void },
  ) {
    this.replica = new pg.Pool({
      connectionString: url,
      max: options.max,
      // A replica that does not answer must not hold a read up for long: the primary takes it.
      connectionTimeoutMillis: 2_000,
    });
    this.replica.on('error', options.onError);
    this.replica.on('connect', (client) => client.on('error', options.onError));
  }

  status(): ReplicaStatus {
    return { usable: this.usable(), lagMs: this.lagMs };
  }

  private usable(): boolean {
    return Date.now() >= this.downUntil && (this.lagMs === null || this.lagMs <= this.options.maxLagMs);
  }

  private markDown(err: Error) {
    this.downUntil = Date.now() + REPLICA_RETRY_MS;
    this.lagMs = null;
    this.options.onError(err);
  }

  /** Reads the replica's replay lag: 0 when it has replayed all the WAL it received. */
  private async checkLag(): Promise<void> {
    this.lagCheckedAt = Date.now();
    try {
      const { rows } = await this.replica.query<{ lag_ms: number | null }>(
        `select case when not pg_is_in_recovery() then 0
                     when pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0
                     else extract(epoch from now() - pg_last_xact_replay_timestamp()) * 1000 end::float8 as lag_ms`,
      );
      this.lagMs = rows[0]?.lag_ms ?? null;
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      this.markDown(err as Error);
    }
  }

  async query(...args: unknown[]): Promise<unknown> {
    const onPrimary = () => (this.primary.query as (...a: unknown[]) => Promise<unknown>)(...args);
    if (Date.now() < this.downUntil) return onPrimary();
    if (Date.now() - this.lagCheckedAt >= LAG_CHECK_MS && !this.lagCheck)
      this.lagCheck = this.checkLag().finally(() => (this.lagCheck = null));
    // The first lag reading is waited for; later ones are refreshed behind the reads.
    if (this.lagMs === null && this.lagCheck) await this.lagCheck.catch(() => undefined);
    if (!this.usable()) return onPrimary();
    try {
      return await (this.replica.query as (...a: unknown[]) => Promise<unknown>)(...args);
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      this.markDown(err as Error);
      return onPrimary();
    }
  }

  connect(): Promise<pg.PoolClient> {
    return this.primary.connect();
  }

  async end(): Promise<void> {
    await this.lagCheck?.catch(() => undefined);
    await this.replica.end();
  }
}

/**
 * The database for a read that tolerates replication lag (lists, search, reports): the replica when
 * one is configured, else the primary. Inside a transaction (`deps.db` is not the database's own
 * handle) it stays on that transaction, so what was just written is read.
 */
export function lagTolerantDb(deps: { db: Db; database: Database }): Db {
  return deps.database.replica && deps.db === deps.database.db ? deps.database.replica : deps.db;
}

/** Longest pause between two attempts to bring the listening connection back. */
const LISTEN_RETRY_MAX_MS = 2_000;

interface Subscription {
  onNotify: (payload: string) => void;
  onResume: (() => void) | undefined;
}

/**
 * The one connection of a process that LISTENs (outside the pool: a pooled connection goes back to
 * other work). Opened on the first `listen`; lost (server restart, admin kill, network) it is
 * reopened with a growing pause, every channel listened to again, and each subscriber's `onResume`
 * called so it can read again what it may have missed.
 */
function createListener(url: string, onError: (err: Error) => void) {
  const channels = new Map<string, Set<Subscription>>();
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;
  let retryMs = 100;
  let retryTimer: NodeJS.Timeout | null = null;
  const quote = (channel: string) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
    return channel;
  };

  const open = async (resumed: boolean): Promise<pg.Client> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (n) => {
      for (const sub of channels.get(n.channel) ?? []) sub.onNotify(n.payload ?? '');
    });
    const lost = (err?: Error) => {
      if (client !== c) return;
      client = null;
      if (err) onError(err);
      c.end().catch(() => {});
      scheduleReconnect();
    };
    c.on('error', lost);
    c.on('end', () => lost());
    await c.connect();
    for (const channel of channels.keys()) await c.query(`listen ${quote(channel)}`);
    client = c;
    retryMs = 100;
    if (resumed) for (const subs of channels.values()) for (const sub of subs) sub.onResume?.();
    return c;
  };
  const scheduleReconnect = () => {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connecting = open(true).catch((err: unknown) => {
        onError(err as Error);
        retryMs = Math.min(LISTEN_RETRY_MAX_MS, retryMs * 2);
        scheduleReconnect();
        throw err;
      });
      connecting.catch(() => {}).finally(() => (connecting = null));
    }, retryMs);
    retryTimer.unref();
  };
  const connected = async (): Promise<pg.Client | null> => {
    if (client) return client;
    if (connecting) return connecting.catch(() => null);
    if (retryTimer) return null;
    connecting = open(false);
    try {
      return await connecting;
    } finally {
      connecting = null;
    }
  };

  return {
    async listen(channel: string, onNotify: (payload: string) => void, onResume?: () => void) {
      quote(channel);
      const sub: Subscription = { onNotify, onResume };
      const fresh = !channels.has(channel);
      const subs = channels.get(channel) ?? new Set();
      subs.add(sub);
      channels.set(channel, subs);
      const c = await connected();
      // A fresh channel on a connection already open is listened to now; a connection being
      // (re)opened listens to every channel in the map itself.
      if (c && fresh) await c.query(`listen ${channel}`);
      return async () => {
        subs.delete(sub);
        if (subs.size > 0) return;
        channels.delete(channel);
        await client?.query(`unlisten ${channel}`).catch(() => {});
      };
    },
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      await connecting?.catch(() => {});
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}

/** SQLSTATEs of a server that is going away or not there yet: admin/crash shutdown, cannot connect now. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03']);
const UNAVAILABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|Cannot use a pool after calling end|PGlite is closed/i;

/**
 * True when `err` (or an error it wraps: Drizzle wraps the driver's) says the database cannot be
 * reached — restarting, stopped, the connection lost — rather than that a statement was wrong.
 * Such a request can be retried later; it is answered 503 `db.unavailable`.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_STATES.has(code) || UNAVAILABLE_ERRNOS.has(code)))
      return true;
    if (typeof code === 'string' && code.startsWith('08')) return true;
    if (UNAVAILABLE_MESSAGES.test(e.message)) return true;
    if (e instanceof AggregateError && e.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
  }
  return false;
}

/** Opens whichever database the configuration names. */
export function openDatabase(
  config: {
    databaseUrl?: string | undefined;
    databaseReadUrl?: string | undefined;
    databaseReadMaxLagSeconds?: number;
    dataDir: string;
    databasePoolSize: number;
    embeddedDurability: EmbeddedDurability;
  },
  onIdleError?: (err: Error) => void,
  pgliteTemplate?: { dir: string; migrations: { tag: string; sha256: string }[] },
) {
  return config.databaseUrl
    ? openPostgres({
        url: config.databaseUrl,
        poolSize: config.databasePoolSize,
        readUrl: config.databaseReadUrl,
        ...(config.databaseReadMaxLagSeconds !== undefined
          ? { readMaxLagMs: config.databaseReadMaxLagSeconds * 1000 }
          : {}),
        ...(onIdleError ? { onIdleError } : {}),
      })
    : openPglite({
        dataDir: config.dataDir,
        durability: config.embeddedDurability,
        ...(pgliteTemplate ? { template: pgliteTemplate } : {}),
      });
}
