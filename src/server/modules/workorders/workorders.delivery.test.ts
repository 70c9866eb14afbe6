import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { careTasks } from '../care/care.table';
import { WORK_ORDER_TYPE_LABELS } from './workorders.schemas';
import { buildWorkOrderWorld, login } from './workorders.test-world';

/**
 * A delivery (送货/配送) is a work-order type of its own, run as the delivery & installation manual
 * runs it (JRN-3): dispatched only with the facts (REP-1), booked at least 5 working days ahead with
 * a reconfirmation call (REP-2), and accepted on the delivery & installation form (SAT-1).
 */
describe('the delivery work order (送货, REP-1, REP-2, SAT-1, JRN-3)', () => {
  let kefu: TestKefu;
  let world: Awaited<ReturnType<typeof buildWorkOrderWorld>>;
  let sup: HttpSession;

  beforeAll(async () => {
    kefu = await createTestKefu();
    kefu.clock.set(new Date('2026-03-02T09:00:00+08:00'));
    world = await buildWorkOrderWorld(kefu, 'dv');
    sup = await login(kefu, 'dvsup');
    // Not a furniture or installer business: the delivery still rates on the delivery form.
    await world.admin.patch(`/api/v1/units/${world.org.hq.id}`, { businessType: 'auto_repair' });
  });
  afterAll(() => kefu.close());

  const delivery = async (extra: Record<string, unknown> = {}) => {
    const res = await sup.post('/api/v1/workorders', {
      unitId: world.store.id,
      type: 'delivery',
      customerId: world.customerId,
      contactPhone: '13812345678',
      problem: '送货上门：空调一台',
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return { id: res.json().id as string, url: `/api/v1/workorders/${res.json().id}`, body: res.json() };
  };

  it('REP-1: a delivery without the product and purchase date cannot be dispatched; the answer names them', async () => {
    const wo = await delivery({ address: '上海市徐汇区漕溪北路 88 号 1201 室' });
    expect(wo.body.type).toBe('delivery');
    expect(wo.body.missingFacts.map((m: { fact: string }) => m.fact)).toEqual([
      'product_model',
      'purchase_date',
    ]);
    const refused = await sup.post(`${wo.url}/assign`, { technicianId: world.people.tech.id });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('workorders.dispatch_facts_missing');
  });

  it('REP-2, JRN-3: a delivery booked under 5 working days ahead is warned; booked properly it gets the reconfirmation call', async () => {
    const wo = await delivery({ assetId: world.inWarrantyAssetId });
    expect((await sup.post(`${wo.url}/assign`, { technicianId: world.people.tech.id })).statusCode).toBe(200);
    const soon = await sup.post(`${wo.url}/appointment`, {
      start: '2026-03-03T09:00:00+08:00',
      end: '2026-03-03T11:00:00+08:00',
      customerAgreed: true,
    });
    expect(soon.statusCode, soon.body).toBe(200);
    expect(soon.json().warnings.map((w: { code: string }) => w.code)).toContain(
      'install_less_than_5_working_days',
    );

    const other = await delivery({ assetId: world.inWarrantyAssetId });
    expect((await sup.post(`${other.url}/assign`, { technicianId: world.people.tech.id })).statusCode).toBe(
      200,
    );
    const booked = await sup.post(`${other.url}/appointment`, {
      start: '2026-03-16T10:00:00+08:00',
      end: '2026-03-16T12:00:00+08:00',
      customerAgreed: true,
    });
    expect(booked.statusCode, booked.body).toBe(200);
    expect(booked.json().warnings ?? []).toEqual([]);
    const calls = await kefu.deps.db
      .select()
      .from(careTasks)
      .where(and(eq(careTasks.sourceId, other.id), eq(careTasks.ruleCode, 'installation_reconfirm')));
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ channel: 'call', state: 'open', sourceType: 'workorder' });
  });

  it('SAT-1: a delivery is accepted on the delivery & installation form — sales service, workmanship, installation service — with the goods delivered as the item', async () => {
    const wo = await delivery({ assetId: world.inWarrantyAssetId });
    const form = (await sup.get(wo.url)).json().acceptanceForm;
    expect(form.template).toBe('installation');
    expect(form.aspects).toEqual([
      { key: 'sales_service', label: { zh: '销售服务', en: 'Sales service' } },
      { key: 'workmanship', label: { zh: '施工/安装质量', en: 'Workmanship' } },
      { key: 'installation_service', label: { zh: '安装服务', en: 'Installation service' } },
    ]);
    expect(form.items).toEqual([{ key: 'product', name: '空调 KFR-35GW', quantity: 1 }]);
  });

  it('issue 18: the delivery type is named 送货 / Delivery and the list filters by it', async () => {
    expect(WORK_ORDER_TYPE_LABELS.delivery).toEqual({ zh: '送货', en: 'Delivery' });
    await sup.post('/api/v1/workorders', {
      unitId: world.store.id,
      type: 'repair',
      customerId: world.customerId,
      assetId: world.inWarrantyAssetId,
      problem: '不制冷',
    });
    const listed = await sup.get(`/api/v1/workorders?unitId=${world.store.id}&type=delivery&pageSize=100`);
    expect(listed.statusCode, listed.body).toBe(200);
    const types = (listed.json().items as { type: string }[]).map((i) => i.type);
    expect(types.length).toBeGreaterThanOrEqual(4);
    expect(new Set(types)).toEqual(new Set(['delivery']));
    expect(
      (await sup.post('/api/v1/workorders', { unitId: world.store.id, type: 'shipping', problem: 'x' }))
        .statusCode,
    ).toBe(400);
  });
});
