import ExcelJS from 'exceljs';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_IMPORT_COLUMNS } from '../../../domain/orders';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { auditLog } from '../audit/audit.table';
import { customerPhones, customers } from '../customers/customers.table';
import { orderLines, orders } from '../orders/orders.table';
import { importJobs } from './imports.table';
import { IMPORT_LEASE_MS, resumeImports, runImport } from './imports.usecases';

let kefu: TestKefu;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
let sup: HttpSession;
let manager: HttpSession;
let managerB: HttpSession;
let agent: HttpSession;

type Cell = string | number | Date | null;
type Key = (typeof ORDER_IMPORT_COLUMNS)[number]['key'];
type Line = Partial<Record<Key, Cell>>;
const HEADER = ORDER_IMPORT_COLUMNS.map((c) => c.zh);

async function xlsx(rows: Cell[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('订单');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}
/** A sheet in the order template's layout: one row per line. */
const orderSheet = (lines: Line[]) =>
  xlsx([HEADER, ...lines.map((l) => ORDER_IMPORT_COLUMNS.map((c) => l[c.key] ?? null))]);
const line = (orderNo: string, extra: Line = {}): Line => ({
  orderNo,
  orderedAt: '2026-03-01 10:00',
  customerName: '导单客户',
  customerPhone: '13811110000',
  product: '三人布艺沙发',
  price: 8600,
  paid: 8600,
  ...extra,
});

async function upload(
  who: HttpSession,
  bytes: Buffer,
  opts: { unitId?: string; kind?: string; fileName?: string } = {},
) {
  const boundary = '----kefuorders';
  const fields = { unitId: opts.unitId ?? org.storeA.id, kind: opts.kind ?? 'orders' };
  const body = Buffer.concat([
    ...Object.entries(fields).map(([k, v]) =>
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
    ),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${opts.fileName ?? '订单.xlsx'}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return who.request('POST', '/api/v1/imports', body, {
    'content-type': `multipart/form-data; boundary=${boundary}`,
  });
}

async function reportOf(who: HttpSession, id: string): Promise<Cell[][]> {
  const res = await who.get(`/api/v1/imports/${id}/report.xlsx`);
  expect(res.statusCode, res.body).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const rows: Cell[][] = [];
  book.worksheets[0]!.eachRow((row) => rows.push((row.values as Cell[]).slice(1)));
  return rows.slice(1);
}

async function importNow(who: HttpSession, id: string) {
  const started = await who.post(`/api/v1/imports/${id}/start`, {});
  expect(started.statusCode, started.body).toBe(202);
  await runImport(kefu.deps, id);
  for (let i = 0; i < 100; i++) {
    const job = (await who.get(`/api/v1/imports/${id}`)).json();
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}

const ordersNumbered = (prefix: string, unitId = org.storeA.id) =>
  kefu.deps.db
    .select()
    .from(orders)
    .where(and(eq(orders.unitId, unitId), sql`${orders.orderNo} like ${prefix + '%'}`))
    .orderBy(asc(orders.orderNo));
const linesOf = (orderId: string) =>
  kefu.deps.db
    .select()
    .from(orderLines)
    .where(eq(orderLines.orderId, orderId))
    .orderBy(asc(orderLines.lineNo));

beforeAll(async () => {
  kefu = await createTestKefu();
  const admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  await createUser(admin, 'io_sup', org.storeA.id, 'cs_supervisor');
  // Store managers import orders (orders.import) but not customers.
  await createUser(admin, 'io_mgr', org.storeA.id, 'store_manager');
  await createUser(admin, 'io_mgr_b', org.storeB.id, 'store_manager');
  await createUser(admin, 'io_agent', org.storeA.id, 'agent');
  kefu.clock.set(new Date('2026-03-10T10:00:00+08:00'));
  sup = await kefu.login('io_sup', TEST_PASSWORD);
  manager = await kefu.login('io_mgr', TEST_PASSWORD);
  managerB = await kefu.login('io_mgr_b', TEST_PASSWORD);
  agent = await kefu.login('io_agent', TEST_PASSWORD);
}, 60_000);
afterAll(async () => {
  await kefu?.close();
});

describe('CUS-5 Excel/CSV import of orders (one row per order line)', () => {
  it('CUS-5: valid rows make one order per number with its lines in store time; buyers are matched or created by normalised phone; audited', async () => {
    const known = await sup.post('/api/v1/customers', {
      unitId: org.storeA.id,
      name: '老顾客',
      phones: [{ number: '13822220000' }],
    });
    expect(known.statusCode, known.body).toBe(201);
    const up = await upload(
      manager,
      await orderSheet([
        line('IO-1', { model: 'SF-300', customerPhone: '+86 138-2222-0000', customerName: '老顾客' }),
        line('IO-1', {
          product: '茶几',
          price: '1,200.50',
          paid: 1000,
          quantity: 2,
          clearance: '是',
          customerPhone: '+86 138-2222-0000',
          customerName: '老顾客',
        }),
        line('IO-2', { customerName: '新顾客', customerPhone: '138 3333 0000', fulfilment: '自提' }),
        line('IO-3', { customerName: null, customerPhone: null, channel: '网店' }),
      ]),
    );
    expect(up.statusCode, up.body).toBe(201);
    // The template's headers map by themselves.
    expect(up.json().job.mapping).toEqual(Object.fromEntries(ORDER_IMPORT_COLUMNS.map((c, i) => [c.key, i])));
    const job = await importNow(manager, up.json().job.id);
    expect(job).toMatchObject({ status: 'done', imported: 4, skipped: 0, invalid: 0, done: 4 });
    const made = await ordersNumbered('IO-');
    expect(made.map((o) => [o.orderNo, o.source, o.channel, o.fulfilment])).toEqual([
      ['IO-1', 'import', 'store', 'delivery'],
      ['IO-2', 'import', 'store', 'self_pickup'],
      ['IO-3', 'import', 'online', 'delivery'],
    ]);
    expect(made[0]!.orderedAt.toISOString()).toBe('2026-03-01T02:00:00.000Z');
    expect(made[0]!.customerId).toBe(known.json().id);
    expect(made[0]!.customerPhone).toBe('13822220000');
    expect(await linesOf(made[0]!.id)).toMatchObject([
      { lineNo: 1, product: '三人布艺沙发', model: 'SF-300', quantity: 1, priceFen: 860_000 },
      { lineNo: 2, product: '茶几', quantity: 2, priceFen: 120_050, paidFen: 100_000, clearance: true },
    ]);
    // A new phone with a name: a customer created at the import's unit, as the customer import would.
    const [phone] = await kefu.deps.db
      .select()
      .from(customerPhones)
      .where(eq(customerPhones.normalized, '13833330000'));
    const [buyer] = await kefu.deps.db.select().from(customers).where(eq(customers.id, phone!.customerId));
    expect([buyer!.name, buyer!.unitId, made[1]!.customerId]).toEqual(['新顾客', org.storeA.id, buyer!.id]);
    expect(made[2]!.customerId).toBeNull();
    const audit = await kefu.deps.db
      .select({ action: auditLog.action, actorId: auditLog.actorId })
      .from(auditLog)
      .where(
        inArray(
          auditLog.subjectId,
          made.map((o) => o.id),
        ),
      );
    expect(audit.map((a) => a.action)).toEqual(['order.imported', 'order.imported', 'order.imported']);
  });

  it('CUS-5: bad rows are reported by row, column and problem in Chinese; one bad line keeps its whole order out', async () => {
    const up = await upload(
      manager,
      await orderSheet([
        line('IB-1'),
        line('IB-1', { price: '八百', product: '茶几' }),
        line('IB-2', { orderedAt: '2026-13-01' }),
        line('IB-3', { customerPhone: '12345' }),
        line('IB-4'),
        line('IB-4', { orderedAt: '2026-03-02 10:00' }),
        line('IB-5'),
        line('IB-6'),
        line('IB-5'),
        line('IB-7', { paid: 9000 }),
        line('IB-8', { fulfilment: '快递' }),
        line('IB-9'),
      ]),
    );
    const id = up.json().job.id;
    const expected = [
      [2, '订单号', '第 2 行“订单号”：同一订单第 3 行有问题，整单未导入'],
      [3, '售价（元）', '第 3 行“售价（元）”：应为金额（元），最多两位小数'],
      [4, '下单时间', '第 4 行“下单时间”：时间格式不对，请写成 2026-03-01 10:00'],
      [
        5,
        '客户电话',
        '第 5 行“客户电话”：不是有效的电话号码（11 位手机号、带区号的座机或 400/800 号码）（12345）',
      ],
      [7, '订单号', '第 7 行“订单号”：同一订单的下单时间、客户、渠道等应与第 6 行一致'],
      [6, '订单号', '第 6 行“订单号”：同一订单第 7 行有问题，整单未导入'],
      [10, '订单号', '第 10 行“订单号”：订单 IB-5 已在第 8 行出现：同一订单的各行须连在一起，本行未导入'],
      [11, '实付（元）', '第 11 行“实付（元）”：实付金额不能大于售价'],
      [12, '交付方式', '第 12 行“交付方式”：只能填 送货 / 自提'],
    ];
    // Before the import: the file checked now. Rows are listed in sheet order.
    const before = await reportOf(manager, id);
    expect(before.map((r) => r[0])).toEqual([2, 3, 4, 5, 6, 7, 10, 11, 12]);
    expect(new Set(before.map((r) => JSON.stringify(r)))).toEqual(
      new Set(expected.map((r) => JSON.stringify(r))),
    );
    const job = await importNow(manager, id);
    expect(job).toMatchObject({ status: 'done', imported: 3, invalid: 9, skipped: 0 });
    expect((await ordersNumbered('IB-')).map((o) => o.orderNo)).toEqual(['IB-5', 'IB-6', 'IB-9']);
    expect(await reportOf(manager, id)).toEqual(before);
  });

  it('CUS-5: re-uploading adds nothing — the same file answers its import, an edited file skips the orders the store has', async () => {
    const rows = [line('IR-1'), line('IR-1', { product: '茶几' }), line('IR-2')];
    const file = await orderSheet(rows);
    const first = await upload(manager, file);
    await importNow(manager, first.json().job.id);
    const again = await upload(manager, file, { fileName: '订单（再传）.xlsx' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ repeated: true, job: { id: first.json().job.id, status: 'done' } });
    // The sheet edited and sent again (another file): what the store has is skipped, the new order comes in.
    const edited = await upload(manager, await orderSheet([...rows, line('IR-3')]));
    expect(edited.statusCode).toBe(201);
    const job = await importNow(manager, edited.json().job.id);
    expect(job).toMatchObject({ imported: 1, skipped: 3, invalid: 0 });
    expect(await reportOf(manager, edited.json().job.id)).toEqual([
      [2, '订单号', '第 2 行“订单号”：本门店已有订单 IR-1，已跳过'],
      [3, '订单号', '第 3 行“订单号”：本门店已有订单 IR-1，已跳过'],
      [4, '订单号', '第 4 行“订单号”：本门店已有订单 IR-2，已跳过'],
    ]);
    const made = await ordersNumbered('IR-');
    expect(made.map((o) => o.orderNo)).toEqual(['IR-1', 'IR-2', 'IR-3']);
    expect(await linesOf(made[0]!.id)).toHaveLength(2);
    // Orders entered at the counter count too: the small all-or-nothing import and the pipeline share the insert.
    const counter = await manager.post('/api/v1/orders', {
      unitId: org.storeA.id,
      orderNo: 'IR-4',
      orderedAt: '2026-03-02T02:00:00.000Z',
      channel: 'store',
      fulfilment: 'delivery',
      lines: [
        {
          product: '床',
          quantity: 1,
          priceFen: 100,
          paidFen: 100,
          custom: false,
          clearance: false,
          specialOffer: false,
          packaging: 'unopened',
        },
      ],
    });
    expect(counter.statusCode, counter.body).toBe(201);
    const withCounter = await upload(manager, await orderSheet([line('IR-4'), line('IR-5')]));
    expect(await importNow(manager, withCounter.json().job.id)).toMatchObject({ imported: 1, skipped: 1 });
    expect(await linesOf(counter.json().id)).toMatchObject([{ product: '床' }]);
  });

  it('CUS-5: an import interrupted mid-way resumes after its last committed order — a chunk never splits an order, nothing twice', async () => {
    // 1,000 orders of 3 lines: the first chunk (2,000 rows) closes after the order that reaches it.
    const lines: Line[] = [];
    for (let i = 0; i < 1000; i++)
      for (let n = 0; n < 3; n++)
        lines.push(
          line(`IC-${String(i).padStart(4, '0')}`, {
            product: `商品${n}`,
            customerPhone: `1370000${String(i).padStart(4, '0')}`,
            customerName: `续导${i}`,
          }),
        );
    const up = await upload(manager, await orderSheet(lines));
    const id = up.json().job.id;
    const mapping = up.json().job.mapping;
    await kefu.deps.db.update(importJobs).set({ status: 'queued', mapping }).where(eq(importJobs.id, id));
    const crash = new AbortController();
    await runImport(kefu.deps, id, { signal: crash.signal, onChunk: () => crash.abort() });
    const [stopped] = await kefu.deps.db.select().from(importJobs).where(eq(importJobs.id, id));
    // 667 orders × 3 rows = 2,001 rows: the row after the header through row 2,002.
    expect(stopped).toMatchObject({ status: 'running', lastRow: 2002, imported: 2001 });
    expect(await ordersNumbered('IC-')).toHaveLength(667);
    expect(await resumeImports(kefu.deps)).toHaveLength(0);
    kefu.clock.advanceBy(IMPORT_LEASE_MS + 1000);
    const resumed = await Promise.all(await resumeImports(kefu.deps));
    expect(resumed[0]).toMatchObject({
      status: 'done',
      imported: 3000,
      skipped: 0,
      invalid: 0,
      lastRow: 3001,
    });
    const made = await ordersNumbered('IC-');
    expect(made).toHaveLength(1000);
    const [{ n }] = (await kefu.deps.db
      .select({ n: sql<number>`count(*)::int` })
      .from(orderLines)
      .where(
        inArray(
          orderLines.orderId,
          made.map((o) => o.id),
        ),
      )) as [{ n: number }];
    expect(n).toBe(3000);
    const buyers = await kefu.deps.db
      .select({ n: sql<number>`count(*)::int` })
      .from(customers)
      .where(sql`${customers.name} like '续导%'`);
    expect(buyers[0]!.n).toBe(1000);
  }, 120_000);

  it('CUS-5: orders import as the orders module allows — orders.import at the unit; an order number is per store; jobs of other stores unseen', async () => {
    const file = await orderSheet([line('IS-1')]);
    expect((await upload(agent, file)).statusCode).toBe(403);
    // A store manager may import orders but not customers.
    const customersSheet = await xlsx([
      ['姓名', '手机号'],
      ['越权', '13300133999'],
    ]);
    expect((await upload(manager, customersSheet, { kind: 'customers' })).statusCode).toBe(403);
    const intoOther = await upload(managerB, file);
    expect([intoOther.statusCode, intoOther.json().code]).toEqual([404, 'org.unit_not_found']);
    const mine = await upload(manager, file);
    expect(mine.statusCode).toBe(201);
    const id = mine.json().job.id;
    for (const path of [`/api/v1/imports/${id}`, `/api/v1/imports/${id}/report.xlsx`])
      expect((await managerB.get(path)).statusCode, path).toBe(404);
    expect((await managerB.post(`/api/v1/imports/${id}/start`, {})).statusCode).toBe(404);
    expect(
      (await managerB.get('/api/v1/imports')).json().items.map((j: { id: string }) => j.id),
    ).not.toContain(id);
    const listed = (await manager.get('/api/v1/imports')).json().items as { id: string; kind: string }[];
    expect(listed.map((j) => j.id)).toContain(id);
    expect(new Set(listed.map((j) => j.kind))).toEqual(new Set(['orders']));
    await importNow(manager, id);
    // The same file at store B is an import of its own, and IS-1 there is another order.
    const atB = await upload(managerB, file, { unitId: org.storeB.id });
    expect(atB.statusCode).toBe(201);
    expect(await importNow(managerB, atB.json().job.id)).toMatchObject({ imported: 1, skipped: 0 });
    expect(await ordersNumbered('IS-', org.storeB.id)).toHaveLength(1);
    expect(await ordersNumbered('IS-', org.storeA.id)).toHaveLength(1);
  });
});
