import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onBusinessEvent, type BusinessEvent } from '../../app/business-events';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { acceptance, buildWorkOrderWorld, login, signedCallOutQuote } from './workorders.test-world';

const events: BusinessEvent[] = [];
onBusinessEvent(
  'workorder.completed',
  'workorders-acceptance-test',
  async (_d, _t, e) => void events.push(e),
);

describe('the feedback form per business type, accepted item by item (SAT-1, REP-5)', () => {
  let kefu: TestKefu;
  let world: Awaited<ReturnType<typeof buildWorkOrderWorld>>;
  let sup: HttpSession;
  let tech: HttpSession;
  let mgr: HttpSession;

  beforeAll(async () => {
    kefu = await createTestKefu();
    world = await buildWorkOrderWorld(kefu, 'wa');
    sup = await login(kefu, 'wasup');
    tech = await login(kefu, 'watech');
    mgr = await login(kefu, 'wamgr');
  });
  afterAll(() => kefu.close());

  /** An order of `type` taken to on_site with its visit recorded. */
  const onSite = async (type: 'install' | 'repair', extra: Record<string, unknown> = {}) => {
    const created = await sup.post('/api/v1/workorders', {
      unitId: world.store.id,
      type,
      customerId: world.customerId,
      productModel: 'SF-3',
      purchaseDate: '2026-02-20',
      problem: type === 'install' ? '送货安装三人沙发和茶几' : '沙发扶手松动',
      ...extra,
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
    if ((await sup.get(url)).json().serviceClass === 'A') await signedCallOutQuote(kefu, 'wa', url);
    expect((await tech.post(`${url}/depart`, {})).json().state).toBe('en_route');
    expect((await tech.post(`${url}/arrive`, {})).json().state).toBe('on_site');
    await tech.post(`${url}/visit`, {
      workDone: '送货到家并安装完毕',
      minutesSpent: 60,
      diagnosis: { finding: 'installation' },
    });
    return { id: created.json().id as string, url };
  };
  const finish = (url: string, body: Record<string, unknown>) =>
    tech.post(`${url}/finish`, {
      workDone: '送货到家并安装完毕',
      minutesSpent: 60,
      diagnosis: { finding: 'installation' },
      acceptance: { ...acceptance(), ...body },
    });

  it('SAT-1: a unit has a business type, set by the administrator and inherited below', async () => {
    const hq = await world.admin.patch(`/api/v1/units/${world.org.hq.id}`, { businessType: 'furniture' });
    expect(hq.statusCode, hq.body).toBe(200);
    expect(hq.json().businessType).toBe('furniture');
    const store = (await world.admin.get(`/api/v1/units/${world.store.id}`)).json();
    expect(store.businessType).toBeNull(); // its own is unset: it takes the company's
    const bad = await world.admin.patch(`/api/v1/units/${world.store.id}`, { businessType: 'bakery' });
    expect(bad.statusCode).toBe(400);
  });

  it('SAT-1: a furniture installation rates sales service, workmanship and installation service, item by item against the order', async () => {
    await world.admin.patch(`/api/v1/units/${world.org.hq.id}`, { businessType: 'furniture' });
    const sold = await mgr.post('/api/v1/orders', {
      unitId: world.store.id,
      customerId: world.customerId,
      orderNo: 'SAT1-F1',
      orderedAt: '2026-02-20T15:00:00+08:00',
      lines: [
        { product: '三人沙发', model: 'SF-3', priceFen: 599900, paidFen: 599900 },
        { product: '茶几', quantity: 1, priceFen: 129900, paidFen: 129900 },
      ],
    });
    expect(sold.statusCode, sold.body).toBe(201);
    const { id, url } = await onSite('install', { orderId: sold.json().id });
    const form = (await sup.get(url)).json().acceptanceForm;
    expect(form.template).toBe('installation');
    expect(form.aspects.map((a: { key: string }) => a.key)).toEqual([
      'sales_service',
      'workmanship',
      'installation_service',
    ]);
    expect(form.aspects[0].label).toEqual({ zh: '销售服务', en: 'Sales service' });
    expect(form.order).toMatchObject({ orderNo: 'SAT1-F1' });
    expect(form.items).toEqual([
      { key: 'line:1', name: '三人沙发 SF-3', quantity: 1 },
      { key: 'line:2', name: '茶几', quantity: 1 },
    ]);

    const ratings = { sales_service: 5, workmanship: 4, installation_service: 5 };
    // The repair form's four aspects are not this form's.
    const wrong = await finish(url, { items: [] });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({
      code: 'workorders.acceptance_incomplete',
      details: { code: 'aspect_unknown', aspect: 'service' },
    });
    // Every item answered before the signature; a problem is described.
    const unanswered = await finish(url, { ratings, items: [{ key: 'line:1', result: 'accepted' }] });
    expect(unanswered.json().details).toEqual({ code: 'item_unanswered', item: '茶几' });
    const undescribed = await finish(url, {
      ratings,
      items: [
        { key: 'line:1', result: 'accepted' },
        { key: 'line:2', result: 'problem' },
      ],
    });
    expect(undescribed.json().details).toEqual({ code: 'item_note_missing', item: '茶几' });
    expect((await sup.get(url)).json()).toMatchObject({ state: 'on_site', acceptance: null });

    const done = await finish(url, {
      ratings,
      items: [
        { key: 'line:1', result: 'accepted' },
        { key: 'line:2', result: 'problem', note: '桌面有划痕' },
      ],
    });
    expect(done.statusCode, done.body).toBe(200);
    const detail = (await sup.get(url)).json();
    expect(detail.state).toBe('completed');
    expect(detail.acceptance).toMatchObject({
      template: 'installation',
      ratings,
      items: [
        { key: 'line:1', name: '三人沙发 SF-3', result: 'accepted', note: '' },
        { key: 'line:2', name: '茶几', result: 'problem', note: '桌面有划痕' },
      ],
    });
    // The item not accepted is a leftover issue (遗留问题), announced with the completion.
    const completed = events.find((e) => e.type === 'workorder.completed' && e.workOrderId === id);
    expect(completed).toMatchObject({
      leftoverIssues: [{ key: 'line:2', name: '茶几', note: '桌面有划痕' }],
    });
    // REP-9: the feedback form prints the items and the template's aspects.
    const print = (await sup.get(`${url}/print?form=feedback`)).json();
    expect(print.workOrder.acceptanceForm.items).toHaveLength(2);
    expect(print.workOrder.acceptance.items[1]).toMatchObject({ result: 'problem' });
  });

  it('SAT-1: an order of another customer cannot be linked', async () => {
    const other = await mgr.post('/api/v1/customers', {
      unitId: world.store.id,
      name: '赵先生',
      phones: [{ number: '13912340099' }],
    });
    const sold = await mgr.post('/api/v1/orders', {
      unitId: world.store.id,
      customerId: other.json().id,
      orderNo: 'SAT1-X1',
      orderedAt: '2026-02-20T15:00:00+08:00',
      lines: [{ product: '书柜', priceFen: 100000, paidFen: 100000 }],
    });
    expect(sold.statusCode, sold.body).toBe(201);
    const created = await sup.post('/api/v1/workorders', {
      unitId: world.store.id,
      type: 'install',
      customerId: world.customerId,
      orderId: sold.json().id,
      problem: '安装书柜',
    });
    expect(created.json().code).toBe('workorders.order_of_other_customer');
  });

  it('SAT-1: the order picker offers only the customer’s own orders, newest first', async () => {
    const later = await mgr.post('/api/v1/orders', {
      unitId: world.store.id,
      customerId: world.customerId,
      orderNo: 'SAT1-F2',
      orderedAt: '2026-02-25T10:00:00+08:00',
      lines: [{ product: '餐桌', priceFen: 300000, paidFen: 300000 }],
    });
    expect(later.statusCode, later.body).toBe(201);
    const res = await sup.get(`/api/v1/workorders/linkable-orders?customerId=${world.customerId}`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { orderNo: string; products: string[]; unitName: string }[];
    // SAT1-X1 belongs to 赵先生 and is not offered.
    expect(items.map((o) => o.orderNo)).toEqual(['SAT1-F2', 'SAT1-F1']);
    expect(items[1]).toMatchObject({ products: ['三人沙发', '茶几'], unitName: world.store.name });
    const unknown = await sup.get(
      '/api/v1/workorders/linkable-orders?customerId=00000000-0000-4000-8000-000000000000',
    );
    expect(unknown.statusCode).toBe(404);
    const bad = await sup.get('/api/v1/workorders/linkable-orders?customerId=nope');
    expect(bad.statusCode).toBe(400);
  });

  it('SAT-1: a repair outside the installation businesses keeps the four repair aspects', async () => {
    await world.admin.patch(`/api/v1/units/${world.org.hq.id}`, { businessType: 'auto_repair' });
    const { url } = await onSite('repair');
    const form = (await sup.get(url)).json().acceptanceForm;
    expect(form.template).toBe('repair');
    expect(form.aspects.map((a: { key: string }) => a.key)).toEqual([
      'service',
      'workmanship',
      'punctuality',
      'attitude',
    ]);
    // The repaired product itself is accepted (the model typed on the order here).
    expect(form.items).toEqual([{ key: 'product', name: 'SF-3', quantity: 1 }]);
    expect((await finish(url, {})).statusCode).toBe(200);
    expect((await sup.get(url)).json().acceptance).toMatchObject({
      template: 'repair',
      ratings: { service: 5, workmanship: 4, punctuality: 5, attitude: 5 },
    });
  });

  it('SAT-1: a repair is accepted item by item on the repaired product itself (the archive asset, else the typed model) with the parts it needed; left unanswered it is 422', async () => {
    await world.admin.patch(`/api/v1/units/${world.org.hq.id}`, { businessType: 'auto_repair' });
    const { url } = await onSite('repair', {
      assetId: world.inWarrantyAssetId,
      partsNeeded: [{ name: '启动电容', quantity: 2 }],
    });
    const form = (await sup.get(url)).json().acceptanceForm;
    expect(form.template).toBe('repair');
    // The archive's name and model win over the typed model; the parts follow the product.
    expect(form.items).toEqual([
      { key: 'product', name: '空调 KFR-35GW', quantity: 1 },
      { key: 'part:0', name: '启动电容', quantity: 2 },
    ]);
    const unanswered = await finish(url, { items: [{ key: 'part:0', result: 'accepted' }] });
    expect(unanswered.statusCode).toBe(422);
    expect(unanswered.json()).toMatchObject({
      code: 'workorders.acceptance_incomplete',
      details: { code: 'item_unanswered', item: '空调 KFR-35GW' },
    });
    const done = await finish(url, {
      items: [
        { key: 'product', result: 'problem', note: '外机仍有异响' },
        { key: 'part:0', result: 'accepted' },
      ],
    });
    expect(done.statusCode, done.body).toBe(200);
    expect((await sup.get(url)).json().acceptance.items).toEqual([
      { key: 'product', name: '空调 KFR-35GW', quantity: 1, result: 'problem', note: '外机仍有异响' },
      { key: 'part:0', name: '启动电容', quantity: 2, result: 'accepted', note: '' },
    ]);
  });

  it('SAT-1: a repair linked to a sales order accepts the order line it repairs', async () => {
    const order = await mgr.post('/api/v1/orders', {
      unitId: world.store.id,
      customerId: world.customerId,
      orderNo: 'SAT1-R1',
      orderedAt: '2026-02-01T10:00:00+08:00',
      lines: [{ product: '冰箱', model: 'BCD-520', priceFen: 499900, paidFen: 499900 }],
    });
    expect(order.statusCode, order.body).toBe(201);
    const { url } = await onSite('repair', { orderId: order.json().id });
    const form = (await sup.get(url)).json().acceptanceForm;
    expect(form.items).toEqual([{ key: 'line:1', name: '冰箱 BCD-520', quantity: 1 }]);
  });
});
