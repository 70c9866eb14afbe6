import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationPath } from '../../test/migration-part';
import { ORDER_IMPORT_COLUMNS, ORDER_IMPORT_MAX_ROWS } from '../../../domain/orders';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { auditLog } from '../audit/audit.table';
import { ensureDefaultRoles } from '../org/bootstrap';
import { roles } from '../org/org.table';
import { orderLines, orders } from './orders.table';

let kefu: TestKefu;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
let clerk: HttpSession;
let clerkB: HttpSession;

const HEADER = ORDER_IMPORT_COLUMNS.map((c) => c.zh);
type Row = Partial<Record<(typeof ORDER_IMPORT_COLUMNS)[number]['key'], string | number | Date>>;

/** A workbook in the template's layout, base64 as the web sends it. */
async function sheet(rows: Row[], header: string[] = HEADER): Promise<string> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('订单导入');
  ws.addRow(header);
  for (const r of rows) ws.addRow(ORDER_IMPORT_COLUMNS.map((c) => r[c.key] ?? null));
  return Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
}
const line = (orderNo: string, extra: Row = {}): Row => ({
  orderNo,
  orderedAt: '2026-03-01 10:00',
  customerName: '王建国',
  customerPhone: '13800138000',
  product: '三人布艺沙发',
  price: 8600,
  paid: 8600,
  ...extra,
});
const ordersOf = (unitId: string) => kefu.deps.db.select().from(orders).where(eq(orders.unitId, unitId));

beforeAll(async () => {
  kefu = await createTestKefu();
  const admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  await createUser(admin, 'clerk', org.storeA.id, 'store_manager');
  await createUser(admin, 'clerk_b', org.storeB.id, 'store_manager');
  // Enters orders one by one at the counter, but does not import them in bulk.
  await createUser(admin, 'agent', org.storeA.id, 'agent');
  kefu.clock.set(new Date('2026-03-10T10:00:00+08:00'));
  clerk = await kefu.login('clerk', TEST_PASSWORD);
  clerkB = await kefu.login('clerk_b', TEST_PASSWORD);
});
afterAll(async () => {
  await kefu?.close();
});

describe('orders imported from Excel at the counter', () => {
  it('RET-2…RET-6 facts: a good sheet makes one order per number with its lines, amounts in fen, store time, all audited', async () => {
    const file = await sheet([
      line('XL-001', { paidAt: '2026-03-01 10:05', deliveredAt: '2026/3/5 15:00', model: 'SF-300' }),
      line('XL-001', {
        paidAt: '2026-03-01 10:05',
        deliveredAt: '2026/3/5 15:00',
        product: '茶几',
        price: '1,200.50',
        paid: 1000,
        clearance: '是',
        packaging: '已拆封',
        quantity: 2,
      }),
      line('XL-002', {
        // A date cell: its wall clock is the store's.
        orderedAt: new Date(Date.UTC(2026, 2, 2, 9, 30)),
        fulfilment: '自提',
        channel: '网店',
        custom: '是',
        specialOffer: '否',
      }),
    ]);
    const res = await clerk.post('/api/v1/orders/import', { unitId: org.storeA.id, file });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ imported: 2, lines: 3 });
    const stored = await ordersOf(org.storeA.id);
    const first = stored.find((o) => o.orderNo === 'XL-001')!;
    expect(first).toMatchObject({
      source: 'import',
      customerPhone: '13800138000',
      channel: 'store',
      fulfilment: 'delivery',
    });
    expect(first.orderedAt.toISOString()).toBe('2026-03-01T02:00:00.000Z');
    expect(first.deliveredAt!.toISOString()).toBe('2026-03-05T07:00:00.000Z');
    const second = stored.find((o) => o.orderNo === 'XL-002')!;
    expect(second).toMatchObject({ channel: 'online', fulfilment: 'self_pickup' });
    expect(second.orderedAt.toISOString()).toBe('2026-03-02T01:30:00.000Z');
    const lines = await kefu.deps.db
      .select()
      .from(orderLines)
      .where(inArray(orderLines.orderId, [first.id, second.id]));
    expect(
      lines
        .filter((l) => l.orderId === first.id)
        .sort((a, b) => a.lineNo - b.lineNo)
        .map((l) => [l.product, l.model, l.quantity, l.priceFen, l.paidFen, l.clearance, l.packaging]),
    ).toEqual([
      ['三人布艺沙发', 'SF-300', 1, 860_000, 860_000, false, 'unopened'],
      ['茶几', null, 2, 120_050, 100_000, true, 'opened'],
    ]);
    expect(lines.find((l) => l.orderId === second.id)).toMatchObject({ custom: true, specialOffer: false });
    const audit = await kefu.deps.db
      .select()
      .from(auditLog)
      .where(inArray(auditLog.subjectId, [first.id, second.id]));
    expect(audit.map((a) => a.action)).toEqual(['order.imported', 'order.imported']);
  });

  it('the downloaded template imports as it stands', async () => {
    const template = await clerk.get('/api/v1/orders/import-template.xlsx');
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toContain('spreadsheetml');
    const res = await clerkB.post('/api/v1/orders/import', {
      unitId: org.storeB.id,
      file: Buffer.from(template.rawPayload).toString('base64'),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ imported: 1, lines: 2 });
  });

  it('bad rows: 422 orders.import_invalid names every row in Chinese, and nothing is written', async () => {
    const before = (await ordersOf(org.storeA.id)).length;
    const file = await sheet([
      line('XL-101'),
      line('XL-102', { price: 100, paid: 120 }),
      line('XL-103', { orderedAt: '3月1日', custom: '也许' }),
      line('XL-001'),
      line('XL-104', { product: '' }),
    ]);
    const res = await clerk.post('/api/v1/orders/import', { unitId: org.storeA.id, file });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('orders.import_invalid');
    const problems = res.json().details.problems as { row: number; zh: string }[];
    expect(problems.map((p) => p.row)).toEqual([3, 4, 4, 6]);
    expect(problems[0]!.zh).toBe('第 3 行“实付（元）”：实付金额不能大于售价');
    expect(problems[1]!.zh).toContain('时间格式不对');
    expect(problems[3]!.zh).toBe('第 6 行“商品”：不能为空');
    expect((await ordersOf(org.storeA.id)).length).toBe(before);

    // Every cell right, yet an order number the store has: still nothing written.
    const taken = await clerk.post('/api/v1/orders/import', {
      unitId: org.storeA.id,
      file: await sheet([line('XL-105'), line('XL-001')]),
    });
    expect(taken.statusCode).toBe(422);
    expect(taken.json().details.problems).toEqual([
      expect.objectContaining({ row: 3, zh: '第 3 行“订单号”：本门店已有订单 XL-001' }),
    ]);
    expect((await ordersOf(org.storeA.id)).map((o) => o.orderNo)).not.toContain('XL-105');

    const header = await clerk.post('/api/v1/orders/import', {
      unitId: org.storeA.id,
      file: await sheet([line('XL-106')], ['单号', ...HEADER.slice(1)]),
    });
    expect(header.json().details.problems[0].zh).toBe('表头缺少“订单号”列，请使用导入模板');
    const junk = await clerk.post('/api/v1/orders/import', {
      unitId: org.storeA.id,
      file: Buffer.from('not a workbook').toString('base64'),
    });
    expect(junk.statusCode).toBe(400);
    expect(junk.json().code).toBe('orders.import_unreadable');
  });

  it('ORG-1: importing into another store is 404 and writes nothing', async () => {
    const before = (await ordersOf(org.storeB.id)).length;
    const res = await clerk.post('/api/v1/orders/import', {
      unitId: org.storeB.id,
      file: await sheet([line('XL-201')]),
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('org.unit_not_found');
    expect((await ordersOf(org.storeB.id)).length).toBe(before);
  });

  it('orders.import: the Excel import and its template need their own permission — an agent who enters orders gets 403', async () => {
    const agent = await kefu.login('agent', TEST_PASSWORD);
    const res = await agent.post('/api/v1/orders/import', {
      unitId: org.storeA.id,
      file: await sheet([line('XL-301')]),
    });
    expect(res.statusCode).toBe(403);
    expect((await agent.get('/api/v1/orders/import-template.xlsx')).statusCode).toBe(403);
    expect((await ordersOf(org.storeA.id)).map((o) => o.orderNo)).not.toContain('XL-301');
    // The same agent still enters an order at the counter.
    const typed = await agent.post('/api/v1/orders', {
      unitId: org.storeA.id,
      orderNo: 'XL-301',
      orderedAt: '2026-03-09T10:00:00+08:00',
      lines: [{ product: '茶几', priceFen: 120_000, paidFen: 120_000 }],
    });
    expect(typed.statusCode, typed.body).toBe(201);
  });

  it('orders.import: a database from before this release hands it to the default store manager at start-up (migration 0049), audited', async () => {
    const [manager] = await kefu.deps.db.select().from(roles).where(eq(roles.code, 'store_manager'));
    // As the role was before: entering orders, no import.
    await kefu.deps.db
      .update(roles)
      .set({ permissions: manager!.permissions.filter((p) => p !== 'orders.import') })
      .where(eq(roles.id, manager!.id));
    const file = migrationPath('online_return_chains.sql');
    const forget = readFileSync(file, 'utf8').split('--> statement-breakpoint')[1]!;
    await kefu.deps.db.execute(sql.raw(forget));
    await ensureDefaultRoles(kefu.deps);
    const [after] = await kefu.deps.db.select().from(roles).where(eq(roles.id, manager!.id));
    expect(after!.permissions).toContain('orders.import');
    const [entry] = await kefu.deps.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.subjectId, manager!.id), eq(auditLog.action, 'org.role.permissions_introduced')),
      );
    expect((entry!.after as { permissions: string[] }).permissions).toContain('orders.import');
    // The agent's role does not carry it.
    const [agentRole] = await kefu.deps.db.select().from(roles).where(eq(roles.code, 'agent'));
    expect(agentRole!.permissions).not.toContain('orders.import');
  });

  it(`too many rows: 400 orders.import_too_many_rows with the limit (${ORDER_IMPORT_MAX_ROWS})`, async () => {
    const rows = Array.from({ length: ORDER_IMPORT_MAX_ROWS + 1 }, (_, i) => line(`XL-9${i}`));
    const res = await clerk.post('/api/v1/orders/import', { unitId: org.storeA.id, file: await sheet(rows) });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'orders.import_too_many_rows',
      message: '一次最多导入 500 行，请分成几个文件导入',
      details: { limit: ORDER_IMPORT_MAX_ROWS, rows: ORDER_IMPORT_MAX_ROWS + 1 },
    });
    expect((await ordersOf(org.storeA.id)).map((o) => o.orderNo)).not.toContain('XL-90');
  });
});
