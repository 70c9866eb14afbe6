/**
 * CUS-5 orders in a flat sheet: one row per order line, the rows of one order (same order number)
 * one after another. The grouper reads the checked rows in sheet order and closes an order when the
 * number changes. An order is imported whole or not at all: one bad line keeps its whole order out
 * (so a fixed sheet uploaded again brings it in complete, never an order missing a line). An order
 * number that comes back after other rows is refused (its rows are not together), and an order whose
 * rows disagree on the order's own columns (time, customer, channel…) is refused at the row that differs.
 */
import { ORDER_MAX_LINES, type ImportedOrder } from '../orders';
import type { NormalizedPhone } from '../customers';
import type { OrderImportRow, RowProblem, RowResult } from './imports.rows';

/** An order ready to write, with the phone its customer is linked by. */
export interface GroupedOrder extends ImportedOrder {
  phone: NormalizedPhone | null;
}

/** A closed run of rows: one order (or a row without a number), with what keeps it out if anything. */
export interface OrderGroup {
  orderNo: string | null;
  /** Sheet rows of the group, in order. */
  rows: number[];
  /** The order to write; null when the group has problems. */
  order: GroupedOrder | null;
  problems: RowProblem[];
}

interface OpenGroup {
  orderNo: string | null;
  rows: { row: number; result: RowResult<'orders'> }[];
}

export class OrderGrouper {
  /** Order numbers of closed groups, with their first row (a number seen again is not together). */
  private readonly seen = new Map<string, number>();
  private open: OpenGroup | null = null;

  /** `column` is the order-number column's header, for the problems this adds. */
  constructor(private readonly column: string) {}

  /** A row before the resume point: already written; only its number is remembered. */
  skipped(row: number, orderNo: string | null): void {
    if (orderNo !== null && !this.seen.has(orderNo)) this.seen.set(orderNo, row);
  }

  /** Rows held in the order not yet closed. */
  get pending(): number {
    return this.open?.rows.length ?? 0;
  }

  /** Adds a checked row; answers the group it closed, if it closed one. */
  push(row: number, orderNo: string | null, result: RowResult<'orders'>): OrderGroup | null {
    if (this.open && orderNo !== null && this.open.orderNo === orderNo) {
      this.open.rows.push({ row, result });
      return null;
    }
    const closed = this.close();
    this.open = { orderNo, rows: [{ row, result }] };
    return closed;
  }

  /** The last group, at the end of the sheet. */
  end(): OrderGroup | null {
    return this.close();
  }

  private close(): OrderGroup | null {
    const group = this.open;
    this.open = null;
    if (!group) return null;
    const rows = group.rows.map((r) => r.row);
    const own = group.rows.flatMap((r) => (r.result.ok ? [] : r.result.problems));
    const orderNo = group.orderNo;
    if (orderNo === null) return { orderNo, rows, order: null, problems: own };
    const problem = (row: number, zh: string, en: string): RowProblem => ({
      row,
      column: this.column,
      zh: `第 ${row} 行“${this.column}”：${zh}`,
      en: `Row ${row}, ${this.column}: ${en}`,
    });
    const earlier = this.seen.get(orderNo);
    if (earlier !== undefined) {
      const apart = rows.map((row) =>
        problem(
          row,
          `订单 ${orderNo} 已在第 ${earlier} 行出现：同一订单的各行须连在一起，本行未导入`,
          `order ${orderNo} already appeared at row ${earlier}; the rows of one order must be together; not imported`,
        ),
      );
      return { orderNo, rows, order: null, problems: [...own, ...apart].sort((a, b) => a.row - b.row) };
    }
    this.seen.set(orderNo, rows[0]!);
    const good = group.rows.filter(
      (r): r is { row: number; result: { ok: true; row: number; value: OrderImportRow } } => r.result.ok,
    );
    const first = good[0];
    const problems = [...own];
    if (first)
      for (const [i, r] of good.entries()) {
        if (r.result.value.signature !== first.result.value.signature)
          problems.push(
            problem(
              r.row,
              `同一订单的下单时间、客户、渠道等应与第 ${first.row} 行一致`,
              `the order's time, customer and channel must match row ${first.row}`,
            ),
          );
        else if (i >= ORDER_MAX_LINES)
          problems.push(
            problem(
              r.row,
              `一个订单最多 ${ORDER_MAX_LINES} 行商品`,
              `at most ${ORDER_MAX_LINES} lines per order`,
            ),
          );
      }
    if (problems.length > 0 || !first) {
      const bad = new Set(problems.map((p) => p.row));
      const firstBad = Math.min(...bad);
      for (const row of rows)
        if (!bad.has(row))
          problems.push(
            problem(
              row,
              `同一订单第 ${firstBad} 行有问题，整单未导入`,
              `row ${firstBad} of the same order has a problem; the whole order was not imported`,
            ),
          );
      return { orderNo, rows, order: null, problems: problems.sort((a, b) => a.row - b.row) };
    }
    const value = first.result.value;
    return {
      orderNo,
      rows,
      order: {
        row: first.row,
        ...value.head,
        phone: value.phone,
        lines: good.map((r) => r.result.value.line),
      },
      problems: [],
    };
  }
}
