import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUnit, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { auditLog } from '../audit/audit.table';
import { coordinationSheets } from './contacts.table';

let kefu: TestKefu;
let assistant: HttpSession;
let otherStoreAgent: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
let customerCentre: { id: string };
let customerId: string;

const iso = (local: string) => new Date(`${local}+08:00`).toISOString();

beforeAll(async () => {
  kefu = await createTestKefu(); // Monday 2 March 2026, 10:00 in Shanghai
  const admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  customerCentre = await createUnit(admin, org.storeA.id, 'department', '客户服务中心');
  await createUser(admin, 'cc.assistant', org.storeA.id, 'agent');
  await createUser(admin, 'other.agent', org.storeB.id, 'agent');
  assistant = await kefu.login('cc.assistant', TEST_PASSWORD);
  otherStoreAgent = await kefu.login('other.agent', TEST_PASSWORD);
  const c = await assistant.post('/api/v1/customers', {
    unitId: org.storeA.id,
    name: '钱芳',
    phones: [{ number: '13912340001' }],
    addresses: [{ address: '上海市徐汇区漕溪北路 88 弄 3 号 1201 室', isPrimary: true }],
  });
  expect(c.statusCode, c.body).toBe(201);
  customerId = c.json().id;
});
afterAll(() => kefu.close());

const letter = (category: string, summary: string) =>
  assistant.post('/api/v1/contacts', {
    unitId: org.storeA.id,
    customerId,
    channel: 'letter',
    letterCategory: category,
    sender: '钱芳',
    summary,
  });
const sheetCount = async () => (await kefu.deps.db.select().from(coordinationSheets)).length;

describe('IN-8 coordination sheet (协调单)', () => {
  it('IN-8: a service-report letter issues its coordination sheet in the same command; reprints are the same sheet', async () => {
    const res = await letter('service_report', '来函报事：卫生间地漏返水，要求上门检修');
    expect(res.statusCode, res.body).toBe(201);
    const registered = res.json();
    expect(registered.letter).toMatchObject({
      category: 'service_report',
      routedTo: { id: org.storeAEngineering.id },
      sheetRule: 'at_once',
      coordinationSheet: { number: 'XT202603020001', dueAt: iso('2026-03-04T18:00:00') },
    });

    const print = await assistant.get(`/api/v1/contacts/${registered.id}/coordination-sheet`);
    expect(print.statusCode, print.body).toBe(200);
    const sheet = print.json();
    expect(sheet).toMatchObject({
      number: 'XT202603020001',
      contactId: registered.id,
      issuedAt: iso('2026-03-02T10:00:00'),
      issuedBy: { name: 'cc.assistant' },
      // Two working days in the engineering department's calendar (SLA-2 arithmetic).
      dueAt: iso('2026-03-04T18:00:00'),
      unit: { id: org.storeA.id, name: '上海徐汇店' },
      responsibleUnit: { id: org.storeAEngineering.id, name: '工程部' },
      letter: { category: 'service_report', sender: '钱芳', receivedOn: '2026-03-02' },
      customer: { name: '钱芳', phone: '139****0001', address: '上海市徐汇区漕溪北路 88 弄 3 号 1201 室' },
    });
    expect(sheet.letter.content).toContain('地漏返水');
    expect(sheet.requestedHandling).toContain('处理结果');

    const audit = await kefu.deps.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.subjectId, registered.id), eq(auditLog.action, 'contact.coordination_sheet_issued')),
      );
    expect(audit).toHaveLength(1);

    // The letter's summary is corrected later: the sheet on paper stays the one issued.
    kefu.clock.advanceBy(3_600_000);
    await assistant.patch(`/api/v1/contacts/${registered.id}`, { summary: '地漏返水（已电话确认）' });
    const again = (await assistant.get(`/api/v1/contacts/${registered.id}/coordination-sheet`)).json();
    expect({ ...again, generatedAt: null }).toEqual({ ...sheet, generatedAt: null });
    expect(again.generatedAt).not.toBe(sheet.generatedAt);
  });

  it('IN-8: a complaint letter has no sheet until the assistant opens one', async () => {
    const res = await letter('complaint', '来函投诉：安装师傅迟到两小时且态度恶劣');
    expect(res.statusCode, res.body).toBe(201);
    const complaint = res.json();
    expect(complaint.letter).toMatchObject({
      routedTo: { id: customerCentre.id },
      sheetRule: 'assistant_decides',
      coordinationSheet: null,
    });
    const none = await assistant.get(`/api/v1/contacts/${complaint.id}/coordination-sheet`);
    expect(none.statusCode).toBe(404);
    expect(none.json().code).toBe('contacts.coordination_sheet_not_found');

    const issued = await assistant.post(`/api/v1/contacts/${complaint.id}/coordination-sheet`, {
      responsibleUnitId: org.storeAEngineering.id,
      requestedHandling: '请安装主管核实迟到原因，向客户致歉，三日内回复处理意见',
      dueAt: iso('2026-03-05T17:00:00'),
    });
    expect(issued.statusCode, issued.body).toBe(201);
    expect(issued.json()).toMatchObject({
      number: 'XT202603020002',
      responsibleUnit: { name: '工程部' },
      dueAt: iso('2026-03-05T17:00:00'),
      requestedHandling: '请安装主管核实迟到原因，向客户致歉，三日内回复处理意见',
      letter: { category: 'complaint' },
    });
    const register = (await assistant.get('/api/v1/contacts?channel=letter&letterCategory=complaint')).json();
    expect(register.items[0].letter.coordinationSheet).toMatchObject({ number: 'XT202603020002' });
  });

  it('IN-8: issuing twice, for a praise letter, a call or with a past deadline is refused with a code; nothing is written', async () => {
    const complaint = (await letter('complaint', '来函投诉：送货延误')).json();
    const first = await assistant.post(`/api/v1/contacts/${complaint.id}/coordination-sheet`, {});
    expect(first.statusCode, first.body).toBe(201);
    const before = await sheetCount();

    const twice = await assistant.post(`/api/v1/contacts/${complaint.id}/coordination-sheet`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('contacts.coordination_sheet_exists');

    const praise = (await letter('praise', '表扬信：感谢安装师傅细心')).json();
    expect(praise.letter).toMatchObject({ sheetRule: 'never', coordinationSheet: null });
    const forPraise = await assistant.post(`/api/v1/contacts/${praise.id}/coordination-sheet`, {});
    expect(forPraise.statusCode).toBe(422);
    expect(forPraise.json().code).toBe('contacts.coordination_sheet_not_applicable');

    const call = (
      await assistant.post('/api/v1/contacts', {
        unitId: org.storeA.id,
        channel: 'phone',
        summary: '来电咨询',
      })
    ).json();
    const forCall = await assistant.post(`/api/v1/contacts/${call.id}/coordination-sheet`, {});
    expect(forCall.json().code).toBe('contacts.coordination_sheet_not_applicable');

    const late = (await letter('complaint', '来函投诉：售后电话打不通')).json();
    const past = await assistant.post(`/api/v1/contacts/${late.id}/coordination-sheet`, {
      dueAt: iso('2026-03-01T18:00:00'),
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().code).toBe('contacts.coordination_due_in_past');

    const outside = await otherStoreAgent.post(`/api/v1/contacts/${late.id}/coordination-sheet`, {});
    expect(outside.statusCode).toBe(404);
    const unknownField = await assistant.post(`/api/v1/contacts/${late.id}/coordination-sheet`, {
      copies: 2,
    });
    expect(unknownField.statusCode).toBe(400);

    expect(await sheetCount()).toBe(before);
  });
});
