import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { careAttempts, careTasks } from '../care/care.table';
import { surveyInvitations, surveyResponses } from '../surveys/surveys.table';
import { ANONYMISED_NAME } from './customers.pipl';

// PIPL (个人信息保护法): a customer's data export as one file, for holders of the right only; an
// erasure request approved through the approval engine anonymises the personal fields everywhere,
// keeps the money records, and every step is audited.

let kefu: TestKefu;
let admin: HttpSession;
let agentA: HttpSession;
let supA: HttpSession;
let gm: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
let customerId: string;
let ticketId: string;
let orderId: string;
let careTaskId: string;
let invitationId: string;
const NAME = '欧阳隐私';
const MOBILE = '13955556666';
const ID_NUMBER = '310104199001011234';

beforeAll(async () => {
  kefu = await createTestKefu();
  admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  await createUser(admin, 'pi.agent.a', org.storeA.id, 'agent');
  const supUser = await createUser(admin, 'pi.sup.a', org.storeA.id, 'cs_supervisor');
  await createUser(admin, 'pi.gm', org.hq.id, 'general_manager');
  agentA = await kefu.login('pi.agent.a', TEST_PASSWORD);
  supA = await kefu.login('pi.sup.a', TEST_PASSWORD);
  gm = await kefu.login('pi.gm', TEST_PASSWORD);
  const created = await supA.post('/api/v1/customers', {
    unitId: org.storeA.id,
    name: NAME,
    identityNumber: ID_NUMBER,
    phones: [{ number: MOBILE }, { number: '021-64381234' }],
    addresses: [{ address: '上海市徐汇区天钥桥路 100 弄 8 号 601 室' }],
    assets: [{ kind: 'house', name: '天钥公寓', number: '8-601', titleNumber: '沪(2025)第0777号' }],
  });
  expect(created.statusCode, created.body).toBe(201);
  customerId = created.json().id;
  const ticket = await supA.post('/api/v1/tickets', {
    unitId: org.storeA.id,
    customerId,
    type: 'repair',
    channel: 'phone',
    subject: `${NAME}报修热水器`,
    description: `${NAME}说白天打 ${MOBILE}，晚上打 021-64381234`,
    contactPhone: MOBILE,
  });
  expect(ticket.statusCode, ticket.body).toBe(201);
  ticketId = ticket.json().id;
  const contact = await supA.post('/api/v1/contacts', {
    unitId: org.storeA.id,
    customerId,
    channel: 'phone',
    summary: `${NAME}来电，回拨 ${MOBILE}`,
    phoneNumber: MOBILE,
  });
  expect(contact.statusCode, contact.body).toBe(201);
  const order = await supA.post('/api/v1/orders', {
    unitId: org.storeA.id,
    customerId,
    orderNo: 'PIPL-001',
    orderedAt: '2026-02-01T02:00:00.000Z',
    customerName: NAME,
    customerPhone: '021-6438 1234',
    lines: [{ product: '燃气热水器', priceFen: 329900, paidFen: 329900 }],
  });
  expect(order.statusCode, order.body).toBe(201);
  orderId = order.json().id;
  // A care task and a survey answer that quote the customer, as an agent writes them during a call.
  // (Rows in the real tables: the care rules and survey links that would make them are not the point.)
  const now = kefu.clock.now();
  const [task] = await kefu.deps.db
    .insert(careTasks)
    .values({
      unitId: org.storeA.id,
      customerId,
      ruleCode: 'pipl-test',
      ruleName: '安装回访',
      channel: 'call',
      purpose: 'service',
      script: `您好${NAME}，这里是客服中心`,
      occurrenceKey: `pipl-test:${customerId}`,
      sourceType: 'ticket',
      sourceId: ticketId,
      note: `${NAME}让打座机 021-64381234`,
      outcomeNote: `${NAME}对安装满意`,
      dueAt: now,
      dueDate: now.toISOString().slice(0, 10),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  careTaskId = task!.id;
  await kefu.deps.db.insert(careAttempts).values({
    taskId: careTaskId,
    agentId: supUser.id,
    outcome: 'reached_satisfied',
    note: `打 ${MOBILE} ${NAME}接了`,
    at: now,
  });
  const [invitation] = await kefu.deps.db
    .insert(surveyInvitations)
    .values({
      unitId: org.storeA.id,
      customerId,
      templateCode: 'csat',
      title: `${NAME}的报修满意度`,
      questions: [],
      subjectType: 'ticket',
      subjectId: ticketId,
      delivery: 'call',
      idempotencyKey: `pipl-test:${customerId}`,
      createdAt: now,
      answeredAt: now,
    })
    .returning();
  invitationId = invitation!.id;
  await kefu.deps.db.insert(surveyResponses).values({
    invitationId,
    unitId: org.storeA.id,
    templateCode: 'csat',
    answers: { remark: `${NAME}说师傅很好，有事打 ${MOBILE}` },
    csat: 5,
    comment: `${NAME}：师傅很好，住上海市徐汇区天钥桥路 100 弄 8 号 601 室`,
    detractor: false,
    respondedAt: now,
  });
});
afterAll(() => kefu.close());

/** Every GET a supervisor makes on the customer, bodies joined. */
async function everythingAbout(session: HttpSession) {
  const paths = [
    `/api/v1/customers/${customerId}`,
    `/api/v1/customers/${customerId}/card`,
    `/api/v1/customers/${customerId}/overview`,
    `/api/v1/customers/${customerId}/versions`,
    `/api/v1/customers/${customerId}/changes`,
    `/api/v1/customers/${customerId}/handover`,
    `/api/v1/customers?q=${encodeURIComponent('欧阳')}`,
    `/api/v1/customers/access?customerId=${customerId}`,
    `/api/v1/contacts?customerId=${customerId}`,
    `/api/v1/tickets?customerId=${customerId}`,
    `/api/v1/tickets/${ticketId}`,
    `/api/v1/tickets/${ticketId}/timeline`,
    `/api/v1/orders?customerId=${customerId}`,
    `/api/v1/orders/${orderId}`,
    `/api/v1/care/tasks/${careTaskId}`,
    `/api/v1/surveys/invitations/${invitationId}`,
    `/api/v1/audit?pageSize=200`,
    `/api/v1/audit?subjectType=customer&subjectId=${customerId}`,
  ];
  const bodies: string[] = [];
  for (const path of paths) {
    const res = await session.get(path);
    if (res.statusCode === 404 && path.endsWith('/timeline')) continue;
    expect(res.statusCode, `${path}: ${res.body}`).toBe(200);
    bodies.push(res.body);
  }
  return bodies.join('\n');
}

describe('PIPL personal-information requests', () => {
  it('PIPL: the data export is refused without the right, and is one workbook of everything held, audited', async () => {
    const refused = await agentA.get(
      `/api/v1/customers/${customerId}/personal-data.xlsx?reason=客户本人申请`,
    );
    expect(refused.statusCode).toBe(403);
    expect((await supA.get(`/api/v1/customers/${customerId}/personal-data.xlsx`)).statusCode).toBe(400);

    const res = await supA.get(`/api/v1/customers/${customerId}/personal-data.xlsx?reason=客户本人书面申请`);
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const text = wb.worksheets.map((ws) => ws.getSheetValues().flat().map(String).join(' ')).join('\n');
    for (const held of [NAME, ID_NUMBER, MOBILE, '021-64381234', '天钥桥路', '沪(2025)第0777号', 'PIPL-001'])
      expect(text).toContain(held);
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['电话 Phones', '工单 Tickets']));
    const audit = await admin.get(
      `/api/v1/audit?subjectType=customer&subjectId=${customerId}&action=customer.data_exported`,
    );
    expect(audit.json().items).toHaveLength(1);
  });

  it('PIPL: erasure waits for the general manager; once approved, name, phones and ID are gone from every GET, orders stay', async () => {
    expect(
      (await agentA.post(`/api/v1/customers/${customerId}/erasures`, { reason: '客户要求' })).statusCode,
    ).toBe(403);
    const asked = await supA.post(`/api/v1/customers/${customerId}/erasures`, { reason: '客户书面要求删除' });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json().status).toBe('pending');
    const again = await supA.post(`/api/v1/customers/${customerId}/erasures`, { reason: '重复申请' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('customers.erasure_pending');
    // Nothing is erased before the approval: the name is in the order, the care task, the survey and the trail.
    const before = await everythingAbout(supA);
    for (const held of [`"customerName":"${NAME}"`, `您好${NAME}`, `${NAME}：师傅很好`, `${NAME}报修热水器`])
      expect(before).toContain(held);

    const inbox = (await gm.get('/api/v1/approvals/inbox')).json().waiting as {
      id: string;
      subjectId: string;
    }[];
    const approval = inbox.find((a) => a.subjectId === asked.json().id);
    expect(approval).toBeTruthy();
    const approved = await gm.post(`/api/v1/approvals/${approval!.id}/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);

    const after = await everythingAbout(supA);
    for (const gone of [NAME, '欧阳', MOBILE, '5555', '64381234', ID_NUMBER, '天钥桥路', '8-601', '0777'])
      expect(after, gone).not.toContain(gone);
    const record = (await supA.get(`/api/v1/customers/${customerId}`)).json();
    expect(record).toMatchObject({ name: ANONYMISED_NAME, identityNumber: null, phones: [], addresses: [] });
    // The money record stays: the order with its amount.
    const orders = (await supA.get(`/api/v1/orders?customerId=${customerId}`)).json();
    expect(orders.items).toHaveLength(1);
    expect(orders.items[0].lines[0].paidFen).toBe(329900);
    expect(orders.items[0]).toMatchObject({ customerName: ANONYMISED_NAME, customerPhone: null });
    // The trail keeps its rows (append-only); the rows that carried the data are shown redacted.
    const trail = (await admin.get(`/api/v1/audit?subjectType=customer&subjectId=${customerId}`)).json();
    expect(trail.items.some((i: { redacted: boolean }) => i.redacted)).toBe(true);
    expect(JSON.stringify(trail)).not.toContain(NAME);
    const erasures = (await supA.get(`/api/v1/customers/${customerId}/erasures`)).json().items;
    expect(erasures[0]).toMatchObject({
      status: 'erased',
      erased: { customers: 1, phones: 2, tickets: 1, contacts: 1, orders: 1 },
    });
    // The order's own care tasks (thank-you letter, sale call) and its survey, besides the ones quoted above.
    expect(erasures[0].erased.careTasks).toBeGreaterThanOrEqual(1);
    expect(erasures[0].erased.surveys).toBeGreaterThanOrEqual(1);
    expect(erasures[0].erased.auditEntries).toBeGreaterThanOrEqual(3);
    const audit = await admin.get(
      `/api/v1/audit?subjectType=customer&subjectId=${customerId}&action=customer.anonymised`,
    );
    expect(audit.json().items).toHaveLength(1);
    // A second request on an erased customer is refused.
    const late = await supA.post(`/api/v1/customers/${customerId}/erasures`, { reason: '再次申请' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('customers.already_anonymised');
  });
});
