/**
 * CUS-5: one sheet row checked and turned into what is written. Every problem names its row and
 * column and says what is wrong in Chinese (for the report) and English.
 */
import { normalizePhone, type NormalizedPhone } from '../customers';
import {
  orderSignature,
  readOrderRow,
  type ImportColumnKey,
  type ImportedLine,
  type ImportedOrderHead,
} from '../orders';
import { IMPORT_FIELDS, type ImportKind, type ImportMapping } from './imports.fields';

/** A cell as the sheet shows it (formulas by their result, rich text by its text). */
export type SheetCell = string | number | boolean | Date | null;

export interface RowProblem {
  /** The sheet row (the header is row 1). */
  row: number;
  /** The column's header as the sheet names it, else the field's name. */
  column: string;
  zh: string;
  en: string;
}

export interface CustomerImportRow {
  name: string;
  phone: NormalizedPhone;
  phone2: NormalizedPhone | null;
  address: string | null;
  identityNumber: string | null;
  birthday: string | null;
  source: string | null;
  note: string | null;
}

export interface AssetImportRow {
  phone: NormalizedPhone;
  kind: 'product' | 'vehicle' | 'house';
  name: string;
  model: string | null;
  number: string | null;
  purchaseDate: string | null;
  warrantyEnd: string | null;
  note: string | null;
}

/** One order line with its order's columns; the customer phone normalised (the key customers are linked by). */
export interface OrderImportRow {
  head: ImportedOrderHead;
  phone: NormalizedPhone | null;
  /** The order's columns other than its number: the same on every row of one order. */
  signature: string;
  line: ImportedLine;
}

export type ImportRowValue<K extends ImportKind> = K extends 'customers'
  ? CustomerImportRow
  : K extends 'assets'
    ? AssetImportRow
    : OrderImportRow;

/** What checking an order row needs besides the row: the unit's time zone (store wall clock) and now. */
export interface RowContext {
  timeZone: string;
  now: Date;
}

export type RowResult<K extends ImportKind> =
  { ok: true; row: number; value: ImportRowValue<K> } | { ok: false; row: number; problems: RowProblem[] };

const MAX_LENGTH: Record<string, number> = { name: 100, address: 300, note: 1000, model: 100, number: 100 };

const ASSET_KINDS: Record<string, AssetImportRow['kind']> = {
  产品: 'product',
  商品: 'product',
  product: 'product',
  车辆: 'vehicle',
  汽车: 'vehicle',
  车: 'vehicle',
  vehicle: 'vehicle',
  房屋: 'house',
  房产: 'house',
  房子: 'house',
  house: 'house',
};

const pad = (n: number) => String(n).padStart(2, '0');

/** A calendar date from a date cell, an Excel day number or text such as 2026-3-1, 2026/03/01, 2026年3月1日, 20260301. */
export function parseSheetDate(cell: SheetCell): string | null {
  let y: number, m: number, d: number;
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return null;
    // Spreadsheet dates carry no zone: the reader gives the day at UTC midnight.
    [y, m, d] = [cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate()];
  } else if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell < 1 || cell > 73050) return null;
    const day = new Date(Date.UTC(1899, 11, 30) + Math.floor(cell) * 86_400_000);
    [y, m, d] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
  } else if (typeof cell === 'string') {
    const t = cell.trim();
    const match =
      /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(t) ??
      /^(\d{4})(\d{2})(\d{2})$/.exec(t);
    if (!match) return null;
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else return null;
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  if (y < 1900 || y > 2100) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

function cellText(cell: SheetCell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return parseSheetDate(cell) ?? '';
  if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : String(cell);
  return String(cell).trim();
}

const PHONE_PROBLEMS: Record<string, [string, string]> = {
  empty: ['手机号为空', 'The phone number is empty'],
  invalid_characters: ['手机号含有不是数字的字符', 'The phone number has characters that are not digits'],
  foreign_number: ['暂不支持境外号码', 'Numbers outside mainland China are not supported'],
  not_a_phone_number: [
    '不是有效的电话号码（11 位手机号、带区号的座机或 400/800 号码）',
    'Not a phone number (an 11-digit mobile, a landline with its area code, or a 400/800 number)',
  ],
};

/**
 * Checks one data row against the mapping. `sheetRow` is the row's number in the sheet (header = 1),
 * `headers` the header texts the problems name their columns by.
 */
export function checkRow<K extends ImportKind>(
  kind: K,
  sheetRow: number,
  cells: readonly SheetCell[],
  mapping: ImportMapping,
  headers: readonly string[],
  context?: RowContext,
): RowResult<K> {
  const problems: RowProblem[] = [];
  const fields = IMPORT_FIELDS[kind];
  const columnOf = (key: string) => {
    const index = mapping[key];
    const field = fields.find((x) => x.key === key)!;
    return (index !== undefined ? headers[index] : undefined) || field.zh;
  };
  const problem = (key: string, zh: string, en: string) => {
    const column = columnOf(key);
    problems.push({
      row: sheetRow,
      column,
      zh: `第 ${sheetRow} 行“${column}”：${zh}`,
      en: `Row ${sheetRow}, ${column}: ${en}`,
    });
  };
  const raw = (key: string): SheetCell => {
    const index = mapping[key];
    return index === undefined ? null : (cells[index] ?? null);
  };
  const text = (key: string): string | null => {
    const value = cellText(raw(key));
    if (value === '') {
      const field = fields.find((x) => x.key === key)!;
      if (field.required) problem(key, '必填，不能为空', 'required, may not be empty');
      return null;
    }
    const max = MAX_LENGTH[key] ?? 200;
    if (value.length > max) {
      problem(key, `超过 ${max} 个字`, `longer than ${max} characters`);
      return null;
    }
    return value;
  };
  const phone = (key: string): NormalizedPhone | null => {
    const value = text(key);
    if (value === null) return null;
    const result = normalizePhone(value);
    if (result.ok) return { normalized: result.normalized, kind: result.kind, display: result.display };
    const [zh, en] = PHONE_PROBLEMS[result.problem] ?? PHONE_PROBLEMS.not_a_phone_number!;
    problem(key, `${zh}（${value}）`, `${en} (${value})`);
    return null;
  };
  const date = (key: string): string | null => {
    const cell = raw(key);
    if (cellText(cell) === '') return null;
    const value = parseSheetDate(cell);
    if (value === null)
      problem(
        key,
        `不是有效日期（${cellText(cell)}），请写成 2026-03-01`,
        `not a date (${cellText(cell)}); write it as 2026-03-01`,
      );
    return value;
  };

  if (kind === 'customers') {
    const name = text('name');
    const main = phone('phone');
    const second = mapping.phone2 === undefined || cellText(raw('phone2')) === '' ? null : phone('phone2');
    const address = text('address');
    const idCell = raw('identityNumber');
    let identityNumber: string | null = null;
    if (typeof idCell === 'number' && idCell >= 1e15)
      problem(
        'identityNumber',
        '证件号被 Excel 存成了数字，末几位可能已丢失，请把该列设为“文本”后重新填写',
        'the ID number was stored as a number and may have lost its last digits; format the column as text',
      );
    else identityNumber = text('identityNumber');
    const birthday = date('birthday');
    const source = text('source');
    const note = text('note');
    if (problems.length > 0 || name === null || main === null) return { ok: false, row: sheetRow, problems };
    const value: CustomerImportRow = {
      name,
      phone: main,
      phone2: second && second.normalized !== main.normalized ? second : null,
      address,
      identityNumber,
      birthday,
      source,
      note,
    };
    return { ok: true, row: sheetRow, value: value as ImportRowValue<K> };
  }

  if (kind === 'orders') {
    if (!context) throw new Error('checkRow: orders need the unit time zone');
    const read = readOrderRow(
      (k: ImportColumnKey) => raw(k),
      context.timeZone,
      context.now,
      (k, zh, en) => problem(k, zh, en),
    );
    // The customer phone links the order to the archive: it must be a number that can be normalised.
    const buyer =
      mapping.customerPhone === undefined || cellText(raw('customerPhone')) === ''
        ? null
        : phone('customerPhone');
    if (!read || problems.length > 0) return { ok: false, row: sheetRow, problems };
    const head: ImportedOrderHead = { ...read.head, customerPhone: buyer?.normalized ?? null };
    const value: OrderImportRow = { head, phone: buyer, signature: orderSignature(head), line: read.line };
    return { ok: true, row: sheetRow, value: value as ImportRowValue<K> };
  }

  const owner = phone('phone');
  const kindText = text('kind');
  const assetKind = kindText === null ? null : (ASSET_KINDS[kindText.toLowerCase()] ?? null);
  if (kindText !== null && assetKind === null)
    problem('kind', `应为“产品”“车辆”或“房屋”（${kindText}）`, `should be 产品, 车辆 or 房屋 (${kindText})`);
  const name = text('name');
  const model = text('model');
  const number = text('number');
  const purchaseDate = date('purchaseDate');
  const warrantyEnd = date('warrantyEnd');
  const note = text('note');
  if (purchaseDate && warrantyEnd && warrantyEnd < purchaseDate)
    problem('warrantyEnd', '保修截止早于购买日期', 'the warranty ends before the purchase date');
  if (problems.length > 0 || owner === null || assetKind === null || name === null)
    return { ok: false, row: sheetRow, problems };
  const value: AssetImportRow = {
    phone: owner,
    kind: assetKind,
    name,
    model,
    number,
    purchaseDate,
    warrantyEnd,
    note,
  };
  return { ok: true, row: sheetRow, value: value as ImportRowValue<K> };
}

/** Problems that only the database or the rest of the file can tell: a duplicate, an unknown customer. */
export function duplicateProblem(
  row: number,
  column: string,
  where: 'file' | 'archive',
  other?: number,
): RowProblem {
  return where === 'file'
    ? {
        row,
        column,
        zh: `第 ${row} 行“${column}”：与第 ${other} 行手机号重复，已跳过`,
        en: `Row ${row}, ${column}: same phone number as row ${other}; skipped`,
      }
    : {
        row,
        column,
        zh: `第 ${row} 行“${column}”：档案中已有该手机号的客户，已跳过`,
        en: `Row ${row}, ${column}: a customer with this phone number is already in the archive; skipped`,
      };
}

export function unknownCustomerProblem(row: number, column: string): RowProblem {
  return {
    row,
    column,
    zh: `第 ${row} 行“${column}”：档案中没有该手机号的客户，请先导入客户`,
    en: `Row ${row}, ${column}: no customer in the archive has this phone number; import the customer first`,
  };
}

export function duplicateAssetProblem(row: number, column: string): RowProblem {
  return {
    row,
    column,
    zh: `第 ${row} 行“${column}”：该客户已有同编号的资产，已跳过`,
    en: `Row ${row}, ${column}: this customer already has an asset with this number; skipped`,
  };
}

/** The cell an order row is grouped by (its order number), as text; null when empty. */
export function orderNoCell(cells: readonly SheetCell[], mapping: ImportMapping): string | null {
  const index = mapping.orderNo;
  const value = index === undefined ? '' : cellText(cells[index] ?? null);
  return value === '' ? null : value;
}

export function duplicateOrderProblem(row: number, column: string, orderNo: string): RowProblem {
  return {
    row,
    column,
    zh: `第 ${row} 行“${column}”：本门店已有订单 ${orderNo}，已跳过`,
    en: `Row ${row}, ${column}: this store already has order ${orderNo}; skipped`,
  };
}
