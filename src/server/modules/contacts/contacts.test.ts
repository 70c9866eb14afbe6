import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUnit, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';

let kefu: TestKefu;
let admin: HttpSession;
let agentA: HttpSession;
let agentB: HttpSession;
let trainee: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
let customerId: string;

beforeAll(async () => {
  kefu = await createTestKefu();
  admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  await createUser(admin, 'log.agent.a', org.storeA.id, 'agent');
  await createUser(admin, 'log.agent.b', org.storeB.id, 'agent');
  await createUser(admin, 'log.trainee', org.storeA.id, 'trainee');
  agentA = await kefu.login('log.agent.a', TEST_PASSWORD);
  agentB = await kefu.login('log.agent.b', TEST_PASSWORD);
  trainee = await kefu.login('log.trainee', TEST_PASSWORD);
  const c = await agentA.post('/api/v1/customers', {
    unitId: org.storeA.id,
    name: '赵丽',
    phones: [{ number: '13912345678' }],
  });
  customerId = c.json().id;
});
afterAll(() => kefu.close());

describe('IN-2 contact log', () => {
  it('IN-2: calls and visits are logged with or without a customer, and found again by summary or number', async () => {
    const call = await agentA.post('/api/v1/contacts', {
      customerId,
      channel: 'phone',
      summary: '咨询热水器保修期',
      phoneNumber: '139-1234-5678',
      occurredAt: '2026-03-02T01:30:00Z',
    });
    expect(call.statusCode, call.body).toBe(201);
    expect(call.json()).toMatchObject({
      unitId: org.storeA.id,
      customer: { id: customerId, name: '赵丽' },
      phoneNumber: '139****5678',
    });
    const visit = await agentA.post('/api/v1/contacts', {
      unitId: org.storeA.id,
      channel: 'walk_in',
      summary: '路过门店询问活动',
    });
    expect(visit.statusCode, visit.body).toBe(201);
    expect(visit.json().customer).toBeNull();

    const bySummary = (await agentA.get(`/api/v1/contacts?q=${encodeURIComponent('保修')}`)).json();
    expect(bySummary.items.map((c: { id: string }) => c.id)).toEqual([call.json().id]);
    const byNumber = (await agentA.get('/api/v1/contacts?q=5678')).json();
    expect(byNumber.items.map((c: { id: string }) => c.id)).toEqual([call.json().id]);
    const visits = (await agentA.get('/api/v1/contacts?channel=walk_in')).json();
    expect(visits.total).toBe(1);
    const window = (
      await agentA.get('/api/v1/contacts?from=2026-03-02T01:00:00Z&to=2026-03-02T01:45:00Z')
    ).json();
    expect(window.items.map((c: { id: string }) => c.id)).toEqual([call.json().id]);
    const card = (await agentA.get(`/api/v1/customers/${customerId}/card`)).json();
    expect(card.lastContacts.map((c: { summary: string }) => c.summary)).toEqual(['咨询热水器保修期']);
  });

  it("IN-2: store B sees none of store A's log; trainees read but cannot write (ORG-1)", async () => {
    expect((await agentB.get('/api/v1/contacts')).json().total).toBe(0);
    const other = await agentB.post('/api/v1/contacts', {
      unitId: org.storeA.id,
      channel: 'walk_in',
      summary: 'x',
    });
    expect(other.statusCode).toBe(404);
    expect(
      (await agentB.post('/api/v1/contacts', { customerId, channel: 'phone', summary: 'x' })).statusCode,
    ).toBe(404);
    expect((await trainee.get('/api/v1/contacts')).json().total).toBeGreaterThan(0);
    expect(
      (await trainee.post('/api/v1/contacts', { unitId: org.storeA.id, channel: 'walk_in', summary: 'x' }))
        .statusCode,
    ).toBe(403);
  });

  it('IN-2: bad input answers with a code and writes nothing', async () => {
    const bad = await agentA.post('/api/v1/contacts', {
      unitId: org.storeA.id,
      channel: 'phone',
      summary: 'x',
      phoneNumber: '12345',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('customers.invalid_phone');
    const future = await agentA.post('/api/v1/contacts', {
      unitId: org.storeA.id,
      channel: 'walk_in',
      summary: 'x',
      occurredAt: '2027-01-01T00:00:00Z',
    });
    expect(future.json().code).toBe('contacts.occurred_in_future');
    expect(
      (
        await agentA.post('/api/v1/contacts', {
          unitId: crypto.randomUUID(),
          channel: 'walk_in',
          summary: 'x',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await agentA.post('/api/v1/contacts', {
          customerId: crypto.randomUUID(),
          channel: 'walk_in',
          summary: 'x',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await agentA.post('/api/v1/contacts', { unitId: org.storeA.id, channel: 'fax', summary: 'x' }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await agentA.post('/api/v1/contacts', {
          unitId: org.storeA.id,
          channel: 'walk_in',
          summary: 'x',
          mood: 1,
        })
      ).statusCode,
    ).toBe(400);
    expect((await agentA.get(`/api/v1/contacts?q=${encodeURIComponent('x')}`)).json().total).toBe(0);
  });
});

describe('IN-8 letter register', () => {
  it('IN-8: letters carry their category and go to engineering, customer service or the store itself', async () => {
    const cs = await createUnit(admin, org.storeA.id, 'department', '客服中心');
    const letter = (category: string, extra: Record<string, unknown> = {}) =>
      agentA.post('/api/v1/contacts', {
        unitId: org.storeA.id,
        channel: 'letter',
        letterCategory: category,
        summary: `来函：${category}`,
        sender: '徐汇花园业委会',
        ...extra,
      });
    const report = await letter('service_report');
    expect(report.statusCode, report.body).toBe(201);
    expect(report.json().letter).toMatchObject({
      category: 'service_report',
      routedTo: { id: org.storeAEngineering.id, name: '工程部' },
    });
    expect(report.json().letter.receivedOn).toBe('2026-03-02');
    expect((await letter('complaint')).json().letter.routedTo.id).toBe(cs.id);
    expect((await letter('praise')).json().letter.routedTo.id).toBe(cs.id);
    // No administration department in this store: the store keeps the letter.
    expect((await letter('other_business')).json().letter.routedTo.id).toBe(org.storeA.id);
    const chosen = await letter('other_business', { letterRoutedToUnitId: cs.id, receivedOn: '2026-03-01' });
    expect(chosen.json().letter).toMatchObject({ routedTo: { id: cs.id }, receivedOn: '2026-03-01' });

    const register = (await agentA.get('/api/v1/contacts?channel=letter&pageSize=50')).json();
    expect(register.total).toBe(5);
    const complaints = (await agentA.get('/api/v1/contacts?channel=letter&letterCategory=complaint')).json();
    expect(complaints.total).toBe(1);

    const missing = await agentA.post('/api/v1/contacts', {
      unitId: org.storeA.id,
      channel: 'letter',
      summary: '无类别',
    });
    expect(missing.json().code).toBe('contacts.letter_category_required');
    const notLetter = await agentA.post('/api/v1/contacts', {
      unitId: org.storeA.id,
      channel: 'walk_in',
      summary: 'x',
      letterCategory: 'praise',
    });
    expect(notLetter.json().code).toBe('contacts.letter_fields_on_letter_only');
  });

  it('IN-2 / ORG-1: a contact may link only a customer and a ticket the caller sees — another store’s or a made-up id is 404', async () => {
    const ticketA = await agentA.post('/api/v1/tickets', {
      unitId: org.storeA.id,
      channel: 'phone',
      type: 'consultation_direct',
      subject: '徐汇店的咨询',
    });
    expect(ticketA.statusCode, ticketA.body).toBe(201);
    const own = await agentB.post('/api/v1/contacts', {
      unitId: org.storeB.id,
      channel: 'phone',
      summary: '成都来电',
    });
    expect(own.statusCode, own.body).toBe(201);
    const before = (await agentA.get('/api/v1/contacts?pageSize=100')).json().total as number;
    for (const [ref, code] of [
      [{ customerId }, 'customers.not_found'],
      [{ ticketId: ticketA.json().id }, 'tickets.not_found'],
      [{ customerId: randomUUID() }, 'customers.not_found'],
      [{ ticketId: randomUUID() }, 'tickets.not_found'],
    ] as const) {
      const created = await agentB.post('/api/v1/contacts', {
        unitId: org.storeB.id,
        channel: 'phone',
        summary: '试图关联',
        ...ref,
      });
      expect([created.statusCode, created.json().code]).toEqual([404, code]);
      const linked = await agentB.patch(`/api/v1/contacts/${own.json().id}`, ref);
      expect([linked.statusCode, linked.json().code]).toEqual([404, code]);
    }
    expect((await agentA.get('/api/v1/contacts?pageSize=100')).json().total).toBe(before);
    expect((await agentB.get(`/api/v1/contacts/${own.json().id}`)).json()).toMatchObject({
      customer: null,
      ticketId: null,
    });
  });
});
