import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { runMembersDaily } from './members.jobs';

let kefu: TestKefu;
let agentA: HttpSession;
let agentB: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
let coordinatorId: string;

async function member(name: string, phone: string, session = agentA, unitId = org.storeA.id) {
  const c = await session.post('/api/v1/customers', { unitId, name, phones: [{ number: phone }] });
  const m = await session.post('/api/v1/members', { customerId: c.json().id });
  expect(m.statusCode, m.body).toBe(201);
  return m.json().id as string;
}

beforeAll(async () => {
  kefu = await createTestKefu();
  const admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  coordinatorId = (await createUser(admin, 'act.agent.a', org.storeA.id, 'agent')).id;
  await createUser(admin, 'act.agent.b', org.storeB.id, 'agent');
  agentA = await kefu.login('act.agent.a', TEST_PASSWORD);
  agentB = await kefu.login('act.agent.b', TEST_PASSWORD);
});
afterAll(() => kefu.close());

/** Moves the clock (days on) and signs the agent in again: an idle session ends meanwhile. */
async function moveClock(to: string) {
  kefu.clock.set(new Date(to));
  agentA = await kefu.login('act.agent.a', TEST_PASSWORD);
}

describe('MEM-2 member activities', () => {
  it('MEM-2: the yearly plan, sign-ups, attendance and the after-action summary; attending earns the points once, within a week', async () => {
    const plan = await agentA.post('/api/v1/member-activities', {
      unitId: org.storeA.id,
      theme: '春季家电清洗日',
      date: '2026-03-07',
      targetGroup: '金卡及以上会员',
      type: 'service',
      points: 50,
      coordinatorId,
      implementationPlan: '上午 9 点门店集合，两名技术员现场演示',
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const activity = plan.json();
    expect(activity).toMatchObject({
      year: 2026,
      pointsDueOn: '2026-03-14',
      pointsGrantedAt: null,
      pointsOverdue: false,
    });
    await agentA.post('/api/v1/member-activities', {
      unitId: org.storeA.id,
      theme: '中秋亲子手工',
      date: '2026-09-20',
      targetGroup: '有孩子的会员家庭',
      type: 'family',
    });
    const year = (await agentA.get(`/api/v1/member-activities?unitId=${org.storeA.id}&year=2026`)).json();
    expect(year.items.map((a: { theme: string }) => a.theme)).toEqual(['春季家电清洗日', '中秋亲子手工']);
    expect((await agentB.get(`/api/v1/member-activities?unitId=${org.storeA.id}&year=2026`)).statusCode).toBe(
      404,
    );

    const came = await member('郑到场', '13800020001');
    const absent = await member('冯缺席', '13800020002');
    const outsider = await member('成都会员', '13800020003', agentB, org.storeB.id);
    for (const id of [came, absent, came])
      expect(
        (await agentA.post(`/api/v1/member-activities/${activity.id}/signups`, { memberId: id })).statusCode,
      ).toBe(200);
    const foreign = await agentA.post(`/api/v1/member-activities/${activity.id}/signups`, {
      memberId: outsider,
    });
    expect(foreign.statusCode).toBe(404);
    const notSigned = await agentA.post(`/api/v1/member-activities/${activity.id}/attendance`, {
      memberIds: [outsider],
    });
    expect(notSigned.statusCode).toBe(409);

    const att = await agentA.post(`/api/v1/member-activities/${activity.id}/attendance`, {
      memberIds: [came],
    });
    expect(
      att.json().items.map((s: { customerName: string; attended: boolean }) => [s.customerName, s.attended]),
    ).toEqual([
      ['郑到场', true],
      ['冯缺席', false],
    ]);

    // Before the activity day the daily job grants nothing; the day after, it grants to who came.
    await moveClock('2026-03-07T03:00:00Z');
    expect((await kefu.deps.db.transaction((tx) => runMembersDaily(tx, kefu.clock.now()))).credited).toBe(0);
    await moveClock('2026-03-08T01:00:00Z');
    const run = await kefu.deps.db.transaction((tx) => runMembersDaily(tx, kefu.clock.now()));
    expect(run.credited).toBe(1);
    expect((await kefu.deps.db.transaction((tx) => runMembersDaily(tx, kefu.clock.now()))).credited).toBe(0);
    expect((await agentA.post(`/api/v1/member-activities/${activity.id}/grant-points`)).json()).toEqual({
      granted: 0,
    });

    const ledger = (await agentA.get(`/api/v1/members/${came}/points`)).json();
    expect(ledger.member.balance).toBe(50);
    expect(ledger.items).toMatchObject([{ kind: 'earn', points: 50, activityId: activity.id }]);
    expect((await agentA.get(`/api/v1/members/${absent}/points`)).json().member.balance).toBe(0);

    // Attendance marked late (after the grant) is credited at once, still only once.
    await agentA.post(`/api/v1/member-activities/${activity.id}/attendance`, { memberIds: [absent, came] });
    expect((await agentA.get(`/api/v1/members/${absent}/points`)).json().member.balance).toBe(50);
    expect((await agentA.get(`/api/v1/members/${came}/points`)).json().member.balance).toBe(50);

    const done = await agentA.patch(`/api/v1/member-activities/${activity.id}`, {
      state: 'held',
      summary: '到场 2 户，清洗空调 3 台',
      evaluation: '会员满意，建议秋季再办一次',
    });
    expect(done.json()).toMatchObject({ state: 'held', signedUp: 2, attended: 2, pointsOverdue: false });
    expect(done.json().pointsGrantedAt).toBeTruthy();
  });

  it('MEM-1: an activity whose points are not granted a week after it shows as overdue', async () => {
    await moveClock('2026-04-20T02:00:00Z');
    const a = (
      await agentA.post('/api/v1/member-activities', {
        unitId: org.storeA.id,
        theme: '过期未发积分',
        date: '2026-04-01',
        targetGroup: '全体会员',
        type: 'lecture',
        points: 10,
      })
    ).json();
    expect(a.pointsOverdue).toBe(true);
    const cancelled = await agentA.patch(`/api/v1/member-activities/${a.id}`, { state: 'cancelled' });
    expect(cancelled.json().pointsOverdue).toBe(false);
    expect(
      (
        await agentA.post(`/api/v1/member-activities/${a.id}/signups`, {
          memberId: await member('陈取消', '13800020009'),
        })
      ).statusCode,
    ).toBe(409);
  });

  it("MEM-2: the year's activity plan exports to Excel with its sign-ups, attendance and summary", async () => {
    const res = await agentA.get(`/api/v1/member-activities/export.xlsx?unitId=${org.storeA.id}&year=2026`);
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 7)).toEqual(['日期', '主题', '类型', '对象', '状态', '报名人数', '到场人数']);
    const rows: unknown[][] = [];
    sheet.eachRow((r, n) => {
      if (n > 1) rows.push((r.values as unknown[]).slice(1));
    });
    const spring = rows.find((r) => r[1] === '春季家电清洗日')!;
    expect(spring.slice(0, 7)).toEqual([
      '2026-03-07',
      '春季家电清洗日',
      '服务日（保养、检测）',
      '金卡及以上会员',
      '已举办',
      2,
      2,
    ]);
    expect(spring[9]).toBe('到场 2 户，清洗空调 3 台');
    expect(rows.map((r) => r[1])).toContain('中秋亲子手工');
    // Another store's agent (signed in again: the clock moved on) cannot export this store's plan.
    agentB = await kefu.login('act.agent.b', TEST_PASSWORD);
    const other = await agentB.get(`/api/v1/member-activities/export.xlsx?unitId=${org.storeA.id}&year=2026`);
    expect(other.statusCode).toBe(404);
  });
});
