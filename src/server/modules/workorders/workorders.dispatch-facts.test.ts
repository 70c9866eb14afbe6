import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { buildWorkOrderWorld, login } from './workorders.test-world';

describe('REP-1: dispatch only with the facts (address, product/model, purchase date)', () => {
  let kefu: TestKefu;
  let world: Awaited<ReturnType<typeof buildWorkOrderWorld>>;
  let sup: HttpSession;
  let tech: HttpSession;

  beforeAll(async () => {
    kefu = await createTestKefu();
    world = await buildWorkOrderWorld(kefu, 'df');
    sup = await login(kefu, 'dfsup');
    tech = await login(kefu, 'dftech');
  });
  afterAll(() => kefu.close());

  const window = {
    start: '2026-03-03T09:00:00+08:00',
    end: '2026-03-03T11:00:00+08:00',
    customerAgreed: true,
  };

  it('REP-1: an order without model and purchase date cannot be assigned; the answer names what is missing', async () => {
    // A repair for the customer, but no asset of the archive: the model and purchase date are unknown.
    const created = await sup.post('/api/v1/workorders', {
      unitId: world.store.id,
      type: 'repair',
      customerId: world.customerId,
      address: '上海市徐汇区漕溪北路 88 号 1201 室',
      problem: '不制冷',
    });
    expect(created.statusCode, created.body).toBe(201);
    const wo = created.json();
    expect(wo.missingFacts.map((m: { fact: string }) => m.fact)).toEqual(['product_model', 'purchase_date']);
    const url = `/api/v1/workorders/${wo.id}`;

    const refused = await sup.post(`${url}/assign`, { technicianId: world.people.tech.id });
    expect(refused.statusCode).toBe(422);
    const body = refused.json();
    expect(body.code).toBe('workorders.dispatch_facts_missing');
    expect(body.message).toContain('产品型号');
    expect(body.message).toContain('购买日期');
    expect(body.details.missing).toEqual([
      { fact: 'product_model', zh: '产品型号', en: 'product and model' },
      { fact: 'purchase_date', zh: '购买日期', en: 'purchase date' },
    ]);
    expect((await sup.get(url)).json()).toMatchObject({ state: 'new', technician: null });

    // Filling a missing fact says with whom it was checked.
    const silent = await sup.patch(url, { productModel: 'KFR-35GW', purchaseDate: '2025-06-01' });
    expect(silent.statusCode).toBe(422);
    expect(silent.json().code).toBe('workorders.clarification_required');
    const filled = await sup.patch(url, {
      productModel: 'KFR-35GW',
      purchaseDate: '2025-06-01',
      clarification: { with: 'salesperson', contactName: '李业务', note: '查销售单' },
    });
    expect(filled.statusCode, filled.body).toBe(200);
    expect(filled.json()).toMatchObject({
      productModel: 'KFR-35GW',
      purchaseDate: '2025-06-01',
      missingFacts: [],
      factsClarifications: [
        {
          facts: ['product_model', 'purchase_date'],
          with: 'salesperson',
          contactName: '李业务',
          note: '查销售单',
          by: { id: world.people.supervisor.id },
        },
      ],
    });
    const assigned = await sup.post(`${url}/assign`, { technicianId: world.people.tech.id });
    expect(assigned.statusCode, assigned.body).toBe(200);
  });

  it('REP-1: the asset of the archive supplies model and purchase date; an address is still needed', async () => {
    const admin = world.admin;
    const bare = await admin.post('/api/v1/customers', {
      unitId: world.store.id,
      name: '赵先生',
      phones: [{ number: '13912345678' }],
      assets: [{ kind: 'product', name: '空调', model: 'KFR-50LW', purchaseDate: '2025-08-08' }],
    });
    expect(bare.statusCode, bare.body).toBe(201);
    const c = bare.json();
    const wo = (
      await sup.post('/api/v1/workorders', {
        unitId: world.store.id,
        type: 'install',
        customerId: c.id,
        assetId: c.assets[0].id,
        problem: '安装',
      })
    ).json();
    expect(wo.missingFacts).toEqual([{ fact: 'address', zh: '上门地址', en: 'visit address' }]);
    const refused = await sup.post(`/api/v1/workorders/${wo.id}/assign`, {
      technicianId: world.people.tech.id,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toContain('上门地址');
    expect(refused.json().details.missing.map((m: { fact: string }) => m.fact)).toEqual(['address']);
  });

  it('REP-1: the technician cannot depart when a fact was removed after assignment', async () => {
    const wo = (
      await sup.post('/api/v1/workorders', {
        unitId: world.store.id,
        type: 'repair',
        customerId: world.customerId,
        productModel: 'JSQ-20',
        purchaseDate: '2024-05-05',
        problem: '不出热水',
      })
    ).json();
    expect(wo.missingFacts).toEqual([]);
    const url = `/api/v1/workorders/${wo.id}`;
    expect((await sup.post(`${url}/assign`, { technicianId: world.people.tech.id })).statusCode).toBe(200);
    expect((await sup.post(`${url}/appointment`, window)).statusCode).toBe(200);
    // The customer has moved: the old address is cleared until the new one is checked.
    expect((await sup.patch(url, { address: '' })).statusCode).toBe(200);
    await tech.post(`${url}/checklist`, {
      partsPrepared: true,
      documentsPrinted: true,
      addressConfirmed: true,
      arrivalTimeConfirmed: true,
    });
    const refused = await tech.post(`${url}/depart`, {});
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('workorders.dispatch_facts_missing');
    expect((await sup.get(url)).json().state).not.toBe('en_route');
  });
});
