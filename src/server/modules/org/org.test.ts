import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUnit, createUser, roleId, TEST_PASSWORD } from '../../test/factories';
import { rerunMigrationPart } from '../../test/migration-part';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';

let kefu: TestKefu;
let admin: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;

beforeAll(async () => {
  kefu = await createTestKefu();
  admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
});
afterAll(() => kefu.close());

describe('ORG-1 organisation tree and data scoping', () => {
  it('ORG-1: keeps the tree shape: no store directly under a department, nothing at the root', async () => {
    const bad = await admin.post('/api/v1/units', {
      parentId: org.storeAEngineering.id,
      kind: 'store',
      name: '错误门店',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('org.unit_placement_invalid');
    const dup = await admin.post('/api/v1/units', {
      parentId: org.east.id,
      kind: 'store',
      name: '上海徐汇店',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('org.unit_name_taken');
  });

  it('ORG-1: a store agent sees their store only; store B records answer 404, not 403', async () => {
    const agentA = await createUser(admin, 'agent.a', org.storeA.id, 'agent');
    const agentB = await createUser(admin, 'agent.b', org.storeB.id, 'agent');
    const session = await kefu.login('agent.a', TEST_PASSWORD);

    const unitsRes = await session.get('/api/v1/units');
    expect(unitsRes.statusCode, unitsRes.body).toBe(200);
    const units = unitsRes.json().items as { id: string }[];
    expect(units.map((u) => u.id).sort()).toEqual([org.storeA.id, org.storeAEngineering.id].sort());
    expect((await session.get(`/api/v1/units/${org.storeB.id}`)).statusCode).toBe(404);
    expect((await session.get(`/api/v1/units/${org.storeB.id}`)).json().code).toBe('org.unit_not_found');
    expect((await session.get(`/api/v1/units/${org.east.id}`)).statusCode).toBe(404);

    expect((await session.get(`/api/v1/users/${agentA.id}`)).statusCode).toBe(200);
    const other = await session.get(`/api/v1/users/${agentB.id}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('org.user_not_found');
    const listRes = await session.get('/api/v1/users?pageSize=200');
    expect(listRes.statusCode, listRes.body).toBe(200);
    const list = listRes.json();
    expect(list.items.map((u: { username: string }) => u.username)).toContain('agent.a');
    expect(list.items.map((u: { username: string }) => u.username)).not.toContain('agent.b');
    expect((await session.get(`/api/v1/users?unitId=${org.storeB.id}`)).statusCode).toBe(404);
  });

  it('ORG-1: a region manager sees the stores of the region but not the other region', async () => {
    await createUser(admin, 'east.boss', org.east.id, 'store_manager');
    const session = await kefu.login('east.boss', TEST_PASSWORD);
    const ids = ((await session.get('/api/v1/units')).json().items as { id: string }[]).map((u) => u.id);
    expect(ids).toContain(org.storeA.id);
    expect(ids).not.toContain(org.storeB.id);
  });

  it('ORG-1: writes are scoped too: an agent cannot change units or people, even in their store', async () => {
    await createUser(admin, 'agent.c', org.storeA.id, 'agent');
    const session = await kefu.login('agent.c', TEST_PASSWORD);
    const rename = await session.patch(`/api/v1/units/${org.storeA.id}`, { name: '改名' });
    expect(rename.statusCode).toBe(403);
    // Holding org.units.manage nowhere, the agent is refused before any unit is looked up: the same
    // 403 for every id, so it tells nothing about the other store either.
    const otherStore = await session.patch(`/api/v1/units/${org.storeB.id}`, { name: '改名' });
    expect(otherStore.statusCode).toBe(403);
    const created = await session.post('/api/v1/users', {
      username: 'sneaky',
      displayName: 'x',
      password: TEST_PASSWORD,
      memberships: [{ unitId: org.storeA.id, roleId: await roleId(admin, 'agent') }],
    });
    expect(created.statusCode).toBe(403);
    const elsewhere = await session.post('/api/v1/users', {
      username: 'sneaky2',
      displayName: 'x',
      password: TEST_PASSWORD,
      memberships: [{ unitId: org.storeB.id, roleId: await roleId(admin, 'agent') }],
    });
    expect(elsewhere.statusCode).toBe(403);
  });
});

describe('ORG-2 roles and permission sets', () => {
  it('ORG-2: default roles exist and an administrator can edit a permission set', async () => {
    const roles = (await admin.get('/api/v1/roles')).json().items as {
      id: string;
      code: string;
      permissions: string[];
    }[];
    expect(roles.map((r) => r.code)).toEqual(
      expect.arrayContaining(['agent', 'trainee', 'general_manager', 'auditor']),
    );
    const auditor = roles.find((r) => r.code === 'auditor')!;
    const res = await admin.patch(`/api/v1/roles/${auditor.id}`, {
      permissions: ['audit.read', 'org.units.read'],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().permissions).toEqual(['audit.read', 'org.units.read']);
    const unknown = await admin.patch(`/api/v1/roles/${auditor.id}`, { permissions: ['tickets.fly'] });
    expect(unknown.json().code).toBe('org.unknown_permission');
  });

  it('ORG-2: a changed permission set applies to the very next request of someone already signed in', async () => {
    const role = await admin.post('/api/v1/roles', {
      code: 'hotline_cover',
      nameZh: '热线顶班',
      nameEn: 'Hotline cover',
      permissions: ['tickets.read', 'tickets.create'],
    });
    expect(role.statusCode).toBe(201);
    await createUser(admin, 'cover.a', org.storeA.id, 'hotline_cover');
    const cover = await kefu.login('cover.a', TEST_PASSWORD);
    const intake = {
      unitId: org.storeA.id,
      type: 'consultation_direct',
      channel: 'phone',
      subject: '顶班登记',
    };
    // Each request is answered within the second the session was last read: it is in the cache.
    expect((await cover.post('/api/v1/tickets', intake)).statusCode).toBe(201);
    await admin.patch(`/api/v1/roles/${role.json().id}`, { permissions: ['tickets.read'] });
    expect((await cover.post('/api/v1/tickets', intake)).statusCode).toBe(403);
  });

  it('ORG-2: a custom role can be created; a store manager cannot grant rights they lack', async () => {
    const created = await admin.post('/api/v1/roles', {
      code: 'night_shift',
      nameZh: '夜班客服',
      nameEn: 'Night shift',
      permissions: ['org.units.read'],
    });
    expect(created.statusCode).toBe(201);
    const roleManager = (await admin.get('/api/v1/roles'))
      .json()
      .items.find((r: { code: string }) => r.code === 'store_manager');
    // The manager holds everything an agent holds (whatever agents get in this release) plus user management.
    const agentRole = (await admin.get('/api/v1/roles'))
      .json()
      .items.find((r: { code: string }) => r.code === 'agent');
    await admin.patch(`/api/v1/roles/${roleManager.id}`, {
      permissions: [...agentRole.permissions, 'org.users.manage', 'org.accounts.request', 'audit.read'],
    });
    await createUser(admin, 'manager.a', org.storeA.id, 'store_manager');
    const manager = await kefu.login('manager.a', TEST_PASSWORD);
    const ok = await manager.post('/api/v1/users', {
      username: 'new.agent.a',
      displayName: '新客服',
      password: TEST_PASSWORD,
      memberships: [{ unitId: org.storeA.id, roleId: await roleId(admin, 'agent') }],
    });
    expect(ok.statusCode).toBe(201);
    const escalate = await manager.post('/api/v1/users', {
      username: 'new.admin.a',
      displayName: '越权',
      password: TEST_PASSWORD,
      memberships: [{ unitId: org.storeA.id, roleId: await roleId(admin, 'administrator') }],
    });
    expect(escalate.statusCode).toBe(403);
    expect(escalate.json().code).toBe('org.role_exceeds_own_rights');
    const rolesEdit = await manager.post('/api/v1/roles', {
      code: 'x_role',
      nameZh: 'x',
      nameEn: 'x',
      permissions: [],
    });
    expect(rolesEdit.statusCode).toBe(403);
  });
});

describe('ORG-3 account opening and leaving staff', () => {
  it('ORG-3: HR files, the general manager approves, the HQ customer-service supervisor opens', async () => {
    await createUser(admin, 'hr.one', org.hq.id, 'hr_admin');
    await createUser(admin, 'gm.one', org.hq.id, 'general_manager');
    // The HQ customer-service supervisor holds the role at headquarters, so it reaches every store.
    await createUser(admin, 'cs.lead', org.hq.id, 'cs_supervisor');
    const hr = await kefu.login('hr.one', TEST_PASSWORD);
    const gm = await kefu.login('gm.one', TEST_PASSWORD);
    const lead = await kefu.login('cs.lead', TEST_PASSWORD);

    const filed = await hr.post('/api/v1/account-requests', {
      unitId: org.storeA.id,
      roleId: await roleId(admin, 'agent'),
      username: 'fresh.agent',
      displayName: '新同事',
      reason: '门店新招客服专员',
    });
    expect(filed.statusCode).toBe(201);
    const id = filed.json().id;

    expect(
      (await lead.post(`/api/v1/account-requests/${id}/open`, { initialPassword: 'Start1234' })).json().code,
    ).toBe('org.account_request_not_approved');
    expect((await hr.post(`/api/v1/account-requests/${id}/approve`, {})).statusCode).toBe(403);
    const approved = await gm.post(`/api/v1/account-requests/${id}/approve`, { comment: '同意' });
    expect(approved.json()).toMatchObject({ status: 'approved', decidedBy: { displayName: 'gm.one' } });
    expect((await gm.post(`/api/v1/account-requests/${id}/approve`, {})).json().code).toBe(
      'org.account_request_not_pending',
    );

    const opened = await lead.post(`/api/v1/account-requests/${id}/open`, { initialPassword: 'Start1234' });
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({ status: 'opened', openedBy: { displayName: 'cs.lead' } });
    const me = (await (await kefu.login('fresh.agent', 'Start1234')).get('/api/v1/me')).json();
    expect(me).toMatchObject({
      mustChangePassword: true,
      memberships: [expect.objectContaining({ unitId: org.storeA.id, roleCode: 'agent' })],
    });

    const archive = (await hr.get('/api/v1/account-requests?status=opened')).json();
    expect(archive.items.map((r: { id: string }) => r.id)).toContain(id);
  });

  it('ORG-3: a rejected request cannot be opened', async () => {
    const gm = await kefu.login('gm.one', TEST_PASSWORD);
    const hr = await kefu.login('hr.one', TEST_PASSWORD);
    const filed = await hr.post('/api/v1/account-requests', {
      unitId: org.storeB.id,
      roleId: await roleId(admin, 'agent'),
      username: 'not.hired',
      displayName: '未录用',
      reason: '试岗',
    });
    const rejected = await gm.post(`/api/v1/account-requests/${filed.json().id}/reject`, {
      comment: '编制已满',
    });
    expect(rejected.json().status).toBe('rejected');
    const lead = await kefu.login('cs.lead', TEST_PASSWORD);
    expect(
      (await lead.post(`/api/v1/account-requests/${filed.json().id}/open`, { initialPassword: 'Start1234' }))
        .statusCode,
    ).toBe(409);
  });

  it('ORG-3: the request waits in the general manager’s approval inbox and links to its subject; the GM’s decision is an engine step', async () => {
    const gm = await kefu.login('gm.one', TEST_PASSWORD);
    const hr = await kefu.login('hr.one', TEST_PASSWORD);
    const filed = await hr.post('/api/v1/account-requests', {
      unitId: org.storeA.id,
      roleId: await roleId(admin, 'agent'),
      username: 'engine.agent',
      displayName: '引擎同事',
      reason: '门店新招客服专员',
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const id = filed.json().id as string;
    type Approval = {
      id: string;
      subjectType: string;
      subjectId: string;
      currentStage: string;
      status: string;
    };
    const waiting = ((await gm.get('/api/v1/approvals/inbox')).json().waiting as Approval[]).find(
      (r) => r.subjectType === 'account_request' && r.subjectId === id,
    );
    expect(waiting).toMatchObject({ currentStage: 'general_manager', status: 'pending' });
    // HR sees it among their own requests, not among those waiting for them.
    const hrInbox = (await hr.get('/api/v1/approvals/inbox')).json();
    expect(hrInbox.mine.map((r: Approval) => r.subjectId)).toContain(id);
    expect(hrInbox.waiting.map((r: Approval) => r.subjectId)).not.toContain(id);

    // Approved from the inbox: the account request follows in the same transaction.
    const approved = await gm.post(`/api/v1/approvals/${waiting!.id}/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);
    const list = (await hr.get('/api/v1/account-requests?status=approved')).json();
    expect(list.items.find((r: { id: string }) => r.id === id)).toMatchObject({
      status: 'approved',
      decidedBy: { displayName: 'gm.one' },
    });
    const audit = (await admin.get(`/api/v1/audit?subjectType=account_request&subjectId=${id}`)).json();
    expect(audit.items.map((a: { action: string }) => a.action)).toContain('org.account_request.approved');
  });

  it('ORG-3: nobody approves their own account request (403 approvals.own_request); approving without the general manager’s role is not one’s step (403); nothing is written', async () => {
    const filed = await admin.post('/api/v1/account-requests', {
      unitId: org.storeB.id,
      roleId: await roleId(admin, 'agent'),
      username: 'own.request',
      displayName: '自己审批',
      reason: '试岗',
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const id = filed.json().id as string;
    const own = await admin.post(`/api/v1/account-requests/${id}/approve`, {});
    expect(own.statusCode, own.body).toBe(403);
    expect(own.json().code).toBe('approvals.own_request');
    // A second administrator holds the permission but not the general manager's role at the step.
    await createUser(admin, 'admin.two', org.hq.id, 'administrator');
    const other = await kefu.login('admin.two', TEST_PASSWORD);
    const notYours = await other.post(`/api/v1/account-requests/${id}/reject`, { comment: '不批' });
    expect(notYours.statusCode, notYours.body).toBe(403);
    expect(notYours.json().code).toBe('approvals.not_your_step');
    const pending = (await admin.get('/api/v1/account-requests?status=pending')).json();
    expect(pending.items.find((r: { id: string }) => r.id === id)).toMatchObject({
      status: 'pending',
      decidedBy: null,
    });
    const gm = await kefu.login('gm.one', TEST_PASSWORD);
    const rejected = await gm.post(`/api/v1/account-requests/${id}/reject`, { comment: '编制已满' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', decisionComment: '编制已满' });
    // Rejected is final: no longer among the requester's open requests, nor waiting for anyone.
    const mine = (await admin.get('/api/v1/approvals/inbox')).json().mine as { subjectId: string }[];
    expect(mine.map((r) => r.subjectId)).not.toContain(id);
    const gmWaiting = (await gm.get('/api/v1/approvals/inbox')).json().waiting as { subjectId: string }[];
    expect(gmWaiting.map((r) => r.subjectId)).not.toContain(id);
  });

  it('ORG-3: a request pending before the engine took over is carried over by the migration and approved through it', async () => {
    const hr = await kefu.login('hr.one', TEST_PASSWORD);
    const filed = await hr.post('/api/v1/account-requests', {
      unitId: org.storeA.id,
      roleId: await roleId(admin, 'agent'),
      username: 'carried.over',
      displayName: '旧申请',
      reason: '迁移前提交',
    });
    const id = filed.json().id as string;
    // As before the move: the account request alone, no engine request.
    await kefu.deps.db.execute(sql`delete from approval_requests where subject_id = ${id}`);
    const gm = await kefu.login('gm.one', TEST_PASSWORD);
    expect((await gm.post(`/api/v1/account-requests/${id}/approve`, {})).json().code).toBe(
      'org.account_request_not_pending',
    );
    await rerunMigrationPart(kefu.deps.db, 'approval_engine_cmp_org.sql', '-- carry-over: account opening');
    const approved = await gm.post(`/api/v1/account-requests/${id}/approve`, { comment: '同意' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', decisionComment: '同意' });
  });

  it('ORG-3: leaving staff are disabled, never deleted; their sessions end; a successor is recorded', async () => {
    const leaver = await createUser(admin, 'leaver', org.storeA.id, 'agent');
    const successor = await createUser(admin, 'successor', org.storeA.id, 'agent');
    const session = await kefu.login('leaver', TEST_PASSWORD);
    // Signed in and just seen: the session is in the server's short-lived cache.
    expect((await session.get('/api/v1/me')).statusCode).toBe(200);
    const res = await admin.post(`/api/v1/users/${leaver.id}/disable`, { reassignToUserId: successor.id });
    expect(res.json().status).toBe('disabled');
    expect((await session.get('/api/v1/me')).statusCode).toBe(401);
    await expect(kefu.login('leaver', TEST_PASSWORD)).rejects.toThrow(/403/);
    expect((await admin.get(`/api/v1/users/${leaver.id}`)).json().status).toBe('disabled');
    const trail = (
      await admin.get(`/api/v1/audit?subjectType=user&subjectId=${leaver.id}&action=org.user.disabled`)
    ).json();
    expect(trail.items[0].after).toMatchObject({ status: 'disabled', reassignToUserId: successor.id });
    expect((await admin.post(`/api/v1/users/${leaver.id}/enable`, {})).json().status).toBe('active');
  });

  it('ORG-3: nobody can disable themselves or the last administrator', async () => {
    const me = (await admin.get('/api/v1/me')).json();
    expect((await admin.post(`/api/v1/users/${me.id}/disable`, {})).json().code).toBe(
      'org.cannot_disable_self',
    );
  });
});

describe('ORG-4 audit trail', () => {
  it('ORG-4: every change leaves who, when, before and after', async () => {
    const unit = await createUnit(admin, org.east.id, 'store', '苏州园区店');
    await admin.patch(`/api/v1/units/${unit.id}`, { name: '苏州工业园区店' });
    const entries = (await admin.get(`/api/v1/audit?subjectId=${unit.id}`)).json().items;
    expect(entries.map((e: { action: string }) => e.action)).toEqual([
      'org.unit.updated',
      'org.unit.created',
    ]);
    expect(entries[0]).toMatchObject({
      actor: { displayName: '系统管理员' },
      before: expect.objectContaining({ name: '苏州园区店' }),
      after: expect.objectContaining({ name: '苏州工业园区店' }),
    });
  });

  it('ORG-4: the audit trail never contains password hashes', async () => {
    const rows = (
      await admin.get('/api/v1/audit?subjectType=user&action=org.user.created&pageSize=200')
    ).json().items;
    expect(rows.length).toBeGreaterThan(3);
    expect(JSON.stringify(rows)).not.toMatch(/argon2|passwordHash/);
  });

  it('ORG-4: the database refuses to update or delete audit rows', async () => {
    const refusal = (e: unknown) =>
      /append-only/.test(String((e as Error & { cause?: Error }).cause?.message ?? e));
    await expect(kefu.deps.db.execute(sql`update audit_log set action = 'x'`)).rejects.toSatisfy(refusal);
    await expect(kefu.deps.db.execute(sql`delete from audit_log`)).rejects.toSatisfy(refusal);
    await expect(kefu.deps.db.execute(sql`truncate audit_log`)).rejects.toSatisfy(refusal);
  });

  it('ORG-4: a store manager sees their store audit trail, not other stores', async () => {
    const manager = await kefu.login('manager.a', TEST_PASSWORD);
    const rows = (await manager.get('/api/v1/audit?pageSize=200')).json().items as {
      unitId: string | null;
    }[];
    expect(rows.length).toBeGreaterThan(0);
    const visible = new Set([org.storeA.id, org.storeAEngineering.id]);
    expect(rows.every((r) => r.unitId !== null && visible.has(r.unitId))).toBe(true);
  });
});

describe('user search', () => {
  it('finds people by username, name or phone, taking % and _ literally', async () => {
    const res = await admin.post('/api/v1/users', {
      username: 'search.me',
      displayName: '查找测试',
      phone: '13912345678',
      password: TEST_PASSWORD,
      memberships: [{ unitId: org.storeA.id, roleId: await roleId(admin, 'agent') }],
    });
    expect(res.statusCode).toBe(201);
    const find = async (q: string) =>
      (
        (await admin.get(`/api/v1/users?q=${encodeURIComponent(q)}`)).json().items as { username: string }[]
      ).map((u) => u.username);
    expect(await find('2345')).toEqual(['search.me']);
    expect(await find('查找')).toEqual(['search.me']);
    expect(await find('%')).toEqual([]);
  });
});
