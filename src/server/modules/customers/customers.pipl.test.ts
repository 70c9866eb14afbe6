import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { approvalRequests, approvalSteps } from '../approvals/approvals.table';
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
let fragmentTicketId: string;
let unlinkedOrderId: string;
let otherOrderId: string;
let neighbourTicketId: string;
let mentioningApprovalId: string;
let unrelatedApprovalId: string;
let erasureApprovalId: string;
const NAME = '欧阳隐私';
const MOBILE = '13955556666';
const ID_NUMBER = '310104199001011234';
/** The customer's details written in part or another way, in a ticket of theirs. */
const FRAGMENT_TEXT = '欧阳先生来电：天钥桥路 100 弄的电梯又坏了，家里 8号601室 厨房漏水。';
/** Text in the same ticket about other people, which the erasure leaves as it is. */
const UNRELATED_TEXT = '物业张先生已到场，王师傅明天上门，小王负责回访；隔壁 8-602 也要查。';
/** A neighbour's ticket on the same street. */
const NEIGHBOUR_TEXT = '李先生住天钥桥路 300 弄 2 号 1101 室，上海市徐汇区';

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
  // Free text that copies the customer's details only in part or differently from the record:
  // the surname with a title, the street with the lane, the room written the other way round.
  const fragments = await supA.post('/api/v1/tickets', {
    unitId: org.storeA.id,
    customerId,
    type: 'repair',
    channel: 'phone',
    subject: '欧阳先生家漏水',
    description: `${FRAGMENT_TEXT}${UNRELATED_TEXT}`,
  });
  expect(fragments.statusCode, fragments.body).toBe(201);
  fragmentTicketId = fragments.json().id;
  // A neighbour on the same street: nothing of theirs is touched.
  const neighbour = await supA.post('/api/v1/customers', {
    unitId: org.storeA.id,
    name: '李邻居',
    phones: [{ number: '13700001111' }],
  });
  expect(neighbour.statusCode, neighbour.body).toBe(201);
  const neighbourTicket = await supA.post('/api/v1/tickets', {
    unitId: org.storeA.id,
    customerId: neighbour.json().id,
    type: 'repair',
    channel: 'phone',
    subject: '李先生报修',
    description: NEIGHBOUR_TEXT,
  });
  expect(neighbourTicket.statusCode, neighbourTicket.body).toBe(201);
  neighbourTicketId = neighbourTicket.json().id;
  // Orders the shop pushed with no archive record linked: one with the customer's number typed its
  // own way, one of somebody else with a similar name.
  const unlinked = await supA.post('/api/v1/orders', {
    unitId: org.storeA.id,
    orderNo: 'PIPL-002',
    orderedAt: '2026-02-03T02:00:00.000Z',
    customerName: '欧阳女士',
    customerPhone: '+86 139-5555-6666',
    lines: [{ product: '油烟机', priceFen: 199900, paidFen: 199900 }],
  });
  expect(unlinked.statusCode, unlinked.body).toBe(201);
  unlinkedOrderId = unlinked.json().id;
  const other = await supA.post('/api/v1/orders', {
    unitId: org.storeA.id,
    orderNo: 'PIPL-003',
    orderedAt: '2026-02-04T02:00:00.000Z',
    customerName: '林丽',
    customerPhone: '13800006667',
    lines: [{ product: '灶具', priceFen: 99900, paidFen: 99900 }],
  });
  expect(other.statusCode, other.body).toBe(201);
  otherOrderId = other.json().id;
  // Another approval whose title and a decider's reason mention the customer, and one that does not.
  // (Rows in the real tables: a quote on a work order would make the same ones.)
  const stages = [{ key: 'manager', roles: ['store_manager'], mode: 'any' as const }];
  const [mentioning, unrelated] = await kefu.deps.db
    .insert(approvalRequests)
    .values(
      [`收费报价 WO-PIPL · ${NAME} 8-601`, `收费报价 WO-LI · ${NEIGHBOUR_TEXT}`].map((title) => ({
        unitId: org.storeA.id,
        subjectType: 'work_order',
        subjectId: crypto.randomUUID(),
        kind: 'quote',
        title,
        requesterId: supUser.id,
        stages,
        status: 'approved' as const,
        round: 1,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .returning();
  mentioningApprovalId = mentioning!.id;
  unrelatedApprovalId = unrelated!.id;
  await kefu.deps.db.insert(approvalSteps).values({
    requestId: mentioningApprovalId,
    round: 1,
    stage: 'manager',
    role: 'store_manager',
    decision: 'approved',
    by: supUser.id,
    reason: `已与客户 ${MOBILE} 确认报价`,
    at: now,
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
    `/api/v1/tickets/${fragmentTicketId}`,
    `/api/v1/orders/${unlinkedOrderId}`,
    `/api/v1/customers/${customerId}/erasures`,
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
    const asked = await supA.post(`/api/v1/customers/${customerId}/erasures`, {
      reason: `${NAME}本人书面要求删除（欧阳先生 13955556666）`,
    });
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
    erasureApprovalId = approval!.id;
    const approved = await gm.post(`/api/v1/approvals/${approval!.id}/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);

    const after = await everythingAbout(supA);
    // The street alone stays: a neighbour on it (李先生, 300 弄) is not the customer.
    for (const gone of [
      NAME,
      '欧阳',
      MOBILE,
      '5555',
      '64381234',
      ID_NUMBER,
      '天钥桥路 100 弄',
      '100弄',
      '8-601',
      '0777',
    ])
      expect(after, gone).not.toContain(gone);
    const record = (await supA.get(`/api/v1/customers/${customerId}`)).json();
    expect(record).toMatchObject({ name: ANONYMISED_NAME, identityNumber: null, phones: [], addresses: [] });
    // The money record stays: the order with its amount.
    const orders = (await supA.get(`/api/v1/orders?customerId=${customerId}`)).json();
    expect(orders.items).toHaveLength(1);
    expect(orders.items[0].orderNo).toBe('PIPL-001');
    expect(orders.items[0].lines[0].paidFen).toBe(329900);
    expect(orders.items[0]).toMatchObject({ customerName: ANONYMISED_NAME, customerPhone: null });
    // The trail keeps its rows (append-only); the rows that carried the data are shown redacted.
    const trail = (await admin.get(`/api/v1/audit?subjectType=customer&subjectId=${customerId}`)).json();
    expect(trail.items.some((i: { redacted: boolean }) => i.redacted)).toBe(true);
    expect(JSON.stringify(trail)).not.toContain(NAME);
    const erasures = (await supA.get(`/api/v1/customers/${customerId}/erasures`)).json().items;
    expect(erasures[0]).toMatchObject({
      status: 'erased',
      erased: { customers: 1, phones: 2, tickets: 2, contacts: 1, orders: 2, approvals: 2 },
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

  it('PIPL: the erasure takes out details written in part or differently (street and lane, 8号601室, 欧阳先生) and leaves text about others', async () => {
    const ticket = (await supA.get(`/api/v1/tickets/${fragmentTicketId}`)).json();
    const text = `${ticket.subject} ${ticket.description}`;
    for (const gone of ['欧阳先生', '天钥桥路 100 弄', '8号601室', '欧阳'])
      expect(text, gone).not.toContain(gone);
    // The staff (张先生, 王师傅, 小王) and the neighbour's flat 8-602 are not the customer.
    expect(ticket.description).toContain(UNRELATED_TEXT);
    expect(ticket.description).toContain('电梯又坏了');
    const neighbour = (await supA.get(`/api/v1/tickets/${neighbourTicketId}`)).json();
    expect(neighbour.description).toBe(NEIGHBOUR_TEXT);
    expect(neighbour.subject).toBe('李先生报修');
  });

  it('PIPL: an order with no linked record is matched by the normalised phone; another buyer’s order stays', async () => {
    const unlinked = (await admin.get(`/api/v1/orders/${unlinkedOrderId}`)).json();
    expect(unlinked).toMatchObject({ customerName: ANONYMISED_NAME, customerPhone: null });
    expect(unlinked.lines[0].paidFen).toBe(199900);
    const other = (await admin.get(`/api/v1/orders/${otherOrderId}`)).json();
    expect(other.customerName).toBe('林丽');
    expect(other.customerPhone).toContain('6667');
  });

  it('PIPL: approvals lose the customer: the erasure request’s title and notices, another approval’s title and reason', async () => {
    const bodies: string[] = [];
    for (const id of [erasureApprovalId, mentioningApprovalId]) {
      const res = await admin.get(`/api/v1/approvals/${id}`);
      expect(res.statusCode, res.body).toBe(200);
      bodies.push(res.body);
    }
    bodies.push((await gm.get('/api/v1/notifications?pageSize=100')).body);
    bodies.push((await supA.get('/api/v1/notifications?pageSize=100')).body);
    const text = bodies.join('\n');
    for (const gone of [NAME, '欧阳', MOBILE, '5555', '8-601']) expect(text, gone).not.toContain(gone);
    const erasure = (await admin.get(`/api/v1/approvals/${erasureApprovalId}`)).json();
    expect(erasure.title).toContain('删除客户个人信息');
    expect(erasure.status).toBe('approved');
    const mentioning = (await admin.get(`/api/v1/approvals/${mentioningApprovalId}`)).json();
    expect(mentioning.title).toBe('收费报价 WO-PIPL · *** ***');
    expect(mentioning.steps[0].reason).toBe('已与客户 *** 确认报价');
    const unrelated = (await admin.get(`/api/v1/approvals/${unrelatedApprovalId}`)).json();
    expect(unrelated.title).toBe(`收费报价 WO-LI · ${NEIGHBOUR_TEXT}`);
  });
});
