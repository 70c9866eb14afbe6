/**
 * Orders imported from Excel (订单导入): the template to fill; the insert of imported orders that
 * both imports share (`insertImportedOrders`); and the counter's small all-or-nothing import of a
 * filled template — every row checked first, then all orders written in one transaction, or none.
 * The large, resumable import (CUS-5) is the imports module's `orders` kind, which calls the same insert.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import {
  ORDER_IMPORT_COLUMNS,
  ORDER_IMPORT_MAX_ROWS,
  parseOrderSheet,
  type ImportCell,
  type ImportedOrder,
  type ImportProblem,
} from '../../../domain/orders';
import { insertRows, StatementParams } from '../../app/bulk-insert';
import type { Actor, Deps } from '../../app/context';
import { executePrepared, type Db } from '../../app/db';
import { reportWorkbook } from '../../app/report-workbook';
import { insertAuditStatement, type AuditRecord } from '../audit/audit.service';
import { effectiveCalendar } from '../calendar/calendar.service';
import { assertCan, findUnit } from '../org/org.service';
import { orderErrors } from './orders.errors';
import { orderLines, orders } from './orders.table';
import { cellValue } from '../../app/sheet-cell';

/** An imported order with the archive customer it is linked to, if any. */
export interface ImportedOrderInput extends ImportedOrder {
  customerId: string | null;
}

/**
 * Writes imported orders of one unit with their lines and one `order.imported` audit row each, in
 * the caller's transaction and in one statement per table. An order number the unit already has is
 * left alone (never a second order, never its lines changed): those come back in `taken`. Imported
 * orders start no care call (they are history, not a sale made now).
 */
export async function insertImportedOrders(
  tx: Db,
  now: Date,
  actor: Pick<Actor, 'userId' | 'ip'>,
  unitId: string,
  list: readonly ImportedOrderInput[],
): Promise<{ ids: Map<string, string>; taken: string[] }> {
  if (list.length === 0) return { ids: new Map(), taken: [] };
  const rows = list.map(({ row: _row, lines: _lines, ...o }) => ({
    id: randomUUID(),
    unitId,
    customerId: o.customerId,
    customerName: o.customerName,
    customerPhone: o.customerPhone,
    orderNo: o.orderNo,
    source: 'import' as const,
    externalRef: null,
    channel: o.channel,
    fulfilment: o.fulfilment,
    orderedAt: o.orderedAt,
    paidAt: o.paidAt,
    deliveredAt: o.deliveredAt,
    pickedUpAt: o.pickedUpAt,
    createdBy: actor.userId,
    createdAt: now,
    updatedAt: now,
  }));
  const params = new StatementParams();
  const inserted = await executePrepared<{ id: string; orderNo: string }>(
    tx,
    `${insertRows(orders, rows, params)} on conflict do nothing returning id, order_no as "orderNo"`,
    params.values,
  );
  const ids = new Map(inserted.map((r) => [r.orderNo, r.id]));
  const written = rows
    .map((r, i) => ({
      row: r,
      lines: list[i]!.lines.map((l, n) => ({ id: randomUUID(), orderId: r.id, lineNo: n + 1, ...l })),
    }))
    .filter((o) => ids.get(o.row.orderNo) === o.row.id);
  if (written.length > 0) {
    const lineParams = new StatementParams();
    await executePrepared(
      tx,
      insertRows(
        orderLines,
        written.flatMap((o) => o.lines),
        lineParams,
      ),
      lineParams.values,
    );
    const audit: AuditRecord[] = written.map((o) => ({
      at: now,
      actor,
      entry: {
        action: 'order.imported',
        subjectType: 'order',
        subjectId: o.row.id,
        unitId,
        after: { ...o.row, lines: o.lines },
      },
    }));
    const auditParams = new StatementParams();
    await executePrepared(tx, insertAuditStatement(audit, auditParams), auditParams.values);
  }
  return { ids, taken: rows.filter((r) => ids.get(r.orderNo) !== r.id).map((r) => r.orderNo) };
}

const WIDTHS: Partial<Record<string, number>> = {
  orderedAt: 18,
  paidAt: 18,
  deliveredAt: 18,
  pickedUpAt: 18,
  product: 24,
};

/** The import template: the columns in order, with one example order of two lines. */
export function orderImportTemplate(): Promise<Buffer> {
  const example = {
    orderNo: 'SO20260301001',
    orderedAt: '2026-03-01 10:00',
    paidAt: '2026-03-01 10:05',
    deliveredAt: '2026-03-05 15:00',
    pickedUpAt: '',
    customerName: '王建国',
    customerPhone: '13800138000',
    channel: '门店',
    fulfilment: '送货',
    model: '',
    quantity: 1,
    custom: '否',
    clearance: '否',
    specialOffer: '否',
    packaging: '未拆封',
  };
  return reportWorkbook([
    {
      name: '订单导入',
      columns: ORDER_IMPORT_COLUMNS.map((c) => ({
        header: c.zh,
        key: c.key,
        width: WIDTHS[c.key] ?? 12,
        ...(c.key === 'price' || c.key === 'paid' ? { numFmt: '0.00' } : {}),
      })),
      rows: [
        { ...example, product: '三人布艺沙发', model: 'SF-300', price: 8600, paid: 8600 },
        { ...example, product: '茶几', price: 1200.5, paid: 1000, clearance: '是' },
      ],
    },
  ]);
}

async function readSheet(file: Buffer): Promise<ImportCell[][]> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw orderErrors.importUnreadable();
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw orderErrors.importUnreadable();
  const width = ORDER_IMPORT_COLUMNS.length + 10;
  if (sheet.actualRowCount - 1 > ORDER_IMPORT_MAX_ROWS)
    throw orderErrors.importTooManyRows({ limit: ORDER_IMPORT_MAX_ROWS, rows: sheet.actualRowCount - 1 });
  const rows: ImportCell[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    rows.push(Array.from({ length: width }, (_, c) => cellValue(row.getCell(c + 1).value)));
  }
  return rows;
}

/**
 * Imports a filled template into the caller's unit: one transaction for every order of the sheet.
 * Any problem — a bad cell, an order number the store already has — writes nothing and answers
 * 422 orders.import_invalid with every problem by row.
 */
export async function importOrders(
  deps: Deps,
  actor: Actor,
  input: { unitId: string; file: string },
): Promise<{ imported: number; lines: number; orderIds: string[] }> {
  const unit = await findUnit(deps.db, input.unitId);
  if (!unit || !unit.active) throw orderErrors.unitNotFound();
  assertCan(actor, 'orders.import', unit.path, orderErrors.unitNotFound);
  const rows = await readSheet(Buffer.from(input.file, 'base64'));
  const now = deps.clock.now();
  const { timeZone } = await effectiveCalendar(deps.db, unit);
  const parsed = parseOrderSheet(rows, timeZone, now);
  if (!parsed.ok) throw orderErrors.importInvalid({ problems: parsed.problems });
  return deps.db.transaction(async (tx) => {
    const numbers = parsed.orders.map((o) => o.orderNo);
    const taken = await tx
      .select({ orderNo: orders.orderNo })
      .from(orders)
      .where(and(eq(orders.unitId, unit.id), inArray(orders.orderNo, numbers)));
    const takenSet = new Set(taken.map((t) => t.orderNo));
    const takenProblem = (o: ImportedOrder): ImportProblem => ({
      row: o.row,
      column: '订单号',
      zh: `第 ${o.row} 行“订单号”：本门店已有订单 ${o.orderNo}`,
      en: `Row ${o.row}, Order number: this store already has order ${o.orderNo}`,
    });
    const problems = parsed.orders.filter((o) => takenSet.has(o.orderNo)).map(takenProblem);
    if (problems.length > 0) throw orderErrors.importInvalid({ problems });
    const written = await insertImportedOrders(
      tx,
      now,
      actor,
      unit.id,
      parsed.orders.map((o) => ({ ...o, customerId: null })),
    );
    // Entered at the counter meanwhile: the whole sheet waits for the store to look again.
    if (written.taken.length > 0)
      throw orderErrors.importInvalid({
        problems: parsed.orders.filter((o) => written.taken.includes(o.orderNo)).map(takenProblem),
      });
    return {
      imported: written.ids.size,
      lines: parsed.orders.reduce((n, o) => n + o.lines.length, 0),
      orderIds: parsed.orders.map((o) => written.ids.get(o.orderNo)!),
    };
  });
}
