/**
 * Orders imported from Excel at the counter (订单导入): the template to fill, and the import of a
 * filled sheet — every row checked first, then all orders written in one transaction with their
 * audit rows, or none.
 */
import { and, eq, inArray } from 'drizzle-orm';
import {
  ORDER_IMPORT_COLUMNS,
  ORDER_IMPORT_MAX_ROWS,
  parseOrderSheet,
  type ImportCell,
  type ImportProblem,
} from '../../../domain/orders';
import type { Actor, Deps } from '../../app/context';
import { reportWorkbook } from '../../app/report-workbook';
import { recordAudit } from '../audit/audit.service';
import { effectiveCalendar } from '../calendar/calendar.service';
import { assertCan, findUnit } from '../org/org.service';
import { orderErrors } from './orders.errors';
import { findOrder } from './orders.repository';
import { orderLines, orders } from './orders.table';
import { cellValue } from '../../app/sheet-cell';

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
    const problems: ImportProblem[] = parsed.orders
      .filter((o) => takenSet.has(o.orderNo))
      .map((o) => ({
        row: o.row,
        column: '订单号',
        zh: `第 ${o.row} 行“订单号”：本门店已有订单 ${o.orderNo}`,
        en: `Row ${o.row}, Order number: this store already has order ${o.orderNo}`,
      }));
    if (problems.length > 0) throw orderErrors.importInvalid({ problems });
    const orderIds: string[] = [];
    for (const o of parsed.orders) {
      const { row: _row, lines, ...values } = o;
      const [inserted] = await tx
        .insert(orders)
        .values({
          ...values,
          unitId: unit.id,
          source: 'import',
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: orders.id });
      // Entered at the counter meanwhile: the whole sheet waits for the store to look again.
      if (!inserted)
        throw orderErrors.importInvalid({
          problems: [
            {
              row: o.row,
              column: '订单号',
              zh: `第 ${o.row} 行“订单号”：本门店已有订单 ${o.orderNo}`,
              en: `Row ${o.row}, Order number: this store already has order ${o.orderNo}`,
            },
          ],
        });
      await tx
        .insert(orderLines)
        .values(lines.map((l, i) => ({ ...l, orderId: inserted.id, lineNo: i + 1 })));
      orderIds.push(inserted.id);
      await recordAudit(tx, now, actor, {
        action: 'order.imported',
        subjectType: 'order',
        subjectId: inserted.id,
        unitId: unit.id,
        after: await findOrder(tx, inserted.id),
      });
    }
    return {
      imported: orderIds.length,
      lines: parsed.orders.reduce((n, o) => n + o.lines.length, 0),
      orderIds,
    };
  });
}
