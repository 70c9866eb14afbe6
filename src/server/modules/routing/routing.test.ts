import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUnit, createUser, TEST_PASSWORD, type UnitRef } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';

let kefu: TestKefu;
let admin: HttpSession;
let supervisorA: HttpSession;
let agentA: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
let hqFinance: UnitRef;
let storeBEngineering: UnitRef;
let ids: Record<string, string>;
const put = (s: HttpSession, url: string, body: unknown) => s.request('PUT', url, body);

beforeAll(async () => {
  kefu = await createTestKefu();
  admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  hqFinance = await createUnit(admin, org.hq.id, 'department', '财务部');
  storeBEngineering = await createUnit(admin, org.storeB.id, 'department', '春熙店工程部');
  const sup = await createUser(admin, 'sup_a', org.storeA.id, 'cs_supervisor');
  const agent = await createUser(admin, 'agent_a', org.storeA.id, 'agent');
  const online = await createUser(admin, 'online_1', org.storeA.id, 'agent');
  const fin = await createUser(admin, 'finance_1', hqFinance.id, 'department_member');
  await createUser(admin, 'trainee_a', org.storeA.id, 'trainee');
  ids = { sup: sup.id, agent: agent.id, online: online.id, fin: fin.id };
  supervisorA = await kefu.login('sup_a', TEST_PASSWORD);
  agentA = await kefu.login('agent_a', TEST_PASSWORD);
});
afterAll(() => kefu.close());

const rectification = (kind: string, unitId = org.storeA.id) => ({
  unitId,
  type: 'rectification',
  rectificationKind: kind,
  channel: 'phone',
  subject: `整改：${kind}`,
});

describe('CL-3: rectification routed to the responsible department', () => {
  it('CL-3: a store rule sends engineering rectifications to its engineering department, waiting on it', async () => {
    const res = await put(supervisorA, `/api/v1/routing-rules?unitId=${org.storeA.id}`, {
      rules: [{ rectificationKind: 'engineering', departmentId: org.storeAEngineering.id }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().effective).toContainEqual({
      rectificationKind: 'engineering',
      departmentId: org.storeAEngineering.id,
      sourceUnitId: org.storeA.id,
    });
    const t = await agentA.post('/api/v1/tickets', rectification('engineering'));
    expect(t.statusCode, t.body).toBe(201);
    expect(t.json()).toMatchObject({
      state: 'waiting_department',
      assigneeDepartment: { id: org.storeAEngineering.id, name: '工程部' },
    });
    expect(t.json().timeline.map((e: { type: string }) => e.type)).toEqual(['created', 'routed']);
  });

  it('CL-3: a headquarters rule is inherited by every store; the HQ department sees the store ticket it owes', async () => {
    await put(admin, `/api/v1/routing-rules?unitId=${org.hq.id}`, {
      rules: [{ rectificationKind: 'finance', departmentId: hqFinance.id }],
    });
    const t = (await agentA.post('/api/v1/tickets', rectification('finance'))).json();
    expect(t.assigneeDepartment.id).toBe(hqFinance.id);
    const finance = await kefu.login('finance_1', TEST_PASSWORD);
    expect((await finance.get(`/api/v1/tickets/${t.id}`)).statusCode).toBe(200);
    const inbox = (await finance.get(`/api/v1/tickets?departmentId=${hqFinance.id}`)).json();
    expect(inbox.items.map((x: { id: string }) => x.id)).toContain(t.id);
    // Marketing has no rule anywhere: the ticket stays with the intake agent.
    const unrouted = (await agentA.post('/api/v1/tickets', rectification('marketing'))).json();
    expect(unrouted).toMatchObject({ state: 'new', assigneeDepartment: null });
  });

  it('CL-3: re-classifying into a rectification routes it too', async () => {
    const t = (
      await agentA.post('/api/v1/tickets', {
        unitId: org.storeA.id,
        type: 'other',
        channel: 'phone',
        subject: '墙面开裂',
      })
    ).json();
    const res = await agentA.post(`/api/v1/tickets/${t.id}/reclassify`, {
      type: 'rectification',
      rectificationKind: 'engineering',
    });
    expect(res.json()).toMatchObject({
      state: 'waiting_department',
      assigneeDepartment: { id: org.storeAEngineering.id },
    });
  });

  it('routing rules: another store’s department is refused; agents may not edit; another store’s unit is 404', async () => {
    const foreign = await put(supervisorA, `/api/v1/routing-rules?unitId=${org.storeA.id}`, {
      rules: [{ rectificationKind: 'engineering', departmentId: storeBEngineering.id }],
    });
    expect([foreign.statusCode, foreign.json().code]).toEqual([404, 'routing.department_not_found']);
    const agent = await put(agentA, `/api/v1/routing-rules?unitId=${org.storeA.id}`, { rules: [] });
    expect(agent.statusCode).toBe(403);
    const outside = await put(supervisorA, `/api/v1/routing-rules?unitId=${org.storeB.id}`, { rules: [] });
    expect(outside.statusCode).toBe(404);
    const dup = await put(supervisorA, `/api/v1/routing-rules?unitId=${org.storeA.id}`, {
      rules: [
        { rectificationKind: 'engineering', departmentId: org.storeAEngineering.id },
        { rectificationKind: 'engineering', departmentId: hqFinance.id },
      ],
    });
    expect([dup.statusCode, dup.json().code]).toEqual([400, 'routing.duplicate_kind']);
  });
});

describe('CL-4: sales channels owned by teams', () => {
  it('CL-4: a ticket from a shop goes to the owning team’s queue and shows in its members’ queue', async () => {
    const team = await supervisorA.post('/api/v1/teams', {
      unitId: org.storeA.id,
      name: '线上售后一组',
      memberIds: [ids.online],
    });
    expect(team.statusCode, team.body).toBe(201);
    const shop = await supervisorA.post('/api/v1/sales-channels', {
      unitId: org.storeA.id,
      name: '天猫旗舰店',
      platform: 'tmall',
      teamId: team.json().id,
    });
    expect(shop.statusCode, shop.body).toBe(201);
    const t = await agentA.post('/api/v1/tickets', {
      unitId: org.storeA.id,
      type: 'return_exchange',
      channel: 'ecommerce_dispute',
      subject: '天猫订单退货',
      salesChannelId: shop.json().id,
    });
    expect(t.json()).toMatchObject({
      state: 'assigned',
      assigneeTeam: { id: team.json().id, name: '线上售后一组' },
      salesChannel: { name: '天猫旗舰店' },
    });
    const online = await kefu.login('online_1', TEST_PASSWORD);
    const queue = (await online.get('/api/v1/tickets?view=my_queue')).json();
    expect(queue.items.map((x: { id: string }) => x.id)).toContain(t.json().id);
  });

  it('teams: members are checked (trainees refused, IN-7), names unique per unit, changes audited through PATCH', async () => {
    const trainee = (await admin.get('/api/v1/users?q=trainee_a')).json().items[0].id;
    const refused = await supervisorA.post('/api/v1/teams', {
      unitId: org.storeA.id,
      name: '新人组',
      memberIds: [trainee],
    });
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'tickets.trainee_cannot_take_intake']);
    const outsider = await supervisorA.post('/api/v1/teams', {
      unitId: org.storeA.id,
      name: '跨店组',
      memberIds: [ids.fin],
    });
    expect([outsider.statusCode, outsider.json().code]).toEqual([400, 'routing.member_cannot_see_tickets']);
    const a = await supervisorA.post('/api/v1/teams', { unitId: org.storeA.id, name: '门店组' });
    const taken = await supervisorA.post('/api/v1/teams', { unitId: org.storeA.id, name: '门店组' });
    expect([taken.statusCode, taken.json().code]).toEqual([409, 'routing.team_name_taken']);
    const patched = await supervisorA.patch(`/api/v1/teams/${a.json().id}`, {
      memberIds: [ids.agent, ids.sup],
    });
    expect(patched.json().memberIds).toEqual([ids.agent, ids.sup].sort());
    const listed = (await agentA.get(`/api/v1/teams?unitId=${org.storeA.id}`)).json();
    expect(listed.items.map((x: { name: string }) => x.name)).toContain('门店组');
    const unknownField = await supervisorA.post('/api/v1/teams', {
      unitId: org.storeA.id,
      name: 'x',
      colour: 'red',
    });
    expect(unknownField.statusCode).toBe(400);
  });
});
