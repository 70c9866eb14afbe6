import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { workOrderQuotes } from '../workorders/pricing.table';
import { buildWorkOrderWorld, login } from '../workorders/workorders.test-world';
import { partMovements } from './parts.table';

/**
 * Issue 18 item 7, paged: the lists of signed quotes waiting on finance (待财务处理) and on the
 * warehouse (待仓库领料) are cut into pages by the database, with the page/pageSize/total of the
 * other lists; the warehouse's "not yet requisitioned" filter is part of the query, so a page is full
 * however many of the oldest orders have already had their parts issued.
 */
describe('quotes waiting for finance and the warehouse, a page at a time (issue 18 item 7, PAY-3, PAY-4, REP-4)', () => {
  let kefu: TestKefu;
  let world: Awaited<ReturnType<typeof buildWorkOrderWorld>>;
  let wh: HttpSession;
  let fin: HttpSession;
  /** The orders in the order their customers signed: 25 with part lines, then 2 with a service only. */
  const withParts: string[] = [];
  const serviceOnly: string[] = [];

  beforeAll(async () => {
    kefu = await createTestKefu();
    kefu.clock.set(new Date('2026-03-02T09:00:00+08:00'));
    world = await buildWorkOrderWorld(kefu, 'pg');
    const sup = await login(kefu, 'pgsup');
    wh = await login(kefu, 'pgwh');
    fin = await login(kefu, 'pgfin');
    const part = await wh.post('/api/v1/parts', {
      unitId: world.store.id,
      code: 'PG-1',
      name: '压缩机继电器',
      uom: '个',
      priceFen: 2000,
      lowStockThreshold: 0,
    });
    expect(part.statusCode, part.body).toBe(201);
    const location = await wh.post('/api/v1/stock-locations', {
      unitId: world.store.id,
      kind: 'warehouse',
      name: '分页仓',
    });
    expect(location.statusCode, location.body).toBe(201);
    const received = await wh.post('/api/v1/part-movements', {
      partId: part.json().id,
      kind: 'receive',
      toLocationId: location.json().id,
      quantity: 100,
    });
    expect(received.statusCode, received.body).toBe(201);

    const base = new Date('2026-03-02T09:00:00+08:00').getTime();
    for (let i = 0; i < 27; i++) {
      const wo = await sup.post('/api/v1/workorders', {
        unitId: world.store.id,
        type: 'repair',
        customerId: world.customerId,
        assetId: world.inWarrantyAssetId,
        problem: `不制冷 ${i}`,
      });
      expect(wo.statusCode, wo.body).toBe(201);
      const id = wo.json().id as string;
      const parts = i < 25;
      (parts ? withParts : serviceOnly).push(id);
      // The quote as the PAY-3 chain leaves it: approved and signed by the customer, not yet paid.
      const signedAt = new Date(base + i * 60_000);
      await kefu.deps.db.insert(workOrderQuotes).values({
        workOrderId: id,
        lines: [
          { kind: 'service', priceItemId: null, name: '上门维修费', quantity: 1, unitPriceFen: 8000 },
          ...(parts
            ? [
                {
                  kind: 'part' as const,
                  priceItemId: null,
                  name: '压缩机继电器',
                  quantity: 1,
                  unitPriceFen: 2000,
                },
              ]
            : []),
        ],
        approvalStatus: 'not_required',
        approvedAt: signedAt,
        customerSignerName: '王女士',
        customerSignedAt: signedAt,
        updatedAt: signedAt,
      });
    }
    // The warehouse has already issued the parts of the 15 oldest orders.
    for (const id of withParts.slice(0, 15))
      await kefu.deps.db.insert(partMovements).values({
        unitId: world.store.id,
        partId: part.json().id,
        kind: 'requisition',
        fromLocationId: location.json().id,
        quantity: 1,
        workOrderId: id,
        at: new Date(base + 3_600_000),
      });
  });
  afterAll(() => kefu.close());

  const page = async (who: HttpSession, path: string, p: number, size: number) => {
    const res = await who.get(`${path}?page=${p}&pageSize=${size}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: { workOrderId: string }[]; total: number };
    return { ids: body.items.map((i) => i.workOrderId), total: body.total };
  };

  it('issue 18 item 7: the warehouse list filters issued parts in the query — the first page is full though the 15 oldest were issued, and the pages run to the end', async () => {
    const path = '/api/v1/part-requisitions/pending';
    const first = await page(wh, path, 1, 4);
    const second = await page(wh, path, 2, 4);
    const third = await page(wh, path, 3, 4);
    // 25 with parts − 15 issued = 10 waiting; orders with no part line are not the warehouse's.
    expect([first.total, second.total, third.total]).toEqual([10, 10, 10]);
    expect(first.ids).toEqual(withParts.slice(15, 19));
    expect(second.ids).toEqual(withParts.slice(19, 23));
    expect(third.ids).toEqual(withParts.slice(23, 25));
    expect((await page(wh, path, 4, 4)).ids).toEqual([]);
  });

  it('issue 18 item 7: finance pages through every unpaid signed quote, oldest signature first, with its total', async () => {
    const path = '/api/v1/workorders/quotes-waiting-finance';
    const pages = [await page(fin, path, 1, 10), await page(fin, path, 2, 10), await page(fin, path, 3, 10)];
    expect(pages.map((p) => p.total)).toEqual([27, 27, 27]);
    expect(pages.map((p) => p.ids.length)).toEqual([10, 10, 7]);
    expect(pages.flatMap((p) => p.ids)).toEqual([...withParts, ...serviceOnly]);
    // Without page parameters: the first page of the common default size.
    const plain = (await fin.get(path)).json() as { items: unknown[]; total: number };
    expect([plain.items.length, plain.total]).toEqual([20, 27]);
  });

  it('issue 18 item 7: a page size beyond the common limit or page 0 is refused with 400', async () => {
    for (const path of ['/api/v1/workorders/quotes-waiting-finance', '/api/v1/part-requisitions/pending']) {
      expect((await wh.get(`${path}?pageSize=201`)).statusCode).toBe(400);
      expect((await wh.get(`${path}?page=0`)).statusCode).toBe(400);
    }
  });
});
