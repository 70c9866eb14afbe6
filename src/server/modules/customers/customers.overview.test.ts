import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import type { CustomerOverview } from '../../../shared/customers';

// CUS-1: the 360° view of a customer — each section read through its own module, scoped by the
// viewer's units, numbers in free text masked for a viewer without the unmask right.

let kefu: TestKefu;
let admin: HttpSession;
let agentA: HttpSession;
let traineeA: HttpSession;
let agentB: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
let customerId: string;

async function overviewOf(session: HttpSession, id: string) {
  const res = await session.get(`/api/v1/customers/${id}/overview`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as CustomerOverview;
}

beforeAll(async () => {
  kefu = await createTestKefu();
  admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  await createUser(admin, 'ov.agent.a', org.storeA.id, 'agent');
  await createUser(admin, 'ov.trainee.a', org.storeA.id, 'trainee');
  await createUser(admin, 'ov.agent.b', org.storeB.id, 'agent');
  agentA = await kefu.login('ov.agent.a', TEST_PASSWORD);
  traineeA = await kefu.login('ov.trainee.a', TEST_PASSWORD);
  agentB = await kefu.login('ov.agent.b', TEST_PASSWORD);
  const created = await agentA.post('/api/v1/customers', {
    unitId: org.storeA.id,
    name: '周全景',
    phones: [{ number: '13912345678' }],
    assets: [{ kind: 'product', name: '燃气热水器', model: 'JSQ-16', number: 'SN-001' }],
  });
  expect(created.statusCode, created.body).toBe(201);
  customerId = created.json().id;
  // The same customer served in store A and (by the administrator) in store B.
  for (const unitId of [org.storeA.id, org.storeB.id]) {
    const order = await admin.post('/api/v1/orders', {
      unitId,
      customerId,
      orderNo: `OV-${unitId.slice(0, 8)}`,
      orderedAt: '2026-11-01T02:00:00.000Z',
      lines: [{ product: '燃气热水器', priceFen: 300000, paidFen: 300000 }],
    });
    expect(order.statusCode, order.body).toBe(201);
    const ticket = await admin.post('/api/v1/tickets', {
      unitId,
      customerId,
      type: 'repair',
      channel: 'phone',
      subject: '热水器不点火',
      description: '客户留了另一个号码 13987654321，请回电',
    });
    expect(ticket.statusCode, ticket.body).toBe(201);
    const contact = await admin.post('/api/v1/contacts', {
      unitId,
      customerId,
      channel: 'phone',
      summary: '来电报修，回拨 13987654321',
    });
    expect(contact.statusCode, contact.body).toBe(201);
  }
  const member = await admin.post('/api/v1/members', { customerId });
  expect(member.statusCode, member.body).toBe(201);
  const points = await admin.post(`/api/v1/members/${member.json().id}/points`, {
    kind: 'earn',
    points: 120,
    reason: '购买热水器',
  });
  expect(points.statusCode, points.body).toBeLessThan(300);
});
afterAll(() => kefu.close());

describe('CUS-1 360° view', () => {
  it('CUS-1: every section with its count; a store agent sees only their store’s orders, tickets and contacts', async () => {
    const all = await overviewOf(admin, customerId);
    expect(all.sections.orders.total).toBe(2);
    expect(all.sections.tickets.total).toBe(2);
    expect(all.sections.contacts.total).toBe(2);
    expect(all.sections.assets).toMatchObject({ allowed: true, total: 1 });
    expect(all.sections.assets.items[0]!.title).toContain('燃气热水器');
    expect(all.sections.workOrders).toMatchObject({ allowed: true, total: 0 });
    // The orders' care rules (CARE-1) planned follow-up calls in both stores.
    expect(all.sections.followUps.total).toBeGreaterThanOrEqual(2);
    // Surveys the follow-ups sent, if any: all listed (fewer than a page), each titled.
    expect(all.sections.surveys.allowed).toBe(true);
    expect(all.sections.surveys.items).toHaveLength(all.sections.surveys.total);
    for (const s of all.sections.surveys.items) expect(s.title).not.toBe('');
    expect(all.member).toMatchObject({ balance: 120 });
    expect(all.sections.membership.items[0]).toMatchObject({ title: '+120', detail: '购买热水器' });

    const mine = await overviewOf(agentA, customerId);
    expect(mine.sections.orders.total).toBe(1);
    expect(mine.sections.orders.items.map((o) => o.unitName)).toEqual(['上海徐汇店']);
    expect(mine.sections.tickets.total).toBe(1);
    expect(mine.sections.contacts.total).toBe(1);
    expect(mine.sections.orders.items[0]!.detail).toContain('燃气热水器');
    expect(mine.sections.followUps.total).toBeGreaterThan(0);
    expect(mine.sections.followUps.total).toBeLessThan(all.sections.followUps.total);
    expect(new Set(mine.sections.followUps.items.map((f) => f.unitName))).toEqual(new Set(['上海徐汇店']));
    // The agent of the other store does not see the customer at all.
    expect((await agentB.get(`/api/v1/customers/${customerId}/overview`)).statusCode).toBe(404);
  });

  it('CUS-1 / CUS-4: numbers in the sections are masked for a viewer without the unmask right', async () => {
    const mine = await overviewOf(agentA, customerId);
    const body = JSON.stringify(mine);
    expect(body).not.toContain('13987654321');
    expect(mine.sections.tickets.items[0]!.detail).toContain('139****4321');
    expect(mine.sections.contacts.items[0]!.title).toContain('139****4321');
    // The administrator holds the right and reads them in full.
    expect(JSON.stringify(await overviewOf(admin, customerId))).toContain('13987654321');
  });

  it('CUS-1: a section the viewer may not read is marked so and carries nothing', async () => {
    const trainee = await overviewOf(traineeA, customerId);
    expect(trainee.sections.orders).toEqual({ allowed: false, total: 0, items: [] });
    expect(trainee.sections.workOrders.allowed).toBe(false);
    expect(trainee.sections.tickets).toMatchObject({ allowed: true, total: 1 });
  });

  it('CUS-3: opening the 360° view is logged as a view of the record', async () => {
    const res = await admin.get(`/api/v1/customers/access?customerId=${customerId}&kind=view`);
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as { total: number }).total).toBeGreaterThan(0);
  });
});
