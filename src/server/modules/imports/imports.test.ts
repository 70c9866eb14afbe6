import ExcelJS from 'exceljs';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { auditLog } from '../audit/audit.table';
import { assets, customerPhones, customers } from '../customers/customers.table';
import { importJobs } from './imports.table';
import { IMPORT_LEASE_MS, resumeImports, runImport } from './imports.usecases';

let kefu: TestKefu;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
let sup: HttpSession;
let supB: HttpSession;
let agent: HttpSession;

type Cell = string | number | Date | null;

async function xlsx(rows: Cell[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('客户');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

function form(fields: Record<string, string>, fileName: string, bytes: Buffer) {
  const boundary = '----kefuimport';
  const parts = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  const body = Buffer.concat([
    ...parts,
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(
  who: HttpSession,
  bytes: Buffer,
  opts: { unitId?: string; kind?: string; fileName?: string } = {},
) {
  const f = form(
    { unitId: opts.unitId ?? org.storeA.id, kind: opts.kind ?? 'customers' },
    opts.fileName ?? '客户.xlsx',
    bytes,
  );
  return who.request('POST', '/api/v1/imports', f.body, f.headers);
}

async function reportOf(who: HttpSession, id: string): Promise<Cell[][]> {
  const res = await who.get(`/api/v1/imports/${id}/report.xlsx`);
  expect(res.statusCode, res.body).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const rows: Cell[][] = [];
  book.worksheets[0]!.eachRow((row) => rows.push((row.values as Cell[]).slice(1)));
  return rows;
}

async function importNow(who: HttpSession, id: string) {
  const started = await who.post(`/api/v1/imports/${id}/start`, {});
  expect(started.statusCode, started.body).toBe(202);
  // The route runs it in the background; running it here too waits for it (one runner per job).
  await runImport(kefu.deps, id);
  for (let i = 0; i < 100; i++) {
    const job = (await who.get(`/api/v1/imports/${id}`)).json();
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}

const customersNamed = (prefix: string) =>
  kefu.deps.db
    .select()
    .from(customers)
    .where(sql`${customers.name} like ${prefix + '%'}`);

beforeAll(async () => {
  kefu = await createTestKefu();
  const admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  await createUser(admin, 'imp_sup', org.storeA.id, 'cs_supervisor');
  await createUser(admin, 'imp_sup_b', org.storeB.id, 'cs_supervisor');
  await createUser(admin, 'imp_agent', org.storeA.id, 'agent');
  kefu.clock.set(new Date('2026-03-10T10:00:00+08:00'));
  sup = await kefu.login('imp_sup', TEST_PASSWORD);
  supB = await kefu.login('imp_sup_b', TEST_PASSWORD);
  agent = await kefu.login('imp_agent', TEST_PASSWORD);
}, 60_000);
afterAll(async () => {
  await kefu?.close();
});

describe('CUS-5 Excel/CSV import of customers and assets', () => {
  it('CUS-5: the column mapping is suggested from Chinese or English headers and remembered per company and kind', async () => {
    const zh = await upload(
      sup,
      await xlsx([
        ['序号', '客户姓名', '联系电话', '家庭住址', '身份证号'],
        [1, '映射甲', '13900000001', '上海', null],
      ]),
    );
    expect(zh.statusCode, zh.body).toBe(201);
    expect(zh.json().job.mapping).toEqual({ name: 1, phone: 2, address: 3, identityNumber: 4 });
    const en = await upload(
      sup,
      await xlsx([
        ['Phone Number', 'Full Name', 'Remarks'],
        ['13900000002', 'Map B', 'x'],
      ]),
    );
    expect(en.json().job.mapping).toEqual({ phone: 0, name: 1, note: 2 });

    // Headers nobody could guess: mapped by hand once, suggested from then on (another store of the company too).
    const odd = [
      ['甲列', '乙列', '丙列'],
      ['映射丙', '13900000003', '杭州'],
    ];
    const first = (await upload(sup, await xlsx(odd))).json().job;
    expect(first.mapping).toEqual({});
    const badMapping = await sup.request('PUT', `/api/v1/imports/${first.id}/mapping`, {
      mapping: { name: 0 },
    });
    expect([badMapping.statusCode, badMapping.json().code]).toEqual([400, 'imports.mapping_invalid']);
    const set = await sup.request('PUT', `/api/v1/imports/${first.id}/mapping`, {
      mapping: { name: 0, phone: 1, address: 2 },
    });
    expect(set.statusCode, set.body).toBe(200);
    const again = await upload(
      supB,
      await xlsx([
        ['丙列', '甲列', '乙列'],
        ['成都', '映射丁', '13900000004'],
      ]),
      {
        unitId: org.storeB.id,
      },
    );
    expect(again.json().job.mapping).toEqual({ address: 0, name: 1, phone: 2 });
    // Remembered per kind: an asset sheet with the same headers is not mapped by it.
    const asset = await upload(sup, await xlsx(odd), { kind: 'assets' });
    expect(asset.json().job.mapping).toEqual({});

    const preview = await sup.post(`/api/v1/imports/${first.id}/preview`, {});
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().rows).toEqual([{ row: 2, cells: ['映射丙', '13900000003', '杭州'], problems: [] }]);
  });

  it('CUS-5: the validation report lists every bad row by row, column and problem in Chinese, before and after the import', async () => {
    const file = await xlsx([
      ['姓名', '手机号', '生日', '身份证号'],
      ['报告甲', '138 0013 0001', '1980-02-30', null],
      [null, '12345', new Date(Date.UTC(1990, 4, 6)), null],
      ['报告乙', '13800130002', '1985年3月1日', Number('110101198503011234')],
      [
        '报告丙',
        '13800130003',
        { formula: 'DATE(1970,1,2)', result: new Date(Date.UTC(1970, 0, 2)) } as never,
        null,
      ],
    ]);
    const up = await upload(sup, file);
    const id = up.json().job.id;
    expect(up.json().job.totalRows).toBe(4);
    const before = await reportOf(sup, id);
    expect(before[0]).toEqual(['行号', '列', '问题']);
    expect(before.slice(1)).toEqual([
      [2, '生日', '第 2 行“生日”：不是有效日期（1980-02-30），请写成 2026-03-01'],
      [3, '姓名', '第 3 行“姓名”：必填，不能为空'],
      [
        3,
        '手机号',
        '第 3 行“手机号”：不是有效的电话号码（11 位手机号、带区号的座机或 400/800 号码）（12345）',
      ],
      [
        4,
        '身份证号',
        '第 4 行“身份证号”：证件号被 Excel 存成了数字，末几位可能已丢失，请把该列设为“文本”后重新填写',
      ],
    ]);
    const job = await importNow(sup, id);
    expect(job).toMatchObject({ status: 'done', imported: 1, invalid: 3, skipped: 0, done: 4 });
    const [made] = await customersNamed('报告丙');
    expect(made!.birthday).toBe('1970-01-02');
    expect((await reportOf(sup, id)).slice(1)).toEqual(before.slice(1));
  });

  it('CUS-5: rows are deduplicated by the normalised phone, against the archive and within the file; the import is audited', async () => {
    const made = await sup.post('/api/v1/customers', {
      unitId: org.storeA.id,
      name: '已有客户',
      phones: [{ number: '13700137000' }],
    });
    expect(made.statusCode, made.body).toBe(201);
    const file = await xlsx([
      ['姓名', '手机', '备用电话', '地址'],
      ['去重甲', '+86 137-0013-7000', null, null],
      ['去重乙', '13700137001', '021-6432 1234', '上海市徐汇区'],
      ['去重丙', '137 0013 7001', null, null],
      ['去重丁', '13700137002', null, null],
    ]);
    const id = (await upload(sup, file)).json().job.id;
    const job = await importNow(sup, id);
    expect(job).toMatchObject({ imported: 2, skipped: 2, invalid: 0 });
    const names = (await customersNamed('去重')).map((c) => c.name).sort();
    expect(names).toEqual(['去重丁', '去重乙']);
    const [yi] = await customersNamed('去重乙');
    const phones = await kefu.deps.db
      .select()
      .from(customerPhones)
      .where(eq(customerPhones.customerId, yi!.id));
    expect(phones.map((p) => [p.normalized, p.isPrimary]).sort()).toEqual([
      ['02164321234', false],
      ['13700137001', true],
    ]);
    expect((await reportOf(sup, id)).slice(1)).toEqual([
      [2, '手机', '第 2 行“手机”：档案中已有该手机号的客户，已跳过'],
      [4, '手机', '第 4 行“手机”：与第 3 行手机号重复，已跳过'],
    ]);
    const audit = await kefu.deps.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.subjectType, 'import_job'), eq(auditLog.subjectId, id)));
    expect(audit.map((a) => a.action).sort()).toEqual([
      'import.finished',
      'import.started',
      'import.uploaded',
    ]);
  });

  it('CUS-5: the same file uploaded again answers its import and writes nothing twice', async () => {
    const file = await xlsx([
      ['姓名', '手机号'],
      ['重传甲', '13600136000'],
      ['重传乙', '13600136001'],
    ]);
    const first = await upload(sup, file);
    expect(first.statusCode).toBe(201);
    await importNow(sup, first.json().job.id);
    const again = await upload(sup, file, { fileName: '改了名字.xlsx' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ repeated: true, job: { id: first.json().job.id, status: 'done' } });
    const restart = await sup.post(`/api/v1/imports/${first.json().job.id}/start`, {});
    expect([restart.statusCode, restart.json().code]).toEqual([409, 'imports.not_startable']);
    expect(await customersNamed('重传')).toHaveLength(2);
    const [stored] = await kefu.deps.db
      .select()
      .from(importJobs)
      .where(eq(importJobs.id, first.json().job.id));
    const sameFile = await kefu.deps.db
      .select()
      .from(importJobs)
      .where(eq(importJobs.fileHash, stored!.fileHash));
    expect(sameFile).toHaveLength(1);
  });

  it('CUS-5: an import stopped mid-way (process crash) is resumed by the scheduler after its last committed row — no row twice', async () => {
    const rows: Cell[][] = [['姓名', '手机号']];
    for (let i = 0; i < 5000; i++) rows.push([`续传${i}`, `135${String(i).padStart(8, '0')}`]);
    const up = await upload(sup, await xlsx(rows));
    const id = up.json().job.id;
    // Started, then the process dies right after its first chunk committed.
    await kefu.deps.db
      .update(importJobs)
      .set({ status: 'queued', mapping: { name: 0, phone: 1 } })
      .where(eq(importJobs.id, id));
    const crash = new AbortController();
    await runImport(kefu.deps, id, { signal: crash.signal, onChunk: () => crash.abort() });
    const [stopped] = await kefu.deps.db.select().from(importJobs).where(eq(importJobs.id, id));
    expect(stopped).toMatchObject({ status: 'running', lastRow: 2001, imported: 2000 });
    expect(await customersNamed('续传')).toHaveLength(2000);
    // Within its lease the job is left alone; once the heartbeat is stale the scheduler's pass takes it over.
    expect(await resumeImports(kefu.deps)).toHaveLength(0);
    kefu.clock.advanceBy(IMPORT_LEASE_MS + 1000);
    const resumed = await Promise.all(await resumeImports(kefu.deps));
    expect(resumed).toHaveLength(1);
    expect(resumed[0]).toMatchObject({ status: 'done', imported: 5000, skipped: 0, lastRow: 5001 });
    const made = await customersNamed('续传');
    expect(made).toHaveLength(5000);
    // Every name exactly as written (a Chinese character split between two zip chunks once came out garbled).
    expect(new Set(made.map((c) => c.name))).toEqual(
      new Set(Array.from({ length: 5000 }, (_, i) => `续传${i}`)),
    );
  }, 60_000);

  it('CUS-5: assets are imported onto the customer with that phone; unknown phones and repeated numbers are reported', async () => {
    const file = await xlsx([
      ['客户手机号', '资产类型', '产品名称', '型号', '序列号', '购买日期', '保修截止'],
      ['13600136000', '产品', '空调', 'KFR-35', 'SN001', '2025/6/1', '2031-06-01'],
      ['13600136000', '产品', '空调', 'KFR-35', 'SN001', '2025/6/1', null],
      ['13999999999', '车辆', '轿车', null, '沪A12345', null, null],
      ['13600136001', '房子', '3号楼1201', null, null, null, null],
      ['13600136001', '飞机', '波音', null, null, null, null],
    ]);
    const up = await upload(sup, file, { kind: 'assets' });
    expect(up.json().job.mapping).toEqual({
      phone: 0,
      kind: 1,
      name: 2,
      model: 3,
      number: 4,
      purchaseDate: 5,
      warrantyEnd: 6,
    });
    const job = await importNow(sup, up.json().job.id);
    expect(job).toMatchObject({ imported: 2, skipped: 2, invalid: 1 });
    const [owner] = await customersNamed('重传甲');
    const owned = await kefu.deps.db.select().from(assets).where(eq(assets.customerId, owner!.id));
    expect(owned).toMatchObject([
      {
        kind: 'product',
        name: '空调',
        number: 'SN001',
        purchaseDate: '2025-06-01',
        warrantyEnd: '2031-06-01',
      },
    ]);
    expect((await reportOf(sup, up.json().job.id)).slice(1)).toEqual([
      [3, '序列号', '第 3 行“序列号”：该客户已有同编号的资产，已跳过'],
      [4, '客户手机号', '第 4 行“客户手机号”：档案中没有该手机号的客户，请先导入客户'],
      [6, '资产类型', '第 6 行“资产类型”：应为“产品”“车辆”或“房屋”（飞机）'],
    ]);
  });

  it('CUS-5: CSV files in UTF-8 or GB18030 (as Excel saves them) are read', async () => {
    const text = '姓名,手机号\r\n编码甲,13400134000\r\n';
    const utf8 = await upload(sup, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), {
      fileName: 'a.csv',
    });
    expect(utf8.json().job).toMatchObject({ format: 'csv', headers: ['姓名', '手机号'], totalRows: 1 });
    // '姓名,手机号\r\n编码乙,13400134001' in GB18030.
    const gb = Buffer.from('d0d5c3fb2ccad6bbfabac50d0ab1e0c2ebd2d22c31333430303133343030310d0a', 'hex');
    const up = await upload(sup, gb, { fileName: 'b.csv' });
    expect(up.json().job).toMatchObject({ headers: ['姓名', '手机号'], mapping: { name: 0, phone: 1 } });
    await importNow(sup, up.json().job.id);
    expect(await customersNamed('编码乙')).toHaveLength(1);
  });

  it('CUS-5: bad files are refused with a code and leave nothing behind; only holders of customers.import at the unit may import', async () => {
    const fake = await upload(sup, Buffer.from('this is not a spreadsheet at all'), {
      fileName: '客户.xlsx',
    });
    expect([fake.statusCode, fake.json().code]).toEqual([422, 'imports.unreadable']);
    const zipNotExcel = await upload(sup, Buffer.from('504b030414000000080000000000', 'hex'));
    expect([zipNotExcel.statusCode, zipNotExcel.json().code]).toEqual([422, 'imports.unreadable']);
    const headerOnly = await upload(sup, await xlsx([['姓名', '手机号']]));
    expect([headerOnly.statusCode, headerOnly.json().code]).toEqual([422, 'imports.empty']);
    const forbidden = await upload(
      agent,
      await xlsx([
        ['姓名', '手机号'],
        ['越权', '13300133000'],
      ]),
    );
    expect(forbidden.statusCode).toBe(403);
    const otherStore = await upload(
      supB,
      await xlsx([
        ['姓名', '手机号'],
        ['越权', '13300133000'],
      ]),
    );
    expect(otherStore.statusCode).toBe(404);
    const mine = (
      await upload(
        sup,
        await xlsx([
          ['姓名', '手机号'],
          ['越权', '13300133001'],
        ]),
      )
    ).json().job.id;
    expect((await supB.get(`/api/v1/imports/${mine}`)).statusCode).toBe(404);
    expect((await supB.get(`/api/v1/imports/${mine}/report.xlsx`)).statusCode).toBe(404);
    expect((await supB.get('/api/v1/imports')).json().items.map((j: { id: string }) => j.id)).not.toContain(
      mine,
    );
    const failedJobs = await kefu.deps.db
      .select()
      .from(importJobs)
      .where(inArray(importJobs.fileName, ['a.csv']));
    expect(failedJobs).toHaveLength(1);
  });
});
