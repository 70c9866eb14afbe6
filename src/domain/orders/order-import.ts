/**
 * Orders imported from an Excel sheet (订单导入): one row per order line, rows with the same order
 * number make one order. Every row is checked and every problem is named by its row number, so
 * the store fixes the sheet once; a sheet with any problem imports nothing. Times are the store's
 * wall clock (a date cell or text such as 2026-03-01 10:00), amounts are yuan, stored in fen.
 */
import { dayFromIsoDate, getZone, instantOfLocal } from '../calendar/time-zone';

/** A cell as read from the sheet; a Date is a wall-clock date and time (its UTC fields). */
export type ImportCell = string | number | boolean | Date | null;

export const ORDER_IMPORT_COLUMNS = [
  { key: 'orderNo', zh: '订单号', en: 'Order number', required: true },
  { key: 'orderedAt', zh: '下单时间', en: 'Ordered at', required: true },
  { key: 'paidAt', zh: '付款时间', en: 'Paid at', required: false },
  { key: 'deliveredAt', zh: '送货时间', en: 'Delivered at', required: false },
  { key: 'pickedUpAt', zh: '提货时间', en: 'Picked up at', required: false },
  { key: 'customerName', zh: '客户姓名', en: 'Customer name', required: false },
  { key: 'customerPhone', zh: '客户电话', en: 'Customer phone', required: false },
  { key: 'channel', zh: '渠道', en: 'Channel', required: false },
  { key: 'fulfilment', zh: '交付方式', en: 'Fulfilment', required: false },
  { key: 'product', zh: '商品', en: 'Product', required: true },
  { key: 'model', zh: '型号', en: 'Model', required: false },
  { key: 'quantity', zh: '数量', en: 'Quantity', required: false },
  { key: 'price', zh: '售价（元）', en: 'Price (yuan)', required: true },
  { key: 'paid', zh: '实付（元）', en: 'Paid (yuan)', required: true },
  { key: 'custom', zh: '定制', en: 'Custom-made', required: false },
  { key: 'clearance', zh: '处理品', en: 'Clearance', required: false },
  { key: 'specialOffer', zh: '特卖品', en: 'Special offer', required: false },
  { key: 'packaging', zh: '包装', en: 'Packaging', required: false },
] as const;
export type ImportColumnKey = (typeof ORDER_IMPORT_COLUMNS)[number]['key'];

/** The most rows (lines) one sheet may hold. */
export const ORDER_IMPORT_MAX_ROWS = 500;

export interface ImportProblem {
  /** The sheet's row number (the header is row 1). */
  row: number;
  column: string | null;
  zh: string;
  en: string;
}

export interface ImportedLine {
  product: string;
  model: string | null;
  quantity: number;
  priceFen: number;
  paidFen: number;
  custom: boolean;
  clearance: boolean;
  specialOffer: boolean;
  packaging: 'unopened' | 'opened';
}
export interface ImportedOrder extends ImportedOrderHead {
  /** The first sheet row of the order. */
  row: number;
  lines: ImportedLine[];
}

export type ImportResult = { ok: true; orders: ImportedOrder[] } | { ok: false; problems: ImportProblem[] };

const text = (v: ImportCell): string =>
  v === null ? '' : v instanceof Date ? v.toISOString() : String(v).trim();

const CHOICES = {
  channel: { 门店: 'store', store: 'store', 网店: 'online', 线上: 'online', online: 'online' },
  fulfilment: { 送货: 'delivery', delivery: 'delivery', 自提: 'self_pickup', self_pickup: 'self_pickup' },
  packaging: { 未拆封: 'unopened', unopened: 'unopened', 已拆封: 'opened', opened: 'opened' },
} as const;
type ChoiceOf<K extends keyof typeof CHOICES> = (typeof CHOICES)[K][keyof (typeof CHOICES)[K]];
const YES = new Set(['是', 'y', 'yes', 'true', '1']);
const NO = new Set(['否', '', 'n', 'no', 'false', '0']);
const WALL = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::\d{2})?)?$/;

/** Reads a wall-clock cell in `timeZone`; null for an empty cell, undefined when unreadable. */
function wallInstant(v: ImportCell, timeZone: string): Date | null | undefined {
  if (v === null || text(v) === '') return null;
  let parts: [number, number, number, number, number];
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return undefined;
    parts = [v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate(), v.getUTCHours(), v.getUTCMinutes()];
  } else {
    const m = WALL.exec(text(v));
    if (!m) return undefined;
    parts = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0)];
  }
  const [y, mo, d, h, mi] = parts;
  const day = dayFromIsoDate(`${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  if (day === undefined || h > 23 || mi > 59 || y < 1990 || y > 2199) return undefined;
  return new Date(instantOfLocal(getZone(timeZone), day, h * 60 + mi));
}

/** Yuan (number or text, at most 2 decimals) in fen; undefined when not an amount. */
function fenOf(v: ImportCell): number | undefined {
  const s = text(v).replace(/[,，¥￥元\s]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return undefined;
  const fen = Math.round(Number(s) * 100);
  return fen <= 1_000_000_000 ? fen : undefined;
}

/** The order's own columns, as one of its rows gives them (they must read the same on each row). */
export interface ImportedOrderHead {
  orderNo: string;
  orderedAt: Date;
  paidAt: Date | null;
  deliveredAt: Date | null;
  pickedUpAt: Date | null;
  customerName: string | null;
  customerPhone: string | null;
  channel: 'store' | 'online';
  fulfilment: 'delivery' | 'self_pickup';
}

/** One sheet row read as an order line with its order's columns; `signature` compares the order's columns. */
export interface ImportedOrderRow {
  head: ImportedOrderHead;
  signature: string;
  line: ImportedLine;
}

/**
 * Reads one row (one order line): `cell` gives a column's cell, `bad` is told each problem by the
 * column's key. Answers the row when it has no problem, else null (the problems went to `bad`).
 * Shared by the all-or-nothing sheet below and the streamed import of the imports module (CUS-5).
 */
export function readOrderRow(
  cell: (k: ImportColumnKey) => ImportCell,
  timeZone: string,
  now: Date,
  bad: (k: ImportColumnKey, zh: string, en: string) => void,
): ImportedOrderRow | null {
  let problems = 0;
  const fail = (k: ImportColumnKey, zh: string, en: string) => {
    problems++;
    bad(k, zh, en);
  };
  const future = now.getTime() + 60 * 60_000;
  const required = (k: ImportColumnKey, max: number) => {
    const v = text(cell(k));
    if (!v) fail(k, '不能为空', 'required');
    else if (v.length > max) fail(k, `不能超过 ${max} 个字`, `at most ${max} characters`);
    return v;
  };
  const optional = (k: ImportColumnKey, max: number) => {
    const v = text(cell(k));
    if (v.length > max) fail(k, `不能超过 ${max} 个字`, `at most ${max} characters`);
    return v || null;
  };
  const choice = <K extends keyof typeof CHOICES>(k: K, fallback: ChoiceOf<K>): ChoiceOf<K> => {
    const v = text(cell(k));
    if (!v) return fallback;
    const hit = (CHOICES[k] as unknown as Record<string, ChoiceOf<K> | undefined>)[v.toLowerCase()];
    if (hit) return hit;
    const allowed = Object.keys(CHOICES[k]).filter((x) => !/^[a-z_]+$/.test(x));
    fail(k, `只能填 ${allowed.join(' / ')}`, `one of ${allowed.join(' / ')}`);
    return fallback;
  };
  const flag = (k: ImportColumnKey) => {
    const v = text(cell(k)).toLowerCase();
    if (YES.has(v)) return true;
    if (!NO.has(v)) fail(k, '只能填“是”或“否”', 'yes or no');
    return false;
  };
  const instant = (k: ImportColumnKey, needed: boolean) => {
    const v = wallInstant(cell(k), timeZone);
    if (v === undefined)
      fail(k, '时间格式不对，请写成 2026-03-01 10:00', 'write the time as 2026-03-01 10:00');
    else if (v === null && needed) fail(k, '不能为空', 'required');
    else if (v && v.getTime() > future) fail(k, '不能晚于现在', 'cannot be in the future');
    return v ?? null;
  };

  const orderNo = required('orderNo', 60);
  const orderedAt = instant('orderedAt', true);
  const paidAt = instant('paidAt', false);
  const deliveredAt = instant('deliveredAt', false);
  const pickedUpAt = instant('pickedUpAt', false);
  for (const [k, v] of [
    ['paidAt', paidAt],
    ['deliveredAt', deliveredAt],
    ['pickedUpAt', pickedUpAt],
  ] as const)
    if (orderedAt && v && v.getTime() < orderedAt.getTime())
      fail(k, '不能早于下单时间', 'cannot be before the order');
  const customerName = optional('customerName', 100);
  const customerPhone = optional('customerPhone', 30);
  const channel = choice('channel', 'store');
  const fulfilment = choice('fulfilment', 'delivery');
  const product = required('product', 200);
  const model = optional('model', 100);
  const qtyText = text(cell('quantity'));
  const quantity = qtyText === '' ? 1 : Number(qtyText);
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > 10_000)
    fail('quantity', '应为 1 到 10000 的整数', 'a whole number from 1 to 10000');
  const priceFen = fenOf(cell('price'));
  const paidFen = fenOf(cell('paid'));
  if (priceFen === undefined)
    fail('price', '应为金额（元），最多两位小数', 'an amount in yuan, at most 2 decimals');
  if (paidFen === undefined)
    fail('paid', '应为金额（元），最多两位小数', 'an amount in yuan, at most 2 decimals');
  if (priceFen !== undefined && paidFen !== undefined && paidFen > priceFen)
    fail('paid', '实付金额不能大于售价', 'paid above the price');
  const line: ImportedLine = {
    product,
    model,
    quantity,
    priceFen: priceFen ?? 0,
    paidFen: paidFen ?? 0,
    custom: flag('custom'),
    clearance: flag('clearance'),
    specialOffer: flag('specialOffer'),
    packaging: choice('packaging', 'unopened'),
  };
  if (problems > 0 || !orderNo || !orderedAt) return null;
  const head: ImportedOrderHead = {
    orderNo,
    orderedAt,
    paidAt,
    deliveredAt,
    pickedUpAt,
    customerName,
    customerPhone,
    channel,
    fulfilment,
  };
  return { head, signature: orderSignature(head), line };
}

/** The order's columns other than its number, compared between the rows of one order. */
export function orderSignature(head: ImportedOrderHead): string {
  return JSON.stringify([
    head.orderedAt,
    head.paidAt,
    head.deliveredAt,
    head.pickedUpAt,
    head.customerName,
    head.customerPhone,
    head.channel,
    head.fulfilment,
  ]);
}

/** The most lines one order may have. */
export const ORDER_MAX_LINES = 200;

/**
 * Checks the header and every row of a sheet (`rows[0]` is the header, row 1) against the import
 * template, in `timeZone`; `now` bounds the instants (nothing ordered in the future).
 */
export function parseOrderSheet(rows: readonly ImportCell[][], timeZone: string, now: Date): ImportResult {
  const problems: ImportProblem[] = [];
  const header = (rows[0] ?? []).map((c) => text(c));
  const index = new Map<ImportColumnKey, number>();
  for (const col of ORDER_IMPORT_COLUMNS) {
    const at = header.findIndex((h) => h === col.zh || h.toLowerCase() === col.en.toLowerCase());
    if (at >= 0) index.set(col.key, at);
    else if (col.required)
      problems.push({
        row: 1,
        column: col.zh,
        zh: `表头缺少“${col.zh}”列，请使用导入模板`,
        en: `The header has no "${col.en}" column; use the import template`,
      });
  }
  if (problems.length > 0) return { ok: false, problems };

  const byNo = new Map<string, ImportedOrder>();
  const firstRowOf = new Map<string, { row: number; signature: string }>();
  rows.slice(1).forEach((cells, i) => {
    const row = i + 2;
    const cell = (k: ImportColumnKey): ImportCell => {
      const at = index.get(k);
      return at === undefined ? null : (cells[at] ?? null);
    };
    if (cells.every((c) => text(c) === '')) return;
    const bad = (k: ImportColumnKey, zh: string, en: string) => {
      const col = ORDER_IMPORT_COLUMNS.find((c) => c.key === k)!;
      problems.push({
        row,
        column: col.zh,
        zh: `第 ${row} 行“${col.zh}”：${zh}`,
        en: `Row ${row}, ${col.en}: ${en}`,
      });
    };
    const read = readOrderRow(cell, timeZone, now, bad);
    if (!read) return;
    const { head, signature, line } = read;
    const first = firstRowOf.get(head.orderNo);
    if (first) {
      if (first.signature !== signature)
        bad(
          'orderNo',
          `同一订单的下单时间、客户、渠道等应与第 ${first.row} 行一致`,
          `the order's time, customer and channel must match row ${first.row}`,
        );
      else if (byNo.get(head.orderNo)!.lines.length >= ORDER_MAX_LINES)
        bad(
          'orderNo',
          `一个订单最多 ${ORDER_MAX_LINES} 行商品`,
          `at most ${ORDER_MAX_LINES} lines per order`,
        );
      else byNo.get(head.orderNo)!.lines.push(line);
      return;
    }
    firstRowOf.set(head.orderNo, { row, signature });
    byNo.set(head.orderNo, { row, ...head, lines: [line] });
  });
  if (problems.length > 0) return { ok: false, problems };
  if (byNo.size === 0)
    return {
      ok: false,
      problems: [{ row: 2, column: null, zh: '表格里没有订单行', en: 'The sheet holds no order rows' }],
    };
  return { ok: true, orders: [...byNo.values()] };
}
