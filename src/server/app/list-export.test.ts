import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../test/test-app';
import { auditLog } from '../modules/audit/audit.table';
import { loadGrants } from '../modules/org/org.repository';
import { users } from '../modules/org/org.table';
import type { Actor } from './context';
import { readCustomers } from '../modules/customers/customers.export';
import { pagedSource, prepareListExport, MAX_EXPORT_ROWS, type ListExport } from './list-export';

let kefu: TestKefu;
let admin: HttpSession;
let agentA: HttpSession;
let agentB: HttpSession;
let supervisorA: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
const CUSTOMERS = 120;

async function workbook(res: { rawPayload: Buffer }) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return book.worksheets[0]!;
}

beforeAll(async () => {
  kefu = await createTestKefu();
  admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  await createUser(admin, 'lx_a', org.storeA.id, 'agent');
  await createUser(admin, 'lx_b', org.storeB.id, 'agent');
  await createUser(admin, 'lx_sup', org.storeA.id, 'cs_supervisor');
  agentA = await kefu.login('lx_a', TEST_PASSWORD);
  agentB = await kefu.login('lx_b', TEST_PASSWORD);
  supervisorA = await kefu.login('lx_sup', TEST_PASSWORD);
  for (let i = 0; i < CUSTOMERS; i += 10) {
    await Promise.all(
      Array.from({ length: 10 }, (_, k) =>
        agentA.post('/api/v1/customers', {
          unitId: org.storeA.id,
          name: `导出客户${String(i + k).padStart(3, '0')}`,
          phones: [{ number: `1391234${String(i + k).padStart(4, '0')}` }],
          birthday: '1985-04-12',
        }),
      ),
    );
  }
  await agentB.post('/api/v1/customers', { unitId: org.storeB.id, name: '成都客户', phones: [] });
});
afterAll(() => kefu.close());

async function actorOf(username: string): Promise<Actor> {
  const [user] = await kefu.deps.db.select().from(users).where(eq(users.username, username));
  return {
    userId: user!.id,
    username,
    displayName: user!.displayName,
    grants: await loadGrants(kefu.deps.db, user!.id),
    ip: null,
  };
}

describe('one list export for every list (issue 16)', () => {
  it('CUS-5 ORG-1: the customer list exports every matching row of the caller’s scope, not the page, as a styled workbook with real dates', async () => {
    const res = await agentA.request(
      'GET',
      `/api/v1/customers/export.xlsx?unitId=${org.storeA.id}&reason=${encodeURIComponent('核对会员资料')}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['x-export-rows']).toBe(String(CUSTOMERS));
    const sheet = await workbook(res);
    expect(sheet.rowCount - 1).toBe(CUSTOMERS);
    expect(sheet.getRow(1).getCell(1).value).toBe('姓名');
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getColumn(3).width).toBe(40);
    const names = new Set<string>();
    sheet.eachRow((row, n) => {
      if (n > 1) names.add(String(row.getCell(1).value));
    });
    expect(names.has('导出客户000') && names.has(`导出客户${CUSTOMERS - 1}`)).toBe(true);
    expect(names.has('成都客户')).toBe(false);
    const first = sheet.getRow(2);
    // CUS-4: an agent without customers.phone.unmask gets the numbers masked, as the list shows them.
    expect(String(first.getCell(2).value)).toMatch(/^139\*{4}\d{4}$/);
    expect(first.getCell(4).value).toEqual(new Date(Date.UTC(1985, 3, 12)));
    expect(first.getCell(9).value).toBeInstanceOf(Date);
  });

  it('ORG-1: another store’s agent exports none of these customers, and an unit outside the scope is a 404', async () => {
    const all = await workbook(
      await agentB.request(
        'GET',
        `/api/v1/customers/export.xlsx?reason=${encodeURIComponent('核对会员资料')}`,
      ),
    );
    expect(all.rowCount - 1).toBe(1);
    const outside = await agentB.request(
      'GET',
      `/api/v1/customers/export.xlsx?unitId=${org.storeA.id}&reason=${encodeURIComponent('核对会员资料')}`,
    );
    expect(outside.statusCode).toBe(404);
  });

  it('ORG-4 CUS-4: each export is in the audit trail with its filter and row count; the customer export records its reason', async () => {
    await agentA.request(
      'GET',
      `/api/v1/customers/export.xlsx?q=${encodeURIComponent('导出客户00')}&reason=${encodeURIComponent('  回访名单核对 ')}`,
    );
    const trail = await kefu.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'customers.exported'), eq(auditLog.subjectType, 'customers_export')));
    expect(trail.map((t) => t.after)).toContainEqual({
      filter: { q: '导出客户00' },
      rows: 10,
      reason: '回访名单核对',
    });
  });

  it('CUS-4: customers’ personal data is not exported without a reason (400, nothing audited)', async () => {
    const before = await kefu.deps.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'customers.exported'));
    for (const query of ['', '?reason=', `?reason=${encodeURIComponent('   ')}`]) {
      const res = await agentA.request('GET', `/api/v1/customers/export.xlsx${query}`);
      expect(res.statusCode, query).toBe(400);
    }
    const after = await kefu.deps.db.select().from(auditLog).where(eq(auditLog.action, 'customers.exported'));
    expect(after).toHaveLength(before.length);
    // Other lists take no reason: one sent anyway is an unknown field.
    const workOrders = await supervisorA.request('GET', '/api/v1/workorders/export.xlsx?reason=x');
    expect(workOrders.statusCode).toBe(400);
  });

  it('reads a long list page after page through the list’s own use case and stops at the first total', async () => {
    const actor = await actorOf('lx_a');
    const source = await pagedSource(
      (page, pageSize) => readCustomers(kefu.deps, actor, { unitId: org.storeA.id, page, pageSize }),
      50,
    );
    const rows: string[] = [];
    for await (const chunk of source.chunks()) rows.push(...chunk.map((c) => c.name));
    expect([source.total, rows.length, new Set(rows).size]).toEqual([CUSTOMERS, CUSTOMERS, CUSTOMERS]);
  });

  it('refuses more than the row limit with a clear 413 before writing or auditing anything', async () => {
    const actor = await actorOf('lx_a');
    const huge: ListExport<object, { n: number }> = {
      name: 'huge',
      title: '超大',
      permission: 'customers.read',
      columns: [{ header: 'n', width: 6, value: (r) => r.n }],
      open: async () => ({ total: MAX_EXPORT_ROWS + 1, chunks: async function* () {} }),
    };
    await expect(prepareListExport(kefu.deps, actor, huge, {})).rejects.toMatchObject({
      code: 'exports.too_large',
      status: 413,
    });
    const trail = await kefu.deps.db.select().from(auditLog).where(eq(auditLog.action, 'huge.exported'));
    expect(trail).toHaveLength(0);
    const ok = await prepareListExport(
      kefu.deps,
      actor,
      {
        ...huge,
        open: async () => ({
          total: 1,
          chunks: async function* () {
            yield [{ n: 7 }];
          },
        }),
      },
      {},
    );
    const out = new PassThrough();
    const parts: Buffer[] = [];
    out.on('data', (b: Buffer) => parts.push(b));
    await ok.write(out);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.concat(parts) as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.getRow(2).getCell(1).value).toBe(7);
  });

  it('every list page has its export: work orders, follow-ups, contact log and audit trail answer workbooks with their headers', async () => {
    const cases: [HttpSession, string, string][] = [
      [supervisorA, '/api/v1/workorders/export.xlsx', '派工单号'],
      [agentA, '/api/v1/care/tasks/export.xlsx?due=all', '到期时间'],
      [agentA, '/api/v1/contacts/export.xlsx', '时间'],
      [admin, '/api/v1/audit/export.xlsx?action=customer.created', '时间'],
    ];
    for (const [session, path, header] of cases) {
      const res = await session.request('GET', path);
      expect(res.statusCode, `${path}: ${res.body}`).toBe(200);
      const sheet = await workbook(res);
      expect(sheet.getRow(1).getCell(1).value).toBe(header);
      expect(sheet.rowCount - 1).toBe(Number(res.headers['x-export-rows']));
    }
    const audit = await workbook(
      await admin.request('GET', '/api/v1/audit/export.xlsx?action=customer.created'),
    );
    expect(audit.rowCount - 1).toBeGreaterThanOrEqual(CUSTOMERS + 1);
  });

  it('ORG-1 IN-5 CMP-5 SAT-4: the lists that exported only their page now export every matching row as a workbook, audited', async () => {
    await agentA.post('/api/v1/tasks', {
      kind: 'call_back',
      unitId: org.storeA.id,
      callerName: '导出回电人',
      callerPhone: '13800138000',
      note: '回电说明到货时间',
    });
    const rowsOf = (sheet: Awaited<ReturnType<typeof workbook>>) => {
      const rows: unknown[][] = [];
      sheet.eachRow((row, n) => {
        if (n > 1) rows.push((row.values as unknown[]).slice(1));
      });
      return rows;
    };
    const cases: [HttpSession, string, string, (rows: unknown[][]) => void][] = [
      [
        admin,
        '/api/v1/users/export.xlsx?q=lx_',
        '用户名',
        (rows) => {
          expect(rows.map((r) => r[0]).sort()).toEqual(['lx_a', 'lx_b', 'lx_sup']);
          expect(rows.find((r) => r[0] === 'lx_a')?.[5]).toBe('启用');
          expect(rows.find((r) => r[0] === 'lx_a')?.[7]).toBeInstanceOf(Date);
        },
      ],
      [
        admin,
        '/api/v1/roles/export.xlsx',
        '编码',
        (rows) => {
          const agent = rows.find((r) => r[0] === 'agent');
          expect(agent?.[3]).toBe('内置');
          expect(String(agent?.[4])).toContain('查看');
        },
      ],
      [
        admin,
        '/api/v1/units/export.xlsx',
        '名称',
        (rows) => {
          const store = rows.find((r) => r[0] === org.storeA.name);
          expect(store?.[1]).toBe('门店');
          expect(String(store?.[4])).toContain(` / ${org.storeA.name}`);
        },
      ],
      [
        agentA,
        '/api/v1/tasks/export.xlsx?state=all',
        '类型',
        (rows) => {
          const task = rows.find((r) => r[2] === '导出回电人');
          expect(task?.[0]).toBe('回电');
          expect(task?.[1]).toBeInstanceOf(Date);
          expect(task?.[4]).toBe('回电说明到货时间');
        },
      ],
      [
        admin,
        `/api/v1/messages/templates/export.xlsx?unitId=${org.storeA.id}`,
        '编码',
        (rows) => {
          expect(rows.length).toBeGreaterThan(0);
          expect(rows.every((r) => ['短信', '邮件'].includes(String(r[2])))).toBe(true);
          expect(rows.some((r) => r[5] === '系统默认')).toBe(true);
        },
      ],
      [admin, '/api/v1/messages/export.xlsx', '创建时间', () => {}],
      [supervisorA, '/api/v1/complaints/close-outs/export.xlsx?view=open', '工单号', () => {}],
      [admin, '/api/v1/department-inbox/export.xlsx', '工单号', () => {}],
      [supervisorA, `/api/v1/surveys/answers/export.xlsx?unitId=${org.storeA.id}`, '回答时间', () => {}],
      [supervisorA, '/api/v1/surveys/weekly-summaries/export.xlsx', '周', () => {}],
    ];
    for (const [session, path, header, check] of cases) {
      const res = await session.request('GET', path);
      expect(res.statusCode, `${path}: ${res.body}`).toBe(200);
      const sheet = await workbook(res);
      expect(sheet.getRow(1).getCell(1).value, path).toBe(header);
      expect(sheet.views[0], path).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.rowCount - 1, path).toBe(Number(res.headers['x-export-rows']));
      check(rowsOf(sheet));
    }
    const names = [
      'users',
      'roles',
      'units',
      'tasks',
      'message_templates',
      'messages',
      'close_outs',
      'department_inbox',
      'survey_answers',
      'survey_weekly',
    ];
    const trail = await kefu.deps.db.select().from(auditLog);
    for (const name of names)
      expect(
        trail.some((t) => t.action === `${name}.exported` && t.subjectType === `${name}_export`),
        name,
      ).toBe(true);
  });

  it('ORG-1: the new exports are scoped like their lists: a store agent gets no other store’s tasks, an outside unit is 404', async () => {
    const tasks = await workbook(await agentB.request('GET', '/api/v1/tasks/export.xlsx?state=all'));
    expect(tasks.rowCount - 1).toBe(0);
    const outside = await agentB.request(
      'GET',
      `/api/v1/messages/templates/export.xlsx?unitId=${org.storeA.id}`,
    );
    expect(outside.statusCode).toBe(404);
    const roles = await agentA.request('GET', '/api/v1/roles/export.xlsx');
    expect(roles.statusCode).toBe(403);
  });

  it('a person without the list’s permission is refused with 403', async () => {
    const res = await agentA.request('GET', '/api/v1/audit/export.xlsx');
    expect([res.statusCode, res.json().code]).toEqual([403, 'auth.forbidden']);
  });
});
