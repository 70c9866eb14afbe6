import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';

let kefu: TestKefu;
let admin: HttpSession;
let agent: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;

beforeAll(async () => {
  kefu = await createTestKefu();
  admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  await createUser(admin, 'aud.agent', org.storeA.id, 'agent');
  await createUser(admin, 'aud.auditor', org.hq.id, 'auditor');
  await createUser(admin, 'aud.manager.b', org.storeB.id, 'store_manager');
  agent = await kefu.login('aud.agent', TEST_PASSWORD);
});
afterAll(() => kefu.close());

describe('ORG-4 audit trail browsing', () => {
  it('ORG-4 / CUS-4: audit rows show phone and ID numbers masked to whoever may not unmask them at the row’s unit', async () => {
    const ticket = await agent.post('/api/v1/tickets', {
      unitId: org.storeA.id,
      channel: 'phone',
      type: 'consultation_direct',
      subject: '咨询保修',
      contactPhone: '139-1234-5678',
    });
    expect(ticket.statusCode, ticket.body).toBe(201);
    const customer = await agent.post('/api/v1/customers', {
      unitId: org.storeA.id,
      name: '周先生',
      identityNumber: '310104198001011234',
      phones: [{ number: '13912345679' }],
    });
    expect(customer.statusCode, customer.body).toBe(201);

    const auditor = await kefu.login('aud.auditor', TEST_PASSWORD);
    for (const subjectId of [ticket.json().id, customer.json().id]) {
      const res = await auditor.get(`/api/v1/audit?subjectId=${subjectId}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().total).toBeGreaterThan(0);
      expect(res.body).not.toMatch(/1391234567[89]|139-1234-5678|139 1234 567[89]|310104198001011234/);
    }
    const ticketRows = (await auditor.get(`/api/v1/audit?subjectId=${ticket.json().id}`)).body;
    expect(ticketRows).toContain('139****5678');

    // The administrator may unmask at headquarters, so the trail shows the numbers whole.
    const whole = await admin.get(`/api/v1/audit?subjectId=${ticket.json().id}`);
    expect(whole.body).toContain('139-1234-5678');
  });

  it('ORG-4 (issue 16): audit rows name their subject — the ticket’s number, the person’s name — not only its id', async () => {
    const ticket = await agent.post('/api/v1/tickets', {
      unitId: org.storeA.id,
      channel: 'phone',
      type: 'soft_complaint',
      subject: '店员态度',
    });
    expect(ticket.statusCode, ticket.body).toBe(201);
    const res = await admin.get(`/api/v1/audit?subjectId=${ticket.json().id}`);
    expect(res.statusCode).toBe(200);
    const rows = res.json().items as { action: string; subjectId: string; subjectLabel: string | null }[];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.subjectLabel).toBe(ticket.json().number);

    const user = (
      await admin.get('/api/v1/audit?subjectType=user&action=org.user.created&pageSize=50')
    ).json().items as { subjectId: string; subjectLabel: string | null }[];
    const agentRow = user.find((r) => r.subjectLabel === 'aud.agent');
    expect(agentRow, 'the new user’s row is named by the user’s display name').toBeDefined();

    // A subject whose id is not a row id (a saved view, a report export) keeps a null label.
    const login = (await admin.get('/api/v1/audit?action=auth.login&pageSize=1')).json().items[0];
    expect(login).toHaveProperty('subjectLabel');
  });
});
