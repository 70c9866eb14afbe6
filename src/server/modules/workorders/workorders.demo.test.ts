import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemoCompany } from '../../demo/demo-company';
import { createTestKefu, type TestKefu } from '../../test/test-app';
import { workOrders } from './workorders.table';
import { priceItems } from './pricing.table';

describe('demo field service (issue 5)', () => {
  let kefu: TestKefu;
  beforeAll(async () => {
    kefu = await createTestKefu();
  });
  afterAll(() => kefu.close());

  it('REP-1: the demo dispatch board has unassigned orders and technicians with visits; loading twice adds nothing', async () => {
    await loadDemoCompany(kefu.deps);
    const counts = async () => ({
      orders: (await kefu.deps.db.select().from(workOrders)).length,
      prices: (await kefu.deps.db.select().from(priceItems)).length,
    });
    const first = await counts();
    expect(first.orders).toBeGreaterThanOrEqual(6);
    expect(first.prices).toBe(6);
    await loadDemoCompany(kefu.deps);
    expect(await counts()).toEqual(first);

    const supervisor = await kefu.login('sh.install', DEMO_PASSWORD);
    const units = (await supervisor.get('/api/v1/units')).json().items as { id: string; code: string }[];
    const install = units.find((u) => u.code === 'SH-XH-INST')!;
    const board = (await supervisor.get(`/api/v1/workorders/dispatch-board?unitId=${install.id}`)).json();
    expect(board.unassigned.length).toBeGreaterThanOrEqual(2);
    const tech = board.technicians.find((t: { name: string }) => t.name === '黄师傅');
    expect(tech.skills).toContain('空调');
    expect(tech.visits.length).toBeGreaterThanOrEqual(2);
    const technician = await kefu.login('sh.tech', DEMO_PASSWORD);
    expect((await technician.get('/api/v1/workorders?mine=true')).json().total).toBe(3);
  });

  it('issue 18: the demo store has parts in stock (warehouse and a van), one on the low-stock list; loading twice adds nothing', async () => {
    await loadDemoCompany(kefu.deps);
    const wh = await kefu.login('sh.warehouse', DEMO_PASSWORD);
    const units = (await wh.get('/api/v1/units')).json().items as { id: string; code: string }[];
    const store = units.find((u) => u.code === 'SH-XH')!;
    const list = (await wh.get(`/api/v1/parts?unitId=${store.id}`)).json().items as {
      code: string;
      onHand: number;
      low: boolean;
    }[];
    expect(list.map((p) => p.code).sort()).toEqual(['PJ-DR', 'PJ-PS', 'PJ-TG', 'PJ-WK', 'PJ-XF']);
    expect(list.find((p) => p.code === 'PJ-DR')).toMatchObject({ onHand: 20, low: false });
    expect(list.filter((p) => p.low).map((p) => p.code)).toEqual(['PJ-WK']);
    const locations = (await wh.get(`/api/v1/stock-locations?unitId=${store.id}`)).json().items as {
      kind: string;
    }[];
    expect(locations.filter((l) => l.kind === 'van')).toHaveLength(2);
    const journal = (await wh.get(`/api/v1/part-movements?unitId=${store.id}`)).json();
    expect(journal.total).toBe(6);
  });
});
