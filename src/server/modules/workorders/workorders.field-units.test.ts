import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { buildWorkOrderWorld, login } from './workorders.test-world';

describe('where a work order raised at a store is dispatched from (REP-1)', () => {
  let kefu: TestKefu;
  let world: Awaited<ReturnType<typeof buildWorkOrderWorld>>;

  beforeAll(async () => {
    kefu = await createTestKefu();
    world = await buildWorkOrderWorld(kefu, 'fu');
  });
  afterAll(() => kefu.close());

  const unitsFor = async (who: string | HttpSession, unitId: string) => {
    const session = typeof who === 'string' ? await login(kefu, who) : who;
    const res = await session.get(`/api/v1/workorders/field-service-units?unitId=${unitId}`);
    const ids = res.statusCode === 200 ? res.json().items.map((u: { id: string }) => u.id) : [];
    return { status: res.statusCode, ids };
  };

  it('REP-1: the department whose technicians go out comes first, then the store; another store gets 404', async () => {
    const store = world.store.id;
    // The world's technicians hold their role at the store itself.
    expect(await unitsFor('fuagent', store)).toEqual({ status: 200, ids: [store] });

    await createUser(world.admin, 'fuengtech', world.org.storeAEngineering.id, 'technician');
    expect(await unitsFor('fuagent', store)).toEqual({
      status: 200,
      ids: [world.org.storeAEngineering.id, store],
    });
    // The head-office administrator holds every permission but sends nobody out: HQ is never offered.
    expect((await unitsFor(world.admin, world.org.hq.id)).ids).not.toContain(world.org.hq.id);
    // ORG-1: a supervisor of another store cannot look into this one.
    expect((await unitsFor('fusupb', store)).status).toBe(404);
  });
});
