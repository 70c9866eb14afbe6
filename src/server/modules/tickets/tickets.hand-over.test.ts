import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { slaTargets } from '../sla/sla.table';

type Ticket = {
  id: string;
  intakeAgent: { id: string } | null;
  assigneeUser: { id: string } | null;
  timeline: { type: string; body: Record<string, unknown> }[];
};

let kefu: TestKefu;
let admin: HttpSession;
let storeId: string;

beforeAll(async () => {
  kefu = await createTestKefu();
  admin = await kefu.login('admin');
  storeId = (await buildOrganisation(admin)).storeA.id;
});
afterAll(() => kefu.close());

async function leaverWithWork(name: string) {
  const leaver = await createUser(admin, name, storeId, 'agent');
  const session = await kefu.login(name, TEST_PASSWORD);
  const taken = await session.post('/api/v1/tickets', {
    unitId: storeId,
    type: 'soft_complaint',
    channel: 'phone',
    subject: '衣柜门板变形',
  });
  expect(taken.statusCode, taken.body).toBe(201);
  const other = await admin.post('/api/v1/tickets', {
    unitId: storeId,
    type: 'repair',
    channel: 'phone',
    subject: '餐桌腿松动',
  });
  const assigned = await admin.post(`/api/v1/tickets/${other.json().id}/assign`, { userId: leaver.id });
  expect(assigned.statusCode, assigned.body).toBe(200);
  const task = await session.post('/api/v1/tasks', {
    kind: 'call_back',
    unitId: storeId,
    callerName: '王女士',
    callerPhone: '13800002222',
  });
  expect(task.statusCode, task.body).toBe(201);
  return {
    leaver,
    takenId: taken.json().id as string,
    assignedId: other.json().id as string,
    task: task.json(),
  };
}
const ticket = async (id: string): Promise<Ticket> => (await admin.get(`/api/v1/tickets/${id}`)).json();

describe('ORG-3: a leaver’s open work is handed over when the account is disabled', () => {
  it('ORG-3: tickets, call-backs and SLA deadlines move to the successor, each with its trail', async () => {
    const { leaver, takenId, assignedId, task } = await leaverWithWork('leaving_agent');
    const successor = await createUser(admin, 'taking_over', storeId, 'agent');
    const res = await admin.post(`/api/v1/users/${leaver.id}/disable`, { reassignToUserId: successor.id });
    expect(res.statusCode, res.body).toBe(200);

    const taken = await ticket(takenId);
    expect(taken.intakeAgent?.id).toBe(successor.id);
    expect(taken.timeline.some((e) => e.type === 'assigned' && e.body.rule === 'ORG-3')).toBe(true);
    expect((await ticket(assignedId)).assigneeUser?.id).toBe(successor.id);
    const owners = await kefu.deps.db
      .select({ ownerId: slaTargets.ownerId })
      .from(slaTargets)
      .where(eq(slaTargets.subjectId, takenId));
    expect(owners.length).toBeGreaterThan(0);
    expect(owners.every((o) => o.ownerId === successor.id)).toBe(true);
    expect((await admin.get(`/api/v1/tasks/${task.id}`)).json().assigneeId).toBe(successor.id);
    const trail = (await admin.get(`/api/v1/audit?subjectType=ticket&subjectId=${assignedId}`)).json();
    expect(trail.items.map((i: { action: string }) => i.action)).toContain('tickets.handed_over');
  });

  it('ORG-3: without a successor, assigned tickets go back to the queue and nothing else moves', async () => {
    const { leaver, takenId, assignedId } = await leaverWithWork('leaving_agent2');
    const res = await admin.post(`/api/v1/users/${leaver.id}/disable`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect((await ticket(assignedId)).assigneeUser).toBeNull();
    expect((await ticket(takenId)).intakeAgent?.id).toBe(leaver.id);
  });
});
