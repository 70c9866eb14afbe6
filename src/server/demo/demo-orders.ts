/**
 * The demo's counter: orders sold in the last weeks at every store, and the return, exchange and
 * cancellation requests a store has on its desk on an ordinary day (RET-1…RET-8) — one waiting for
 * the general manager, one waiting for its inspection, one waiting for the technician's finding,
 * one withdrawn after the solution offered suited the customer. Written through the use cases with
 * the history's moved clock, so approvals, audit and the inbox are as the real flow leaves them.
 */
import type { Actor, Deps } from '../app/context';
import { createOrder, type OrderWithLines } from '../modules/orders/orders.service';
import {
  createReturn,
  requiredDocuments,
  setDocuments,
  signReturn,
  submitReturn,
  withdrawReturn,
} from '../modules/returns/returns.service';
import { PRODUCTS, type Random } from './demo-history.data';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** A sale price per product, in fen, and the models sold. */
const PRICE_FEN: Record<string, [min: number, max: number]> = {
  空调: [3_299_00, 8_999_00],
  燃气热水器: [1_899_00, 4_599_00],
  冰箱: [2_999_00, 9_999_00],
  洗衣机: [1_799_00, 5_999_00],
  吸油烟机: [1_599_00, 4_999_00],
};

export interface DemoOrderCustomer {
  id: string;
  name: string;
  phone: string;
}

export interface DemoCounter {
  /** Moves the history's clock. */
  at: (instant: number) => void;
  now: number;
  r: Random;
  unitId: string;
  storeCode: string;
  clerk: Actor;
  customers: readonly DemoOrderCustomer[];
  /** Whether this store's desk also holds the open requests (one store shows them all). */
  withRequests: boolean;
}

export async function loadDemoCounter(h: Deps, c: DemoCounter): Promise<{ orders: number; returns: number }> {
  const { r, now } = c;
  const sold: OrderWithLines[] = [];
  // A sale every two or three days over the last four weeks, oldest first; the last two are fresh
  // (yesterday and this morning) so a free cancellation (RET-2, within 48 hours) can be shown.
  const ages = [27, 25, 22, 20, 17, 15, 12, 10, 8, 6, 4, 3, 1, 0.2].map((d) => d * DAY + r.int(0, 5) * HOUR);
  for (const [i, age] of ages.entries()) {
    const orderedAt = now - age;
    c.at(orderedAt);
    const customer = c.customers[i % c.customers.length]!;
    const [product, models] = r.pick(PRODUCTS);
    const [min, max] = PRICE_FEN[product]!;
    const priceFen = Math.round(r.int(min, max) / 100_00) * 100_00 - 100;
    const selfPickup = i % 5 === 3;
    const delivered = age > 2 * DAY ? orderedAt + r.int(1, 2) * DAY : null;
    const order = await createOrder(h, c.clerk, {
      unitId: c.unitId,
      customerId: customer.id,
      orderNo: `${c.storeCode}-${new Date(orderedAt).toISOString().slice(2, 10).replaceAll('-', '')}-${String(i + 1).padStart(3, '0')}`,
      channel: 'store',
      fulfilment: selfPickup ? 'self_pickup' : 'delivery',
      customerName: customer.name,
      customerPhone: customer.phone,
      orderedAt: new Date(orderedAt).toISOString(),
      paidAt: new Date(orderedAt + 20 * 60_000).toISOString(),
      deliveredAt: !selfPickup && delivered ? new Date(delivered).toISOString() : null,
      pickedUpAt: selfPickup && delivered ? new Date(delivered).toISOString() : null,
      lines: [
        {
          product,
          model: r.pick(models),
          quantity: 1,
          priceFen,
          paidFen: priceFen,
          custom: i % 7 === 5,
          clearance: i % 9 === 7,
          specialOffer: false,
          packaging: 'unopened',
        },
      ],
    });
    sold.push(order);
  }
  if (!c.withRequests) return { orders: sold.length, returns: 0 };

  let returns = 0;
  const lineOf = (order: OrderWithLines) => order.lines[0]!.id;
  // The counter's checklist, then the approval chain: documents, the customer's signature, submit.
  const submitted = async (request: Awaited<ReturnType<typeof createReturn>>) => {
    await setDocuments(h, c.clerk, request.id, requiredDocuments(request.decision));
    await signReturn(h, c.clerk, request.id, { onPaper: true });
    await submitReturn(h, c.clerk, request.id);
  };
  const open = async (
    order: OrderWithLines,
    input: Omit<Parameters<typeof createReturn>[2], 'orderLineId'>,
  ) => {
    returns++;
    return createReturn(h, c.clerk, { ...input, orderLineId: lineOf(order) });
  };

  // This morning's sale, cancelled the same afternoon: free within 48 hours, waiting for the GM (RET-2).
  const fresh = sold.at(-1)!;
  c.at(now - 2 * HOUR);
  const cancellation = await open(fresh, {
    kind: 'cancel',
    reason: 'change_of_mind',
    inspection: null,
    customerInsists: false,
    intact: true,
    reasonDetail: '家里装修延期，暂时用不上，客户要求取消订单。',
    solutionOffered: '建议延期送货，客户仍坚持取消。',
  });
  await submitted(cancellation);

  // Delivered three days ago, unopened, the customer changed their mind: a return within 7 days,
  // waiting for its inspection and the head of retail operations (RET-5, RET-8).
  const delivered = sold.find(
    (o) =>
      o.fulfilment === 'delivery' &&
      o.deliveredAt &&
      now - o.deliveredAt.getTime() < 4 * DAY &&
      !o.lines[0]!.custom &&
      !o.lines[0]!.clearance,
  );
  if (delivered) {
    c.at(now - 5 * HOUR);
    const request = await open(delivered, {
      kind: 'return',
      reason: 'change_of_mind',
      inspection: null,
      customerInsists: false,
      intact: true,
      reasonDetail: '尺寸与厨房预留位置不符，包装未拆，客户要求退货。',
      solutionOffered: '建议换小一号型号，客户选择退货。',
    });
    await submitted(request);
  }

  // A quality claim: a technician inspects first; the request waits for the finding (RET-7).
  const claimed = sold.find(
    (o) =>
      o !== delivered && o.deliveredAt && now - o.deliveredAt.getTime() > 5 * DAY && !o.lines[0]!.clearance,
  );
  if (claimed) {
    c.at(now - 26 * HOUR);
    await open(claimed, {
      kind: 'exchange',
      reason: 'quality',
      inspection: null,
      customerInsists: false,
      intact: true,
      reasonDetail: '使用一周后运行时有异响，客户要求换货。',
      solutionOffered: null,
    });
  }

  // The solution offered suited the customer: the request stays on file as withdrawn (RET-1).
  const adjusted = sold.find((o) => o !== delivered && o !== claimed && o !== fresh && o.deliveredAt);
  if (adjusted) {
    c.at(now - 3 * DAY);
    const request = await open(adjusted, {
      kind: 'return',
      reason: 'change_of_mind',
      inspection: null,
      customerInsists: false,
      intact: true,
      reasonDetail: '客户觉得颜色和橱柜不搭，想退货。',
      solutionOffered: '上门免费调换面板颜色。',
    });
    c.at(now - 3 * DAY + HOUR);
    await withdrawReturn(h, c.clerk, request.id, '客户接受免费调换面板，撤回退货申请。');
  }
  return { orders: sold.length, returns };
}
