import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { buildWorkOrderWorld, login } from '../workorders/workorders.test-world';
import { notifications } from './notifications.table';

describe('issue 22: a work order assigned to a technician is a notice of theirs', () => {
  let kefu: TestKefu;
  let world: Awaited<ReturnType<typeof buildWorkOrderWorld>>;
  let sup: HttpSession;
  let tech: HttpSession;

  beforeAll(async () => {
    kefu = await createTestKefu();
    world = await buildWorkOrderWorld(kefu, 'na');
    sup = await login(kefu, 'nasup');
    tech = await login(kefu, 'natech');
  });
  afterAll(() => kefu.close());

  it('the supervisor assigns the technician → an "assigned" notice naming the order, linked to it; assigning the same technician again adds none', async () => {
    const created = await sup.post('/api/v1/workorders', {
      unitId: world.store.id,
      type: 'repair',
      customerId: world.customerId,
      productModel: 'SF-3',
      purchaseDate: '2026-02-20',
      problem: '沙发扶手松动',
    });
    expect(created.statusCode, created.body).toBe(201);
    const order = created.json() as { id: string; number: string };
    const url = `/api/v1/workorders/${order.id}`;
    const assigned = await sup.post(`${url}/assign`, { technicianId: world.people.tech.id });
    expect(assigned.statusCode, assigned.body).toBe(200);

    const mine = (await tech.get('/api/v1/notifications')).json().items as {
      kind: string;
      subjectType: string;
      subjectId: string;
      payload: Record<string, unknown>;
    }[];
    const notice = mine.find((n) => n.kind === 'assigned' && n.subjectId === order.id);
    expect(notice).toMatchObject({
      subjectType: 'work_order',
      payload: { number: order.number, subject: '沙发扶手松动' },
    });

    const again = await sup.post(`${url}/assign`, { technicianId: world.people.tech.id });
    expect(again.statusCode, again.body).toBe(200);
    const rows = await kefu.deps.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, 'assigned'), eq(notifications.subjectId, order.id)));
    expect(rows).toHaveLength(1);
  });
});
