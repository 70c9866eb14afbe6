import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUser, roleId, TEST_PASSWORD } from '../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../test/test-app';
import { auditLog } from '../modules/audit/audit.table';

// Issue 16: the lists that exported only the page on screen as CSV (account requests, care rules,
// objection answers, price list) export every matching row as a workbook through app/list-export.ts.

let kefu: TestKefu;
let admin: HttpSession;
let managerA: HttpSession;
let managerB: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
const REQUESTS = 25; // more than the list's default page of 20

async function sheetOf(session: HttpSession, path: string) {
  const res = await session.request('GET', path);
  expect(res.statusCode, `${path}: ${res.body}`).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(sheet.autoFilter).toBeTruthy();
  expect(sheet.rowCount - 1).toBe(Number(res.headers['x-export-rows']));
  const rows: unknown[][] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) rows.push((row.values as unknown[]).slice(1));
  });
  return { header: (sheet.getRow(1).values as unknown[]).slice(1), rows };
}

async function exportsAudited(name: string) {
  return kefu.deps.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, `${name}.exported`), eq(auditLog.subjectType, `${name}_export`)));
}

beforeAll(async () => {
  kefu = await createTestKefu();
  admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  await createUser(admin, 'sx_mgr_a', org.storeA.id, 'store_manager');
  await createUser(admin, 'sx_mgr_b', org.storeB.id, 'store_manager');
  managerA = await kefu.login('sx_mgr_a', TEST_PASSWORD);
  managerB = await kefu.login('sx_mgr_b', TEST_PASSWORD);
  const agentRole = await roleId(admin, 'agent');
  const file = (session: HttpSession, unitId: string, username: string) =>
    session.post('/api/v1/account-requests', {
      unitId,
      roleId: agentRole,
      username,
      displayName: `新人${username}`,
      reason: '新开门店增加客服',
    });
  for (let i = 0; i < REQUESTS; i += 5)
    await Promise.all(
      Array.from({ length: 5 }, async (_, k) => {
        const res = await file(managerA, org.storeA.id, `sx_new_a${String(i + k).padStart(2, '0')}`);
        expect(res.statusCode, res.body).toBe(201);
      }),
    );
  expect((await file(managerB, org.storeB.id, 'sx_new_b')).statusCode).toBe(201);
});
afterAll(() => kefu.close());

describe('issue 16: the settings lists export every matching row to Excel, scoped and audited', () => {
  it('ORG-3 ORG-1: account requests export every request of the filter (not the page), none of another store', async () => {
    const { header, rows } = await sheetOf(managerA, '/api/v1/account-requests/export.xlsx?status=pending');
    expect(header.slice(0, 4)).toEqual(['用户名', '姓名', '单位', '角色']);
    expect(rows).toHaveLength(REQUESTS);
    expect(rows.map((r) => r[0])).not.toContain('sx_new_b');
    expect(rows.every((r) => r[2] === org.storeA.name && r[3] === '客服专员' && r[7] === '待审批')).toBe(
      true,
    );
    expect(rows[0]![9]).toBeInstanceOf(Date);
    const none = await sheetOf(managerA, '/api/v1/account-requests/export.xlsx?status=opened');
    expect(none.rows).toHaveLength(0);
    const other = await sheetOf(managerB, '/api/v1/account-requests/export.xlsx');
    expect(other.rows.map((r) => r[0])).toEqual(['sx_new_b']);
    expect((await exportsAudited('account_requests')).map((a) => a.after)).toContainEqual({
      filter: { status: 'pending' },
      rows: REQUESTS,
    });
  });

  it('ORG-3: a person with none of the account-request rights is refused the export (403)', async () => {
    await createUser(admin, 'sx_tech', org.storeA.id, 'technician');
    const tech = await kefu.login('sx_tech', TEST_PASSWORD);
    const res = await tech.request('GET', '/api/v1/account-requests/export.xlsx');
    expect([res.statusCode, res.json().code]).toEqual([403, 'auth.forbidden']);
  });

  it('CARE-1 ORG-1: care rules export every rule in force at the unit; another store’s own rule is absent; an outside unit is 404', async () => {
    const own = await managerB.request('PUT', `/api/v1/care/units/${org.storeB.id}/rules/sx_store_b_rule`, {
      nameZh: '成都店专属回访',
      nameEn: 'Chengdu only',
      businessLine: 'all',
      trigger: { kind: 'event', event: 'ticket.closed' },
      offset: { amount: 2, unit: 'days' },
      channel: 'call',
      purpose: 'service',
      script: '您好，这里是成都春熙店',
      messageTemplateCode: null,
      surveyTemplateCode: null,
      enabled: true,
    });
    expect(own.statusCode, own.body).toBe(200);
    const list = (await managerA.get(`/api/v1/care/units/${org.storeA.id}/rules`)).json().items as unknown[];
    const { header, rows } = await sheetOf(
      managerA,
      `/api/v1/care/rules/export.xlsx?unitId=${org.storeA.id}`,
    );
    expect(header.slice(0, 3)).toEqual(['规则代码', '规则', '触发']);
    expect(rows).toHaveLength(list.length);
    expect(rows.map((r) => r[0])).not.toContain('sx_store_b_rule');
    expect(rows.find((r) => r[0] === 'birthday_greeting')?.[2]).toBe('日期：客户生日');
    const atB = await sheetOf(managerB, `/api/v1/care/rules/export.xlsx?unitId=${org.storeB.id}`);
    expect(atB.rows.find((r) => r[0] === 'sx_store_b_rule')).toEqual(
      expect.arrayContaining([
        '成都店专属回访',
        '事件：工单关闭',
        '+2 天',
        '电话',
        '服务',
        '是',
        '本单位设置',
      ]),
    );
    const outside = await managerB.request('GET', `/api/v1/care/rules/export.xlsx?unitId=${org.storeA.id}`);
    expect(outside.statusCode).toBe(404);
    expect((await exportsAudited('care_rules')).some((a) => a.unitId === org.storeA.id)).toBe(true);
  });

  it('CARE-6 ORG-1: objection answers (kept in the knowledge base) export every answer at the unit, none of another store; an outside unit is 404', async () => {
    await createUser(admin, 'sx_kb_writer', org.hq.id, 'cs_supervisor');
    await createUser(admin, 'sx_kb_approver', org.hq.id, 'cs_supervisor');
    const writer = await kefu.login('sx_kb_writer', TEST_PASSWORD);
    const approver = await kefu.login('sx_kb_approver', TEST_PASSWORD);
    const add = async (unitId: string, objection: string) => {
      const res = await writer.post('/api/v1/knowledge/articles', {
        unitId,
        question: objection,
        answer: `标准应答：${objection}`,
        sourceKind: 'objection',
        careRuleCode: null,
        validFrom: new Date(kefu.clock.now().getTime() - 86_400_000).toISOString(),
        validUntil: null,
      });
      expect(res.statusCode, res.body).toBe(201);
      const inbox = (await approver.get('/api/v1/approvals/inbox')).json().waiting as {
        id: string;
        subjectId: string;
      }[];
      const request = inbox.find((r) => r.subjectId === res.json().latest.id)!;
      const ok = await approver.post(`/api/v1/approvals/${request.id}/approve`);
      expect(ok.statusCode, ok.body).toBe(200);
    };
    await add(org.storeA.id, '没时间接电话');
    await add(org.storeA.id, '不需要回访');
    await add(org.storeB.id, '成都店的异议');
    const { header, rows } = await sheetOf(
      managerA,
      `/api/v1/care/objections/export.xlsx?unitId=${org.storeA.id}`,
    );
    expect(header.slice(0, 3)).toEqual(['适用规则', '客户异议', '标准应答']);
    expect(rows.map((r) => r[1]).sort()).toEqual(['不需要回访', '没时间接电话']);
    expect(rows[0]![0]).toBe('所有规则');
    expect(rows[0]![4]).toBe('sx_kb_approver');
    expect(rows[0]![5]).toBeInstanceOf(Date);
    const outside = await managerB.request(
      'GET',
      `/api/v1/care/objections/export.xlsx?unitId=${org.storeA.id}`,
    );
    expect(outside.statusCode).toBe(404);
    expect(await exportsAudited('care_objections')).not.toHaveLength(0);
  });

  it('PAY-5 ORG-1: the price list exports every item in force at the unit with prices in yuan, none of another store', async () => {
    const add = async (session: HttpSession, unitId: string, code: string, priceFen: number) => {
      const res = await session.post('/api/v1/price-list', {
        unitId,
        kind: 'service',
        code,
        name: `项目${code}`,
        unit: '次',
        priceFen,
      });
      expect(res.statusCode, res.body).toBe(201);
    };
    await add(managerA, org.storeA.id, 'SXA1', 12_050);
    await add(managerA, org.storeA.id, 'SXA2', 8_000);
    await add(managerB, org.storeB.id, 'SXB1', 9_900);
    const list = (await managerA.get(`/api/v1/price-list?unitId=${org.storeA.id}`)).json().items as unknown[];
    const { header, rows } = await sheetOf(
      managerA,
      `/api/v1/price-list/export.xlsx?unitId=${org.storeA.id}`,
    );
    expect(header).toEqual(['编码', '名称', '类别', '计价单位', '单价（元）', '启用']);
    expect(rows).toHaveLength(list.length);
    expect(rows.map((r) => r[0])).not.toContain('SXB1');
    expect(rows.find((r) => r[0] === 'SXA1')).toEqual(['SXA1', '项目SXA1', '服务费', '次', 120.5, '是']);
    const filtered = await sheetOf(managerA, `/api/v1/price-list/export.xlsx?unitId=${org.storeA.id}&q=SXA2`);
    expect(filtered.rows.map((r) => r[0])).toEqual(['SXA2']);
    const outside = await managerB.request('GET', `/api/v1/price-list/export.xlsx?unitId=${org.storeA.id}`);
    expect(outside.statusCode).toBe(404);
    expect((await exportsAudited('price_list')).map((a) => a.after)).toContainEqual({
      filter: { unitId: org.storeA.id, q: 'SXA2' },
      rows: 1,
    });
  });
});
