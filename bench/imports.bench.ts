/**
 * CUS-5 import at scale (issue 20): a generated 100,000-row customer sheet (.xlsx, Chinese names,
 * mobile numbers, addresses, some bad rows and repeated numbers) uploaded and imported on PostgreSQL.
 * Measures the upload (stored, hashed, header read, rows counted), the import (streamed, chunks of
 * IMPORT_CHUNK_ROWS rows per transaction) and the process's peak RSS. Target: import < 60 s, memory flat.
 * Needs KEFU_BENCH_DATABASE_URL (or TEST_DATABASE_URL): a database of its own is created and dropped.
 * BENCH_IMPORT_ROWS changes the row count. Then the same number of order rows (the `orders` kind: two
 * lines per order, buyers linked to the imported customers by phone, one order in 200 with a bad line)
 * through the same pipeline; BENCH_IMPORT_ORDER_ROWS changes that count (0 skips it).
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import pino from 'pino';
import { prepareDatabase } from '../src/server/app/boot';
import { loadConfig } from '../src/server/app/config';
import type { Actor } from '../src/server/app/context';
import { openPostgres, rowsOf } from '../src/server/app/db';
import { loadGrants } from '../src/server/modules/org/org.service';
import { organisationUnits, users } from '../src/server/modules/org/org.table';
import {
  runImport,
  setMapping,
  startImport,
  uploadImport,
} from '../src/server/modules/imports/imports.service';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const ORDER_ROWS = Number(process.env.BENCH_IMPORT_ORDER_ROWS ?? ROWS);
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英';

async function writeSheet(file: string): Promise<void> {
  const out = createWriteStream(file);
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true });
  const ws = book.addWorksheet('客户');
  ws.addRow(['客户姓名', '手机号码', '家庭住址', '生日', '备注']).commit();
  for (let i = 0; i < ROWS; i++) {
    const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${GIVEN[(i * 13) % GIVEN.length]}`;
    // One row in 500 has a bad number, one in 1,000 repeats an earlier one.
    const phone = i % 500 === 7 ? '12345' : `139${String(i % 1000 === 9 ? i - 1 : i).padStart(8, '0')}`;
    ws.addRow([
      name,
      phone,
      `上海市徐汇区漕溪北路${(i % 900) + 1}弄${(i % 30) + 1}号${(i % 20) + 1}0${(i % 4) + 1}室`,
      new Date(Date.UTC(1960 + (i % 40), i % 12, (i % 28) + 1)),
      i % 3 === 0 ? '老客户' : null,
    ]).commit();
  }
  ws.commit();
  await book.commit();
  await finished(out);
}

/** Two rows (lines) per order, in the order template's columns. */
async function writeOrderSheet(file: string): Promise<void> {
  const out = createWriteStream(file);
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true });
  const ws = book.addWorksheet('订单');
  ws.addRow([
    '订单号',
    '下单时间',
    '客户姓名',
    '客户电话',
    '商品',
    '型号',
    '数量',
    '售价（元）',
    '实付（元）',
  ]).commit();
  for (let i = 0; i < ORDER_ROWS; i++) {
    const order = Math.floor(i / 2);
    const day = new Date(Date.UTC(2025, order % 12, (order % 28) + 1, 2 + (order % 10), 0));
    ws.addRow([
      `BO${String(order).padStart(8, '0')}`,
      day,
      `买家${order}`,
      `139${String(order).padStart(8, '0')}`,
      i % 2 === 0 ? '三人布艺沙发' : '茶几',
      i % 2 === 0 ? 'SF-300' : null,
      1,
      // One order in 200 has a line paid above its price: the whole order stays out.
      i % 400 === 1 ? 100 : 1200,
      i % 400 === 1 ? 200 : 1000,
    ]).commit();
  }
  ws.commit();
  await book.commit();
  await finished(out);
}

export async function run(): Promise<string[]> {
  const serverUrl = process.env.KEFU_BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (!serverUrl) return ['import: skipped (set KEFU_BENCH_DATABASE_URL or TEST_DATABASE_URL)'];
  const name = `kefu_bench_import_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-import-'));
  const database = await openPostgres({ url: u.toString() });
  try {
    const config = loadConfig({
      KEFU_LOG_LEVEL: 'silent',
      KEFU_ADMIN_PASSWORD: 'Bench#2026x',
      KEFU_DATA_DIR: dir,
    });
    const { deps } = await prepareDatabase(database, config, pino({ level: 'silent' }));
    const [user] = await deps.db.select().from(users).where(eq(users.username, 'admin'));
    const [root] = await deps.db
      .select()
      .from(organisationUnits)
      .where(sql`cardinality(${organisationUnits.path}) = 1`);
    const actor: Actor = {
      userId: user!.id,
      username: 'admin',
      displayName: 'admin',
      grants: await loadGrants(deps.db, user!.id),
      ip: null,
    };
    const file = path.join(dir, 'customers.xlsx');
    let t = performance.now();
    await writeSheet(file);
    const generated = (performance.now() - t) / 1000;
    const size = statSync(file).size;

    global.gc?.();
    const baseRss = process.memoryUsage().rss;
    let peakRss = baseRss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    t = performance.now();
    const { job } = await uploadImport(deps, actor, {
      unitId: root!.id,
      kind: 'customers',
      fileName: 'customers.xlsx',
      body: createReadStream(file),
      truncated: () => false,
    });
    const uploaded = (performance.now() - t) / 1000;
    await setMapping(
      deps,
      actor,
      job.id,
      job.mapping ?? { name: 0, phone: 1, address: 2, birthday: 3, note: 4 },
    );
    await startImport(deps, actor, job.id);
    t = performance.now();
    const done = await runImport(deps, job.id);
    const imported = (performance.now() - t) / 1000;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const [{ n }] = rowsOf<{ n: number }>(
      await database.db.execute(sql`select count(*)::int as n from customers`),
    ) as [{ n: number }];
    const mb = (b: number) => (b / 1024 / 1024).toFixed(0);
    const orderLines: string[] = [];
    if (ORDER_ROWS > 0) {
      const orderFile = path.join(dir, 'orders.xlsx');
      await writeOrderSheet(orderFile);
      global.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampling = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 50);
      t = performance.now();
      const up = await uploadImport(deps, actor, {
        unitId: root!.id,
        kind: 'orders',
        fileName: 'orders.xlsx',
        body: createReadStream(orderFile),
        truncated: () => false,
      });
      const orderUpload = (performance.now() - t) / 1000;
      await setMapping(deps, actor, up.job.id, {
        orderNo: 0,
        orderedAt: 1,
        customerName: 2,
        customerPhone: 3,
        product: 4,
        model: 5,
        quantity: 6,
        price: 7,
        paid: 8,
      });
      await startImport(deps, actor, up.job.id);
      t = performance.now();
      const ordersDone = await runImport(deps, up.job.id);
      const orderImport = (performance.now() - t) / 1000;
      clearInterval(sampling);
      const [{ o }] = rowsOf<{ o: number }>(
        await database.db.execute(sql`select count(*)::int as o from orders`),
      ) as [{ o: number }];
      orderLines.push(
        `import of ${ORDER_ROWS.toLocaleString('en')} order rows (2 lines per order, .xlsx, ${mb(statSync(orderFile).size)} MB) on PostgreSQL:`,
        `  upload ${orderUpload.toFixed(1)} s; import ${orderImport.toFixed(1)} s (${Math.round(ORDER_ROWS / orderImport).toLocaleString('en')} rows/s)`,
        `  status ${ordersDone?.status}: rows imported ${ordersDone?.imported}, skipped ${ordersDone?.skipped}, invalid ${ordersDone?.invalid}; orders in the database ${o}`,
        `  RSS before ${mb(before)} MB, peak ${mb(peak)} MB (+${mb(peak - before)} MB)`,
      );
    }
    return [
      `import of ${ROWS.toLocaleString('en')} customer rows (.xlsx, ${mb(size)} MB, generated in ${generated.toFixed(1)} s) on PostgreSQL:`,
      `  upload (store + hash + count rows) ${uploaded.toFixed(1)} s; import ${imported.toFixed(1)} s (${Math.round(ROWS / imported).toLocaleString('en')} rows/s)  (target < 60 s${imported < 60 ? '' : ' — MISSED'})`,
      `  status ${done?.status}: imported ${done?.imported}, skipped (duplicate phone) ${done?.skipped}, invalid ${done?.invalid}; customers in the database ${n}`,
      `  RSS before ${mb(baseRss)} MB, peak ${mb(peakRss)} MB during upload + import (+${mb(peakRss - baseRss)} MB)`,
      ...orderLines,
    ];
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
