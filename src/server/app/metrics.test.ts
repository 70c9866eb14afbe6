import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueJobs } from '../jobs/jobs.repository';
import { startWorker } from '../jobs/worker';
import { buildOrganisation } from '../test/factories';
import { createTestKefu, type TestKefu } from '../test/test-app';
import { enqueueMessage } from '../modules/messages/messages.service';

/** Issue 13, item 9: what an operator watches, read from /metrics. */
let kefu: TestKefu;
beforeAll(async () => {
  kefu = await createTestKefu();
});
afterAll(() => kefu.close());

/** The value of one sample line (`name{labels} value`) of the exposition text. */
function sample(body: string, series: string): number | undefined {
  const line = body.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('/metrics for operations', () => {
  it('shows the job backlog and how late it runs, the outbox by state, the pool and the last scheduler pass', async () => {
    const now = kefu.clock.now();
    await enqueueJobs(kefu.deps.db, now, [
      { id: 'metrics:late', kind: 'metrics.test', payload: {}, runAt: new Date(now.getTime() - 90_000) },
      { id: 'metrics:later', kind: 'metrics.test', payload: {}, runAt: new Date(now.getTime() + 3_600_000) },
    ]);
    const unitId = (await buildOrganisation(await kefu.login('admin'))).storeA.id;
    await kefu.deps.db.transaction(async (tx) => {
      for (const i of [1, 2])
        await enqueueMessage(kefu.deps, tx, {
          unitId,
          customerId: null,
          channel: 'sms',
          to: '13800138000',
          body: `指标测试 ${i}`,
          purpose: 'service',
          idempotencyKey: `metrics:${i}`,
        });
    });

    let body = (await kefu.app.inject('/metrics')).body;
    expect(sample(body, 'kefu_jobs{state="queued"}')).toBe(2);
    expect(sample(body, 'kefu_jobs{state="queued_due"}')).toBe(1);
    expect(sample(body, 'kefu_scheduler_lag_seconds')).toBe(90);
    expect(sample(body, 'kefu_outbox_messages{state="queued"}')).toBe(2);
    expect(sample(body, 'kefu_db_pool_connections{state="max"}')).toBeGreaterThanOrEqual(1);
    expect(sample(body, 'kefu_db_pool_connections{state="waiting"}')).toBe(0);
    expect(sample(body, 'kefu_scheduler_last_run_timestamp_seconds')).toBe(0);

    // One scheduler pass: the due job (an unknown kind) fails for good, the outbox is delivered.
    const worker = startWorker(kefu.deps, { intervalMs: 60_000 });
    for (let i = 0; i < 200; i++) {
      body = (await kefu.app.inject('/metrics')).body;
      if (sample(body, 'kefu_scheduler_last_run_timestamp_seconds')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await worker.stop();
    expect(sample(body, 'kefu_scheduler_last_run_timestamp_seconds')).toBe(now.getTime() / 1000);
    expect(sample(body, 'kefu_jobs{state="queued_due"}')).toBe(0);
    expect(sample(body, 'kefu_scheduler_lag_seconds')).toBe(0);
    expect(sample(body, 'kefu_outbox_messages{state="sent"}')).toBe(2);
    expect(sample(body, 'kefu_outbox_messages{state="queued"}')).toBeUndefined();
    // Issue 23: jobs run by kind and outcome, how long the pass took, queue depths, pushes, requests.
    expect(sample(body, 'kefu_jobs_run_total{kind="metrics.test",outcome="failed"}')).toBe(1);
    expect(sample(body, 'kefu_scheduler_pass_duration_seconds')).toBeGreaterThan(0);
    expect(sample(body, 'kefu_queue_depth{queue="report_dirty_days"}')).toBeGreaterThanOrEqual(0);
    expect(sample(body, 'kefu_queue_depth{queue="live_events"}')).toBe(0);
    expect(sample(body, 'kefu_live_streams{scope="instance"}')).toBe(0);
    expect(sample(body, 'kefu_live_streams{scope="all"}')).toBe(0);
    // The scrape itself is being answered.
    expect(sample(body, 'kefu_http_requests_in_flight')).toBeGreaterThanOrEqual(1);
  });
});
