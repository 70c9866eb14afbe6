import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';

let kefu: TestKefu;
let admin: HttpSession;
let agentA: HttpSession;
let agentB: HttpSession;
let supervisorA: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
let wangId: string;

beforeAll(async () => {
  kefu = await createTestKefu();
  admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  await createUser(admin, 'cust.agent.a', org.storeA.id, 'agent');
  await createUser(admin, 'cust.agent.b', org.storeB.id, 'agent');
  await createUser(admin, 'cust.super.a', org.storeA.id, 'cs_supervisor');
  agentA = await kefu.login('cust.agent.a', TEST_PASSWORD);
  agentB = await kefu.login('cust.agent.b', TEST_PASSWORD);
  supervisorA = await kefu.login('cust.super.a', TEST_PASSWORD);
  const res = await agentA.post('/api/v1/customers', {
    unitId: org.storeA.id,
    name: '王建国',
    identityNumber: '310104199001011234',
    phones: [{ number: '+86 138-1234-5678', label: '手机' }, { number: '(021)64321234' }],
    addresses: [{ address: '上海市徐汇区漕溪北路 88 号 1201 室' }],
    assets: [
      {
        kind: 'house',
        name: '徐汇花园 3 号楼',
        number: '3-1201',
        purchaseDate: '2023-05-01',
        warrantyEnd: '2025-05-01',
      },
    ],
  });
  expect(res.statusCode, res.body).toBe(201);
  wangId = res.json().id;
});
afterAll(() => kefu.close());

describe('CUS-1 customer records', () => {
  it('CUS-1: one body creates phones, addresses and assets; editing keeps asset ids', async () => {
    const got = (await agentA.get(`/api/v1/customers/${wangId}`)).json();
    expect(got.phones).toHaveLength(2);
    expect(got.phones[0].isPrimary).toBe(true);
    expect(got.addresses[0].address).toContain('漕溪北路');
    const assetId = got.assets[0].id;
    const patched = await agentA.patch(`/api/v1/customers/${wangId}`, {
      assets: [
        { id: assetId, kind: 'house', name: '徐汇花园 3 号楼', number: '3-1201', serviceIntervalDays: 365 },
        { kind: 'product', name: '燃气热水器', model: 'JSQ25-13', purchaseDate: '2024-01-10' },
      ],
      phones: got.phones.map((p: { id: string }) => ({ id: p.id })),
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const assets = patched.json().assets as { id: string; serviceIntervalDays: number | null }[];
    expect(assets).toHaveLength(2);
    expect(assets.find((a) => a.id === assetId)?.serviceIntervalDays).toBe(365);
    expect(patched.json().phones).toHaveLength(2);
  });
});

describe('CUS-4 masking and unmasking', () => {
  it('CUS-4: an agent sees masked numbers; a supervisor sees them in full', async () => {
    const masked = (await agentA.get(`/api/v1/customers/${wangId}`)).json();
    expect(masked.masked).toBe(true);
    expect(masked.phones.map((p: { number: string }) => p.number).sort()).toEqual([
      '021-****1234',
      '138****5678',
    ]);
    expect(masked.identityNumber).toBe('310104********1234');
    const full = (await supervisorA.get(`/api/v1/customers/${wangId}`)).json();
    expect(full.masked).toBe(false);
    expect(full.phones.map((p: { number: string }) => p.number)).toContain('138 1234 5678');
  });

  it('CUS-4: unmasking needs the right and a reason, and is written to the audit trail (CUS-3)', async () => {
    const refused = await agentA.post(`/api/v1/customers/${wangId}/unmask`, { reason: '核实身份' });
    expect(refused.statusCode).toBe(403);
    expect((await supervisorA.post(`/api/v1/customers/${wangId}/unmask`, {})).statusCode).toBe(400);
    const res = await supervisorA.post(`/api/v1/customers/${wangId}/unmask`, {
      reason: '客户来电要求核对预留号码',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().identityNumber).toBe('310104199001011234');
    expect(
      res
        .json()
        .phones.map((p: { normalized: string }) => p.normalized)
        .sort(),
    ).toEqual(['02164321234', '13812345678']);
    const audit = (
      await admin.get(
        `/api/v1/audit?subjectType=customer&subjectId=${wangId}&action=customer.numbers_unmasked`,
      )
    ).json();
    expect(audit.total).toBe(1);
    expect(audit.items[0].after.reason).toBe('客户来电要求核对预留号码');
    expect(audit.items[0].actor.displayName).toBe('cust.super.a');
  });
});

describe('IN-3 search by any spelling of a number', () => {
  it.each([
    '13812345678',
    '138 1234 5678',
    '+8613812345678',
    '5678',
    '１３８１２３４',
    '021-6432 1234',
    '64321234',
  ])('IN-3: %s finds the customer', async (q) => {
    const res = await agentA.get(`/api/v1/customers?q=${encodeURIComponent(q)}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((c: { id: string }) => c.id)).toContain(wangId);
  });
  it('IN-3: names match by substring; fewer than 4 digits is refused with a code', async () => {
    expect((await agentA.get(`/api/v1/customers?q=${encodeURIComponent('建国')}`)).json().items[0].id).toBe(
      wangId,
    );
    const short = await agentA.get('/api/v1/customers?q=138');
    expect(short.statusCode).toBe(400);
    expect(short.json().code).toBe('customers.phone_query_too_short');
  });
});

describe('CUS-6 / CMP-7 special attention', () => {
  it('CUS-6: the flag with reason and note shows on the record and the card', async () => {
    const res = await agentA.patch(`/api/v1/customers/${wangId}`, {
      specialAttention: { reason: '重复投诉', note: '2025 年三次投诉漏水，接待时请主管陪同' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().specialAttention).toMatchObject({
      reason: '重复投诉',
      note: '2025 年三次投诉漏水，接待时请主管陪同',
    });
    const card = await agentA.get(`/api/v1/customers/${wangId}/card`);
    expect(card.statusCode, card.body).toBe(200);
    expect(card.json().specialAttention.reason).toBe('重复投诉');
    expect(card.json().phones[0].number).toBe('138****5678');
    expect(card.json().openTickets).toEqual([]);
    const list = (await agentA.get('/api/v1/customers?specialAttention=true')).json();
    expect(list.items.map((c: { id: string }) => c.id)).toEqual([wangId]);
  });
});

describe('ORG-1 scoping and bad input', () => {
  it('ORG-1: a store B agent gets 404 for the store A customer and search does not find it', async () => {
    const res = await agentB.get(`/api/v1/customers/${wangId}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('customers.not_found');
    expect((await agentB.get(`/api/v1/customers/${wangId}/card`)).statusCode).toBe(404);
    expect((await agentB.patch(`/api/v1/customers/${wangId}`, { name: 'x' })).statusCode).toBe(404);
    expect((await agentB.get('/api/v1/customers?q=13812345678')).json().items).toEqual([]);
    expect((await agentB.get(`/api/v1/customers?q=${encodeURIComponent('王建国')}`)).json().total).toBe(0);
    const create = await agentB.post('/api/v1/customers', { unitId: org.storeA.id, name: '越权' });
    expect(create.statusCode).toBe(404);
  });

  it('CUS-1: a number that is not one, unknown ids and unknown fields are refused; nothing half-written', async () => {
    const bad = await agentA.post('/api/v1/customers', {
      unitId: org.storeA.id,
      name: '李四',
      phones: [{ number: '12345' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('customers.invalid_phone');
    expect((await agentA.get(`/api/v1/customers?q=${encodeURIComponent('李四')}`)).json().total).toBe(0);
    const unknownUnit = await agentA.post('/api/v1/customers', { unitId: crypto.randomUUID(), name: '李四' });
    expect(unknownUnit.statusCode).toBe(404);
    expect(unknownUnit.json().code).toBe('org.unit_not_found');
    expect((await agentA.get(`/api/v1/customers/${crypto.randomUUID()}`)).statusCode).toBe(404);
    const extra = await agentA.post('/api/v1/customers', { unitId: org.storeA.id, name: '李四', vip: true });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().code).toBe('validation.failed');
    const foreignPhone = await agentA.patch(`/api/v1/customers/${wangId}`, {
      phones: [{ id: crypto.randomUUID() }],
    });
    expect(foreignPhone.statusCode).toBe(404);
    expect(foreignPhone.json().code).toBe('customers.item_not_found');
    expect((await agentA.get(`/api/v1/customers/${wangId}`)).json().phones).toHaveLength(2);
  });
});
