import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { auditLog } from '../audit/audit.table';
import { contacts } from '../contacts/contacts.table';
import { tickets } from '../tickets/tickets.table';

let kefu: TestKefu;
let agent: HttpSession;
let colleague: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
let customerId: string;

beforeAll(async () => {
  kefu = await createTestKefu();
  const admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  await createUser(admin, 'call.agent', org.storeA.id, 'agent');
  await createUser(admin, 'call.colleague', org.storeA.id, 'agent');
  agent = await kefu.login('call.agent', TEST_PASSWORD);
  colleague = await kefu.login('call.colleague', TEST_PASSWORD);
  const c = await agent.post('/api/v1/customers', {
    unitId: org.storeA.id,
    name: '周海燕',
    phones: [{ number: '139 1234 5678' }],
  });
  expect(c.statusCode, c.body).toBe(201);
  customerId = c.json().id;
});
afterAll(() => kefu.close());

/** The signed-in agent's own desk rings (the 模拟来电 path: no extension, the poster's browser). */
async function ring(session: HttpSession, callId: string, callerNumber: string) {
  const res = await session.post('/api/v1/telephony/events', { event: 'ringing', callId, callerNumber });
  expect(res.statusCode, res.body).toBe(202);
  return res.json() as { contactId: string };
}

const callRow = async (callId: string) =>
  (await kefu.deps.db.select().from(contacts).where(eq(contacts.callId, callId)))[0]!;

describe('a ticket taken from a call', () => {
  it('IN-3 / IN-4: the ticket keeps the number that called although the agent only sees it masked, and the call log row gets the ticket', async () => {
    await ring(agent, 'intake-1', '13912345678');
    const res = await agent.post('/api/v1/tickets', {
      unitId: org.storeA.id,
      type: 'repair',
      channel: 'phone',
      subject: '空调不制冷',
      customerId,
      callId: 'intake-1',
    });
    expect(res.statusCode, res.body).toBe(201);
    const ticket = res.json();
    // The agent reads it masked, and nothing says the number is missing.
    expect(ticket.contactPhone).toMatch(/^139\*+5678$/);
    expect(ticket.missingEssentials).not.toContain('contactPhone');
    const [stored] = await kefu.deps.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(stored!.contactPhone).toBe('13912345678');
    const row = await callRow('intake-1');
    expect(row.ticketId).toBe(ticket.id);
    expect(row.customerId).toBe(customerId);
    const audits = await kefu.deps.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.subjectType, 'contact'), eq(auditLog.subjectId, row.id)));
    expect(audits.map((a) => a.action)).toContain('contact.call_ticket_linked');
  });

  it('IN-2: a typed number wins over the number on file, and a second ticket from one call leaves the first on the log row', async () => {
    await ring(agent, 'intake-2', '13912345678');
    const first = await agent.post('/api/v1/tickets', {
      unitId: org.storeA.id,
      type: 'consultation_direct',
      channel: 'phone',
      subject: '营业时间',
      callId: 'intake-2',
      contactPhone: '021-5555 0000',
    });
    expect(first.statusCode, first.body).toBe(201);
    const [stored] = await kefu.deps.db.select().from(tickets).where(eq(tickets.id, first.json().id));
    expect(stored!.contactPhone).toBe('021-5555 0000');
    // Without a customer given, the call's one matching customer is the ticket's.
    expect(stored!.customerId).toBe(customerId);
    const second = await agent.post('/api/v1/tickets', {
      unitId: org.storeA.id,
      type: 'suggestion',
      channel: 'phone',
      subject: '建议延长营业时间',
      callId: 'intake-2',
    });
    expect(second.statusCode, second.body).toBe(201);
    expect((await callRow('intake-2')).ticketId).toBe(first.json().id);
  });

  it("IN-3 / ORG-1: a colleague cannot take a ticket from another agent's call, nor an unknown call id", async () => {
    await ring(agent, 'intake-3', '13912345678');
    for (const callId of ['intake-3', 'no-such-call']) {
      const res = await colleague.post('/api/v1/tickets', {
        unitId: org.storeA.id,
        type: 'consultation_direct',
        channel: 'phone',
        subject: '问价',
        callId,
      });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('contacts.call_not_found');
    }
    expect((await callRow('intake-3')).ticketId).toBeNull();
  });
});

describe('a customer saved during a call', () => {
  it('IN-3 / IN-2: 保存为新客户 links the new record to the unknown caller’s call log row, audited', async () => {
    await ring(agent, 'new-caller-1', '13700001111');
    expect((await callRow('new-caller-1')).customerId).toBeNull();
    const created = await agent.post('/api/v1/customers', {
      unitId: org.storeA.id,
      name: '新来电客户',
      phones: [{ number: '13700001111' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const res = await agent.request('PUT', '/api/v1/telephony/calls/new-caller-1/customer', {
      customerId: id,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ contactId: expect.any(String), customerId: id });
    const row = await callRow('new-caller-1');
    expect(row.customerId).toBe(id);
    const [audit] = await kefu.deps.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, row.id), eq(auditLog.action, 'contact.call_customer_linked')));
    expect(audit).toBeDefined();
    // Someone else's call stays theirs.
    const other = await colleague.request('PUT', '/api/v1/telephony/calls/new-caller-1/customer', {
      customerId,
    });
    expect(other.statusCode).toBe(404);
    expect((await callRow('new-caller-1')).customerId).toBe(id);
  });

  it('IN-3: a bad customer id is a 400, a customer out of reach a 404', async () => {
    await ring(agent, 'new-caller-2', '13700002222');
    const bad = await agent.request('PUT', '/api/v1/telephony/calls/new-caller-2/customer', {
      customerId: 'nope',
    });
    expect(bad.statusCode).toBe(400);
    const missing = await agent.request('PUT', '/api/v1/telephony/calls/new-caller-2/customer', {
      customerId: '00000000-0000-4000-8000-000000000000',
    });
    expect(missing.statusCode).toBe(404);
  });
});
