import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { auditLog } from '../audit/audit.table';

let kefu: TestKefu;
let admin: HttpSession;
let agentA: HttpSession;
let supervisorA: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
let colleagueId: string;
let traineeId: string;

type Ticket = { id: string; number: string; state: string; assigneeUser: { id: string } | null };
async function create(subject: string): Promise<Ticket> {
  const res = await agentA.post('/api/v1/tickets', {
    unitId: org.storeA.id,
    type: 'repair',
    channel: 'phone',
    subject,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const get = async (id: string): Promise<Ticket> => (await agentA.get(`/api/v1/tickets/${id}`)).json();

beforeAll(async () => {
  kefu = await createTestKefu();
  admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  await createUser(admin, 'bulk_a', org.storeA.id, 'agent');
  await createUser(admin, 'bulk_sup', org.storeA.id, 'cs_supervisor');
  colleagueId = (await createUser(admin, 'bulk_a2', org.storeA.id, 'agent')).id;
  traineeId = (await createUser(admin, 'bulk_trainee', org.storeA.id, 'trainee')).id;
  agentA = await kefu.login('bulk_a', TEST_PASSWORD);
  supervisorA = await kefu.login('bulk_sup', TEST_PASSWORD);
});
afterAll(() => kefu.close());

describe('bulk actions', () => {
  it('assigns each ticket through the single action; a refused ticket is left untouched and says why', async () => {
    const open = await create('热水器漏水');
    const other = await create('油烟机异响');
    const done = await create('橱柜门铰链松动');
    expect(
      (await agentA.post(`/api/v1/tickets/${done.id}/transition`, { to: 'cancelled', reason: '重复' }))
        .statusCode,
    ).toBe(200);
    const res = await agentA.post('/api/v1/tickets/bulk/assign', {
      ticketIds: [open.id, done.id, other.id],
      userId: colleagueId,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      succeeded: 2,
      failed: 1,
      results: [
        { ticketId: open.id, ok: true },
        { ticketId: done.id, ok: false, code: 'tickets.not_open', status: 409 },
        { ticketId: other.id, ok: true },
      ],
    });
    expect((await get(open.id)).assigneeUser?.id).toBe(colleagueId);
    const untouched = await get(done.id);
    expect([untouched.state, untouched.assigneeUser]).toEqual(['cancelled', null]);
  });

  it('IN-7: bulk assignment to a trainee is refused ticket by ticket, nothing changes', async () => {
    const t = await create('床垫塌陷');
    const res = await agentA.post('/api/v1/tickets/bulk/assign', { ticketIds: [t.id], userId: traineeId });
    expect(res.json().results[0]).toMatchObject({ ok: false, code: 'tickets.trainee_cannot_take_intake' });
    expect((await get(t.id)).state).toBe('new');
  });

  it('closes in bulk with the state rules of the single transition; unknown ids answer not found', async () => {
    const a = await create('餐椅腿开裂');
    const b = await create('沙发掉色');
    for (const id of [a.id, b.id])
      expect((await agentA.post(`/api/v1/tickets/${id}/transition`, { to: 'in_progress' })).statusCode).toBe(
        200,
      );
    expect((await agentA.post(`/api/v1/tickets/${a.id}/transition`, { to: 'resolved' })).statusCode).toBe(
      200,
    );
    const missing = '00000000-0000-4000-8000-000000000099';
    const res = await agentA.post('/api/v1/tickets/bulk/transition', {
      ticketIds: [a.id, b.id, missing],
      to: 'closed',
      reason: '批量结案',
    });
    expect(res.statusCode, res.body).toBe(200);
    const results = res.json().results as { ticketId: string; ok: boolean; code?: string }[];
    expect(results[0]).toMatchObject({ ticketId: a.id, ok: true });
    expect(results[1]).toMatchObject({ ticketId: b.id, ok: false });
    expect(results[2]).toMatchObject({ ticketId: missing, ok: false, code: 'tickets.not_found' });
    expect((await get(a.id)).state).toBe('closed');
    expect((await get(b.id)).state).toBe('in_progress');
  });

  it('bad input: more than 200 ids, duplicates, or two targets are refused before anything changes', async () => {
    const t = await create('门把手脱落');
    const many = Array.from({ length: 201 }, () => t.id);
    expect(
      (await agentA.post('/api/v1/tickets/bulk/transition', { ticketIds: many, to: 'closed' })).statusCode,
    ).toBe(400);
    const dup = await agentA.post('/api/v1/tickets/bulk/transition', {
      ticketIds: [t.id, t.id],
      to: 'in_progress',
    });
    expect(dup.statusCode).toBe(400);
    const two = await agentA.post('/api/v1/tickets/bulk/assign', {
      ticketIds: [t.id],
      userId: colleagueId,
      teamId: colleagueId,
    });
    expect(two.statusCode).toBe(400);
    expect((await get(t.id)).state).toBe('new');
  });
});

describe('Excel export (GET /tickets/export.xlsx)', () => {
  it('streams a workbook with the Chinese headers and exactly the filtered rows, and audits who exported what', async () => {
    const t = await create('衣柜导出测试漏水');
    const res = await supervisorA.request(
      'GET',
      `/api/v1/tickets/export.xlsx?q=${encodeURIComponent('衣柜 漏水')}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '工单号',
      '类型',
      '状态',
      '渠道',
      '客户',
      '主题',
      '受理时间',
      '接诉人',
      '处理人',
      '下一个截止时间',
      '时限状态',
    ]);
    expect(sheet.rowCount).toBe(2);
    const row = sheet.getRow(2);
    expect([row.getCell(1).value, row.getCell(2).value, row.getCell(3).value, row.getCell(4).value]).toEqual([
      t.number,
      '报修',
      '新建',
      '电话',
    ]);
    // Dates are Excel dates showing the unit's wall-clock time (Asia/Shanghai), not text.
    expect(row.getCell(7).value).toEqual(new Date(Date.UTC(2026, 2, 2, 10, 0)));
    expect(row.getCell(7).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const all = await supervisorA.request('GET', `/api/v1/tickets/export.xlsx?unitId=${org.storeA.id}`);
    const whole = new ExcelJS.Workbook();
    await whole.xlsx.load(all.rawPayload as unknown as ArrayBuffer);
    const listed = (await supervisorA.get(`/api/v1/tickets?unitId=${org.storeA.id}&pageSize=1`)).json().total;
    expect(whole.worksheets[0]!.rowCount - 1).toBe(listed);
    // Both exports happen at the same test-clock instant: order the trail by its sequence.
    const trail = await kefu.deps.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'tickets.exported'))
      .orderBy(auditLog.id);
    expect(trail).toHaveLength(2);
    expect(trail[0]!.after).toMatchObject({ filter: { q: '衣柜 漏水' }, rows: 1 });
  });

  it('an agent without tickets.export is refused with 403', async () => {
    const res = await agentA.request('GET', '/api/v1/tickets/export.xlsx');
    expect([res.statusCode, res.json().code]).toEqual([403, 'auth.forbidden']);
  });
});
