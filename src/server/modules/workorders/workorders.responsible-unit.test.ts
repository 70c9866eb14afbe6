import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../test/factories';
import { createTestKefu, type TestKefu } from '../../test/test-app';
import { buildWorkOrderWorld, login } from './workorders.test-world';

describe('a work order raised at a store gets a responsible department (REP-1, issue 18 item 7)', () => {
  let kefu: TestKefu;
  let world: Awaited<ReturnType<typeof buildWorkOrderWorld>>;

  beforeAll(async () => {
    kefu = await createTestKefu();
    world = await buildWorkOrderWorld(kefu, 'ru');
  });
  afterAll(() => kefu.close());

  it('REP-1: an order created at store level through the API belongs to the store’s field-service department, whose supervisor sees and dispatches it', async () => {
    const dept = world.org.storeAEngineering;
    const deptTech = await createUser(world.admin, 'rudepttech', dept.id, 'technician');
    await createUser(world.admin, 'rudeptsup', dept.id, 'installation_supervisor');
    const agent = await login(kefu, 'ruagent');
    const created = await agent.post('/api/v1/workorders', {
      unitId: world.store.id,
      type: 'repair',
      customerId: world.customerId,
      assetId: world.inWarrantyAssetId,
      problem: '不制冷',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ unitId: dept.id, unitName: dept.name });
    const id = created.json().id as string;

    const deptSup = await login(kefu, 'rudeptsup');
    expect((await deptSup.get(`/api/v1/workorders/${id}`)).statusCode).toBe(200);
    const listed = await deptSup.get('/api/v1/workorders');
    expect(listed.json().items.map((o: { id: string }) => o.id)).toContain(id);
    const board = await deptSup.get(`/api/v1/workorders/dispatch-board?unitId=${dept.id}`);
    expect(board.json().unassigned.map((o: { id: string }) => o.id)).toContain(id);
    const assigned = await deptSup.post(`/api/v1/workorders/${id}/assign`, { technicianId: deptTech.id });
    expect(assigned.statusCode, assigned.body).toBe(200);
    // The store still sees the order from above.
    expect((await agent.get(`/api/v1/workorders/${id}`)).statusCode).toBe(200);
  });
});
