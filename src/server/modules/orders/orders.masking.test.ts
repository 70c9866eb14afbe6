import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, roleId, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';

// CUS-4 per record: the buyer's number written on an order is shown in full only where the reader
// may unmask numbers — a store manager at store A who is also an agent at store B sees A's orders'
// numbers and B's masked (the response-wide net masks only people who may unmask nowhere).

let kefu: TestKefu;
let admin: HttpSession;
let both: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;

beforeAll(async () => {
  kefu = await createTestKefu();
  admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  const created = await admin.post('/api/v1/users', {
    username: 'om.both',
    displayName: 'om.both',
    password: TEST_PASSWORD,
    memberships: [
      { unitId: org.storeA.id, roleId: await roleId(admin, 'store_manager') },
      { unitId: org.storeB.id, roleId: await roleId(admin, 'agent') },
    ],
  });
  expect(created.statusCode, created.body).toBe(201);
  both = await kefu.login('om.both', TEST_PASSWORD);
  for (const [unitId, orderNo, customerPhone] of [
    [org.storeA.id, 'OM-A-1', '13812345678'],
    [org.storeB.id, 'OM-B-1', '13987654321'],
    [org.storeB.id, 'OM-B-2', '021-6234 5678'],
  ] as const) {
    const res = await admin.post('/api/v1/orders', {
      unitId,
      orderNo,
      customerName: '柜台客户',
      customerPhone,
      orderedAt: '2026-03-01T02:00:00.000Z',
      lines: [{ product: '沙发', priceFen: 100000, paidFen: 100000 }],
    });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(() => kefu.close());

describe('CUS-4 orders: the buyer number per record', () => {
  it("CUS-4: an order's customerPhone is full where the reader may unmask, masked where not (list, one order, landline too)", async () => {
    const list = await both.get('/api/v1/orders?pageSize=50');
    expect(list.statusCode, list.body).toBe(200);
    const phoneOf = new Map(
      (list.json().items as { orderNo: string; customerPhone: string }[]).map((o) => [
        o.orderNo,
        o.customerPhone,
      ]),
    );
    expect(phoneOf.get('OM-A-1')).toBe('13812345678');
    expect(phoneOf.get('OM-B-1')).toBe('139****4321');
    expect(phoneOf.get('OM-B-2')).toBe('021-****5678');
    expect(list.body).not.toContain('13987654321');
    expect(list.body).not.toContain('6234');

    const idOf = (no: string) =>
      (list.json().items as { id: string; orderNo: string }[]).find((o) => o.orderNo === no)!.id;
    const one = await both.get(`/api/v1/orders/${idOf('OM-B-1')}`);
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json().customerPhone).toBe('139****4321');
    expect((await both.get(`/api/v1/orders/${idOf('OM-A-1')}`)).json().customerPhone).toBe('13812345678');
  });
});
