import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  onBusinessEvent,
  publishBusinessEvent,
  type WorkOrderCompletedEvent,
} from '../../app/business-events';
import type { JourneyDetail } from '../../../shared/journeys';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { auditLog } from '../audit/audit.table';
import {
  acceptance,
  buildWorkOrderWorld,
  login,
  signedCallOutQuote,
} from '../workorders/workorders.test-world';
import { journeys } from './journeys.table';

const completions: WorkOrderCompletedEvent[] = [];
onBusinessEvent('workorder.completed', 'journeys-leftover-test', async (_d, _t, e) => {
  completions.push(e);
});

describe('JRN-1: a leftover issue from a work order’s acceptance', () => {
  let kefu: TestKefu;
  let world: Awaited<ReturnType<typeof buildWorkOrderWorld>>;
  let sup: HttpSession;
  let tech: HttpSession;
  let mgr: HttpSession;

  beforeAll(async () => {
    kefu = await createTestKefu();
    world = await buildWorkOrderWorld(kefu, 'jl');
    sup = await login(kefu, 'jlsup');
    tech = await login(kefu, 'jltech');
    mgr = await login(kefu, 'jlmgr');
    await world.admin.patch(`/api/v1/units/${world.org.hq.id}`, { businessType: 'furniture' });
  });
  afterAll(() => kefu.close());

  /** A furniture installation of a sofa and a coffee table, on site with its visit recorded. */
  async function onSite(orderNo: string) {
    const sold = await mgr.post('/api/v1/orders', {
      unitId: world.store.id,
      customerId: world.customerId,
      orderNo,
      orderedAt: '2026-02-20T15:00:00+08:00',
      lines: [
        { product: '三人沙发', model: 'SF-3', priceFen: 599900, paidFen: 599900 },
        { product: '茶几', quantity: 1, priceFen: 129900, paidFen: 129900 },
      ],
    });
    expect(sold.statusCode, sold.body).toBe(201);
    const created = await sup.post('/api/v1/workorders', {
      unitId: world.store.id,
      type: 'install',
      customerId: world.customerId,
      orderId: sold.json().id,
      productModel: 'SF-3',
      purchaseDate: '2026-02-20',
      problem: '送货安装三人沙发和茶几',
    });
    expect(created.statusCode, created.body).toBe(201);
    const url = `/api/v1/workorders/${created.json().id}`;
    await sup.post(`${url}/assign`, { technicianId: world.people.tech.id });
    await sup.post(`${url}/appointment`, {
      start: '2026-03-03T09:00:00+08:00',
      end: '2026-03-03T11:00:00+08:00',
      customerAgreed: true,
    });
    await tech.post(`${url}/checklist`, {
      partsPrepared: true,
      documentsPrinted: true,
      addressConfirmed: true,
      arrivalTimeConfirmed: true,
    });
    if ((await sup.get(url)).json().serviceClass === 'A') await signedCallOutQuote(kefu, 'jl', url);
    expect((await tech.post(`${url}/depart`, {})).json().state).toBe('en_route');
    expect((await tech.post(`${url}/arrive`, {})).json().state).toBe('on_site');
    return { id: created.json().id as string, url };
  }
  const finish = (url: string, items: Record<string, unknown>[]) =>
    tech.post(`${url}/finish`, {
      workDone: '送货到家并安装完毕',
      minutesSpent: 60,
      diagnosis: { finding: 'installation' },
      acceptance: {
        ...acceptance(),
        ratings: { sales_service: 5, workmanship: 4, installation_service: 5 },
        items,
      },
    });
  const journeysFrom = (workOrderId: string) =>
    kefu.deps.db.select().from(journeys).where(eq(journeys.sourceWorkOrderId, workOrderId));

  it('JRN-1: an item not accepted (有问题) starts one leftover-issue journey with it, linked to the work order; processed twice, still one', async () => {
    const { id, url } = await onSite('JRN1-L1');
    const done = await finish(url, [
      { key: 'line:1', result: 'accepted' },
      { key: 'line:2', result: 'problem', note: '桌面有划痕' },
    ]);
    expect(done.statusCode, done.body).toBe(200);
    const started = await journeysFrom(id);
    expect(started).toHaveLength(1);
    const j = started[0]!;
    expect(j).toMatchObject({
      templateCode: 'leftover_issue',
      stage: 'received',
      customerId: world.customerId,
      unitId: world.store.id,
    });
    expect(j.fields.leftoverItems).toContain('茶几');
    expect(j.fields.leftoverItems).toContain('桌面有划痕');
    expect(j.note).toContain('桌面有划痕');

    // The journey page lists the work order; the work order shows its journey.
    const detail = (await sup.get(`/api/v1/journeys/${j.id}`)).json() as JourneyDetail;
    expect(detail.sourceWorkOrderId).toBe(id);
    expect(detail.links).toEqual([
      expect.objectContaining({ subjectType: 'work_order', subjectId: id, title: '送货安装三人沙发和茶几' }),
    ]);
    const linked = (await sup.get(`/api/v1/journeys/linked?subjectType=work_order&subjectId=${id}`)).json();
    expect(linked.items.map((i: { id: string }) => i.id)).toEqual([j.id]);
    const audits = await kefu.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, j.id), eq(auditLog.action, 'journey.leftover_started')));
    expect(audits).toHaveLength(1);

    // The same completion processed again (a retried delivery) starts no second journey.
    const event = completions.find((e) => e.workOrderId === id)!;
    await kefu.deps.db.transaction((tx) => publishBusinessEvent(kefu.deps, tx, event));
    expect(await journeysFrom(id)).toHaveLength(1);
  });

  it('JRN-1: everything accepted starts no leftover journey', async () => {
    const { id, url } = await onSite('JRN1-L2');
    const done = await finish(url, [
      { key: 'line:1', result: 'accepted' },
      { key: 'line:2', result: 'accepted' },
    ]);
    expect(done.statusCode, done.body).toBe(200);
    expect(completions.find((e) => e.workOrderId === id)?.leftoverIssues).toEqual([]);
    expect(await journeysFrom(id)).toHaveLength(0);
  });
});
