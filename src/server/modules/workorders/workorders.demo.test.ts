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
});
