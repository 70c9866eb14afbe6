import { describe, expect, it } from 'vitest';
import { ORDER_IMPORT_COLUMNS, parseOrderSheet, type ImportCell } from './order-import';

const HEADER = ORDER_IMPORT_COLUMNS.map((c) => c.zh);
const now = new Date('2026-03-10T02:00:00Z');
const row = (values: Partial<Record<(typeof ORDER_IMPORT_COLUMNS)[number]['key'], ImportCell>>) =>
  ORDER_IMPORT_COLUMNS.map((c) => values[c.key] ?? null);
const base = { orderNo: 'A1', orderedAt: '2026-03-01 10:00', product: '沙发', price: 100, paid: 100 };

describe('orders imported from Excel (issue 17)', () => {
  it('reads store wall-clock times in the unit time zone, yuan into fen, 是/否 flags and blank defaults', () => {
    const r = parseOrderSheet(
      [HEADER, row({ ...base, price: '¥1,234.5', paid: 1000.25, custom: '是', fulfilment: '自提' })],
      'Asia/Shanghai',
      now,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.orders[0]!.orderedAt.toISOString()).toBe('2026-03-01T02:00:00.000Z');
    expect(r.orders[0]).toMatchObject({ channel: 'store', fulfilment: 'self_pickup', paidAt: null });
    expect(r.orders[0]!.lines[0]).toMatchObject({
      priceFen: 123_450,
      paidFen: 100_025,
      quantity: 1,
      custom: true,
      clearance: false,
      packaging: 'unopened',
    });
  });

  it('rows of one order must agree on the order; a future order, a delivery before it and a fraction of a fen are named by row', () => {
    const r = parseOrderSheet(
      [
        HEADER,
        row(base),
        row({ ...base, customerName: '别人' }),
        row({ ...base, orderNo: 'A2', orderedAt: '2026-04-01 10:00' }),
        row({ ...base, orderNo: 'A3', deliveredAt: '2026-02-28 10:00', price: 1.005 }),
        row({}),
      ],
      'Asia/Shanghai',
      now,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.row, p.column])).toEqual([
      [3, '订单号'],
      [4, '下单时间'],
      [5, '送货时间'],
      [5, '售价（元）'],
    ]);
    expect(r.problems[0]!.zh).toBe('第 3 行“订单号”：同一订单的下单时间、客户、渠道等应与第 2 行一致');
  });

  it('an empty sheet and a sheet without the template header import nothing', () => {
    expect(parseOrderSheet([HEADER], 'Asia/Shanghai', now)).toMatchObject({
      ok: false,
      problems: [{ zh: '表格里没有订单行' }],
    });
    const r = parseOrderSheet([['x'], row(base)], 'Asia/Shanghai', now);
    expect(r.ok ? [] : r.problems.map((p) => p.column)).toEqual([
      '订单号',
      '下单时间',
      '商品',
      '售价（元）',
      '实付（元）',
    ]);
  });
});
