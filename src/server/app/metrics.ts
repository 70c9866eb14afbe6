import type { FastifyInstance, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { schedulerStatusOf } from '../jobs/worker';
import type { Deps } from './context';
import { rowsOf } from './db';
import { liveHubOf, LIVE_STREAM_STALE_MS } from './live';
import { defineError } from './errors';

const metricsUnauthorised = defineError(
  'metrics.unauthorised',
  401,
  '读取监控指标需要令牌（KEFU_METRICS_TOKEN）',
  'Reading metrics needs the token (KEFU_METRICS_TOKEN)',
);
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Metrics show routes, load and backlogs: not for strangers. With a configured token, the scraper
 * sends it as a bearer token; without one, only a direct connection from this machine is answered
 * (a request relayed by a reverse proxy carries X-Forwarded-For and is refused).
 */
function metricsAllowed(req: FastifyRequest, token: string | undefined): boolean {
  if (token) {
    const header = req.headers.authorization ?? '';
    const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7).trim() : '');
    const wanted = Buffer.from(token);
    return given.length === wanted.length && timingSafeEqual(given, wanted);
  }
  return LOOPBACK.has(req.socket.remoteAddress ?? '') && req.headers['x-forwarded-for'] === undefined;
}

/**
 * Prometheus metrics at /metrics: process defaults, request durations by route and status, and
 * what an operator watches on a system of record: the job and outbox backlogs, the database pool,
 * and whether the scheduler is running on time. Backlogs are read when scraped; a database that
 * cannot be reached leaves them out of that scrape rather than failing it. Behind a token or a
 * direct local scrape (KEFU_METRICS_TOKEN).
 */
export function registerMetrics(app: FastifyInstance, deps: Deps): Registry {
  const token = deps.config.metricsToken;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'kefu_' });
  const duration = new Histogram({
    name: 'kefu_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const inFlight = new Gauge({
    name: 'kefu_http_requests_in_flight',
    help: 'HTTP requests being answered by this instance right now',
    registers: [registry],
  });
  app.addHook('onRequest', async () => {
    inFlight.inc();
  });
  app.addHook('onResponse', async (req, reply) => {
    inFlight.dec();
    duration.observe(
      { method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  const counted = async (
    gauge: Gauge<'state'>,
    query: ReturnType<typeof sql>,
    label = 'state',
    reset = true,
  ) => {
    try {
      const rows = rowsOf<{ state: string; n: number }>(await deps.db.execute(query));
      if (reset) gauge.reset();
      for (const r of rows) (gauge as Gauge<string>).set({ [label]: r.state }, r.n);
    } catch (err) {
      deps.logger.warn({ err }, 'metrics: backlog not read');
    }
  };
  new Gauge({
    name: 'kefu_jobs',
    help: 'Background jobs not finished, by state (queued_due: waiting past their run time)',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      await counted(
        this,
        sql`select state, count(*)::int as n from jobs where state in ('queued', 'running') group by state
          union all
          select 'queued_due', count(*)::int from jobs where state = 'queued' and run_at <= ${deps.clock.now()}`,
      );
    },
  });
  new Gauge({
    name: 'kefu_outbox_messages',
    help: 'Outbox messages by state (queued and sending are the backlog)',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      await counted(this, sql`select state, count(*)::int as n from outbox_messages group by state`);
    },
  });
  new Gauge({
    name: 'kefu_db_pool_connections',
    help: 'Database pool: connections open, idle, requests waiting for one, and the pool size',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const use = deps.database.poolUse();
      this.set({ state: 'open' }, use.total);
      this.set({ state: 'idle' }, use.idle);
      this.set({ state: 'in_use' }, use.total - use.idle);
      this.set({ state: 'waiting' }, use.waiting);
      this.set({ state: 'max' }, use.max);
    },
  });
  // Only with a replica: an unset gauge would read 0, "no lag".
  if (deps.database.replica)
    new Gauge({
      name: 'kefu_db_replica_lag_seconds',
      help: 'Replay lag of the read replica (DATABASE_READ_URL) last measured; -1 while its reads go to the primary (down or behind)',
      registers: [registry],
      collect() {
        const replica = deps.database.replicaStatus?.();
        if (!replica) return;
        this.set(replica.usable && replica.lagMs !== null ? replica.lagMs / 1000 : -1);
      },
    });
  new Gauge({
    name: 'kefu_scheduler_last_run_timestamp_seconds',
    help: 'When this instance last finished a scheduler pass (0: not yet)',
    registers: [registry],
    collect() {
      const last = schedulerStatusOf(deps).lastFinishedAt;
      this.set(last ? last.getTime() / 1000 : 0);
    },
  });
  // Counters kept by the worker, copied into counters at scrape time (they only grow).
  const jobsRun = new Counter({
    name: 'kefu_jobs_run_total',
    help: 'Jobs this instance ran since it started, by kind and outcome (done, failed)',
    labelNames: ['kind', 'outcome'] as const,
    registers: [registry],
    collect() {
      const status = schedulerStatusOf(deps);
      this.reset();
      for (const [kind, n] of status.ran) jobsRun.inc({ kind, outcome: 'done' }, n);
      for (const [kind, n] of status.failed) jobsRun.inc({ kind, outcome: 'failed' }, n);
    },
  });
  new Gauge({
    name: 'kefu_scheduler_pass_duration_seconds',
    help: 'How long this instance’s last scheduler pass took',
    registers: [registry],
    collect() {
      this.set(schedulerStatusOf(deps).lastPassSeconds);
    },
  });
  new Gauge({
    name: 'kefu_queue_depth',
    help: 'Rows waiting in the work queues: report_dirty_days (rollups to refresh), live_events (pushes kept for reconnects)',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      await counted(
        this as unknown as Gauge<'state'>,
        sql`select 'report_dirty_days' as state, count(*)::int as n from report_dirty_days
          union all select 'live_events', count(*)::int from live_events`,
        'queue',
      );
    },
  });
  new Gauge({
    name: 'kefu_live_streams',
    help: 'Open server-push streams (SSE): held by this instance, and on all instances',
    labelNames: ['scope'] as const,
    registers: [registry],
    async collect() {
      this.set({ scope: 'instance' }, liveHubOf(deps).localStreams());
      await counted(
        this as unknown as Gauge<'state'>,
        sql`select 'all' as state, count(*)::int as n from live_streams
          where seen_at > now() - make_interval(secs => ${LIVE_STREAM_STALE_MS / 1000})`,
        'scope',
        false,
      );
    },
  });
  new Gauge({
    name: 'kefu_scheduler_lag_seconds',
    help: 'How long the oldest due job has waited past its run time (0: none waiting)',
    registers: [registry],
    async collect() {
      try {
        const [row] = rowsOf<{ lag: number | null }>(
          await deps.db.execute(
            sql`select extract(epoch from (${deps.clock.now()}::timestamptz - min(run_at)))::float8 as lag
              from jobs where state = 'queued' and run_at <= ${deps.clock.now()}`,
          ),
        );
        this.set(Math.max(0, row?.lag ?? 0));
      } catch (err) {
        deps.logger.warn({ err }, 'metrics: scheduler lag not read');
      }
    },
  });

  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    if (!metricsAllowed(req, token)) throw metricsUnauthorised();
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
  return registry;
}
