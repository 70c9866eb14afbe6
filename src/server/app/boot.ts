import pino, { type Logger } from 'pino';
import type { FastifyInstance } from 'fastify';
import { loadDemoCompany } from '../demo/demo-company';
import { loadDemoHistory } from '../demo/demo-history';
import { loadDemoKnowledge } from '../demo/demo-knowledge';
import { ensureDefaultRoles, ensureFirstAdministrator, type FirstAdmin } from '../modules/org/bootstrap';
import { systemClock, type Clock } from './clock';
import { loadConfig, type Config } from './config';
import type { Deps } from './context';
import { openDatabase, type Database } from './db';
import { migrate, migrationDigests, migrationReports } from './migrate';
import { PGLITE_TEMPLATE_DIR, RUNNING_BUILD } from './paths';
import { createServer } from './server';
import { drainingOf } from './shutdown';
import { createStorage } from './storage/create-storage';
import { startWorker } from '../jobs/worker';

/** How often the scheduler scans SLA targets and runs due jobs. */
const SCHEDULER_INTERVAL_MS = 15_000;
/** Longest wait at shutdown for clients to take their 503 and close their connections. */
const DRAIN_GRACE_MS = 3_000;

export interface Kefu {
  app: FastifyInstance;
  deps: Deps;
  firstAdmin: FirstAdmin | null;
  /** Milliseconds each start-up step took (logged with "Kefu is ready"; bench/startup.bench.ts reads them). */
  timings: BootTimings;
  /**
   * Starts the scheduler (SLA scan, due jobs). main() calls it once the server listens, so the
   * first pass (on the embedded database a second or more after a downtime) does not hold up the start.
   */
  startScheduler(): void;
  close(): Promise<void>;
}

export interface BootTimings {
  openDatabaseMs: number;
  migrateMs: number;
  seedMs: number;
  createServerMs: number;
}

/** Opens the database, applies migrations, seeds the essentials and builds the server. */
export async function prepareDatabase(
  database: Database,
  config: Config,
  logger: Logger,
  clock: Clock = systemClock,
  timings: Partial<BootTimings> = {},
) {
  let t = performance.now();
  const { applied } = await migrate(database);
  timings.migrateMs = performance.now() - t;
  t = performance.now();
  if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  for (const { tag, action, report } of await migrationReports(database, applied))
    logger.info({ migration: tag, action, report }, 'migration changed existing rows');
  const deps: Deps = {
    database,
    db: database.db,
    clock,
    config,
    logger,
    storage: await createStorage(config),
  };
  await ensureDefaultRoles(deps);
  const firstAdmin = await ensureFirstAdministrator(deps);
  if (config.demo) await loadDemoCompany(deps);
  timings.seedMs = performance.now() - t;
  return { deps, firstAdmin };
}

/**
 * Loads the demo company's past once (KEFU_DEMO_HISTORY). A failure is logged, not fatal: the
 * demo company itself is in place and the server still starts.
 */
export async function loadDemoHistoryLogged(deps: Deps): Promise<void> {
  try {
    const result = await loadDemoHistory(deps, { now: deps.clock.now() });
    if (result.loaded) deps.logger.info({ ...result, ms: Math.round(result.ms) }, 'demo history loaded');
  } catch (err) {
    deps.logger.error({ err }, 'demo history could not be loaded');
  }
}

/** Everything `npm start` does before listening. */
export async function boot(env: Record<string, string | undefined> = process.env): Promise<Kefu> {
  const config = loadConfig(env);
  const logger = pino({ level: config.logLevel, base: { service: 'kefu' } });
  let t = performance.now();
  const database = await openDatabase(
    config,
    (err) => logger.warn({ err }, 'idle database connection lost'),
    config.databaseUrl || !RUNNING_BUILD
      ? undefined
      : { dir: PGLITE_TEMPLATE_DIR, migrations: migrationDigests() },
  );
  const timings: Partial<BootTimings> = { openDatabaseMs: performance.now() - t };
  try {
    const { deps, firstAdmin } = await prepareDatabase(database, config, logger, systemClock, timings);
    t = performance.now();
    const app = await createServer(deps);
    timings.createServerMs = performance.now() - t;
    // After the modules are registered, so business events reach care and surveys as in production
    // (and the approval engine calls the knowledge module back for the demo's approved answers).
    if (config.demo)
      await loadDemoKnowledge(deps).catch((err: unknown) =>
        logger.error({ err }, 'demo approved answers could not be loaded'),
      );
    if (config.demo && config.demoHistory) await loadDemoHistoryLogged(deps);
    let worker: ReturnType<typeof startWorker> | null = null;
    let closing: Promise<void> | null = null;
    return {
      app,
      deps,
      firstAdmin,
      timings: timings as BootTimings,
      startScheduler: () => {
        if (!worker && !closing) worker = startWorker(deps, { intervalMs: SCHEDULER_INTERVAL_MS });
      },
      close: () => {
        // New requests are refused (503 server.shutting_down, connection closed) while the ones in
        // flight finish; the scheduler finishes its pass so no job is cut off mid-transaction;
        // then the HTTP server, file storage and the database close.
        const draining = drainingOf(app);
        draining.start();
        closing ??= (worker?.stop() ?? Promise.resolve())
          .then(() => draining.settled(DRAIN_GRACE_MS))
          .then(() => app.close())
          .then(() => deps.storage.close())
          .then(() => database.close());
        return closing;
      },
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}
