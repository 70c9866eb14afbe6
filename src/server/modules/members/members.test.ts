import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { enqueueMembersDaily, runMembersDaily } from './members.jobs';
import { memberPointsEntries, members } from './members.table';

let kefu: TestKefu;
let admin: HttpSession;
let agentA: HttpSession;
let agentB: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;

async function newCustomer(session: HttpSession, unitId: string, name: string, phone: string) {
  const res = await session.post('/api/v1/customers', { unitId, name, phones: [{ number: phone }] });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function join(customerId: string, level = 'regular') {
  const res = await agentA.post('/api/v1/members', { customerId, level });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const post = (memberId: string, kind: string, points: number, reason = '测试') => {
  // One entry a minute, so the ledger's order is the order of posting.
  kefu.clock.advanceBy(60_000);
  return agentA.post(`/api/v1/members/${memberId}/points`, { kind, points, reason });
};

const dbFailure = async (p: Promise<unknown>) => {
  try {
    await p;
    return null;
  } catch (err) {
    const e = err as { message?: string; cause?: { message?: string } };
    return `${e.message ?? ''} ${e.cause?.message ?? ''}`;
  }
};

beforeAll(async () => {
  kefu = await createTestKefu();
  admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  await createUser(admin, 'mem.agent.a', org.storeA.id, 'agent');
  await createUser(admin, 'mem.agent.b', org.storeB.id, 'agent');
  agentA = await kefu.login('mem.agent.a', TEST_PASSWORD);
  agentB = await kefu.login('mem.agent.b', TEST_PASSWORD);
});
afterAll(() => kefu.close());

describe('MEM-1 member club', () => {
  it('MEM-1: a customer joins with a member number, level and joined date, once; another store sees nothing', async () => {
    const customerId = await newCustomer(agentA, org.storeA.id, '钱会员', '13800010001');
    const m = await join(customerId, 'silver');
    expect(m).toMatchObject({
      customerId,
      customerName: '钱会员',
      level: 'silver',
      joinedOn: '2026-03-02',
      balance: 0,
      unitId: org.storeA.id,
    });
    expect(m.memberNumber).toMatch(/^M\d{8}$/);
    const again = await agentA.post('/api/v1/members', { customerId });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('members.already_member');

    expect((await agentB.get(`/api/v1/members/${m.id}/points`)).statusCode).toBe(404);
    expect(
      (await agentB.post(`/api/v1/members/${m.id}/points`, { kind: 'earn', points: 5, reason: 'x' }))
        .statusCode,
    ).toBe(404);
    expect((await agentB.get('/api/v1/members')).json().items.map((x: { id: string }) => x.id)).not.toContain(
      m.id,
    );
    expect((await agentA.get('/api/v1/members?q=钱会员')).json()).toMatchObject({
      total: 1,
      items: [{ id: m.id }],
    });

    const level = await agentA.patch(`/api/v1/members/${m.id}`, { level: 'gold', reason: '年度评定' });
    expect(level.json().level).toBe('gold');
    const handbook = (await agentA.get('/api/v1/member-handbook')).json();
    expect(handbook.sections.map((s: { key: string }) => s.key)).toEqual(['rights', 'points', 'rules']);
  });

  it("MEM-1: new members are counted at month end, per month of the year, in the caller's units only", async () => {
    const joinOn = async (
      session: HttpSession,
      unitId: string,
      name: string,
      phone: string,
      joinedOn: string,
    ) => {
      const customerId = await newCustomer(session, unitId, name, phone);
      const res = await session.post('/api/v1/members', { customerId, joinedOn });
      expect(res.statusCode, res.body).toBe(201);
    };
    await joinOn(agentB, org.storeB.id, '月末甲', '13800020001', '2024-12-15');
    await joinOn(agentB, org.storeB.id, '月末乙', '13800020002', '2025-01-10');
    await joinOn(agentB, org.storeB.id, '月末丙', '13800020003', '2025-01-31');
    await joinOn(agentB, org.storeB.id, '月末丁', '13800020004', '2025-02-01');
    await joinOn(agentB, org.storeB.id, '月末戊', '13800020005', '2025-03-31');
    // Another store's member is not counted for store B.
    await joinOn(agentA, org.storeA.id, '月末己', '13800020006', '2025-01-20');

    const res = await agentB.get('/api/v1/members/monthly-counts?year=2025');
    expect(res.statusCode, res.body).toBe(200);
    const months = res.json().months as {
      month: string;
      newMembers: number;
      totalAtMonthEnd: number;
      closed: boolean;
    }[];
    expect(months).toHaveLength(12);
    expect(months.slice(0, 4)).toEqual([
      { month: '2025-01', newMembers: 2, totalAtMonthEnd: 3, closed: true },
      { month: '2025-02', newMembers: 1, totalAtMonthEnd: 4, closed: true },
      { month: '2025-03', newMembers: 1, totalAtMonthEnd: 5, closed: true },
      { month: '2025-04', newMembers: 0, totalAtMonthEnd: 5, closed: true },
    ]);
    expect(months[11]).toEqual({ month: '2025-12', newMembers: 0, totalAtMonthEnd: 5, closed: true });
    const a = (await agentA.get(`/api/v1/members/monthly-counts?year=2025&unitId=${org.storeA.id}`)).json();
    expect(a.months[0]).toMatchObject({ newMembers: 1, totalAtMonthEnd: 1 });
    // The month in progress is not closed yet: its count is up to today.
    const now = (await agentB.get('/api/v1/members/monthly-counts?year=2026')).json();
    const today = kefu.clock.now().toISOString().slice(0, 7);
    for (const m of now.months) expect(m.closed).toBe(m.month < today);
    expect((await agentB.get('/api/v1/members/monthly-counts?year=20')).statusCode).toBe(400);
  });

  it('MEM-1: earn, redeem and adjust each carry a reason; the ledger sums to the balance and spending past it is refused whole', async () => {
    const m = await join(await newCustomer(agentA, org.storeA.id, '孙积分', '13800010002'));
    expect((await post(m.id, 'earn', 100, '开业活动赠送')).json().balance).toBe(100);
    expect((await post(m.id, 'redeem', 30, '兑换保温杯')).json().balance).toBe(70);
    expect((await post(m.id, 'adjust', -20, '重复录入更正')).json().balance).toBe(50);
    expect((await post(m.id, 'adjust', 5, '补录')).json().balance).toBe(55);

    const over = await post(m.id, 'redeem', 56, '兑换电饭煲');
    expect(over.statusCode).toBe(409);
    expect(over.json().code).toBe('members.insufficient_points');
    expect((await post(m.id, 'adjust', -56, '扣减')).statusCode).toBe(409);
    const noReason = await agentA.post(`/api/v1/members/${m.id}/points`, {
      kind: 'earn',
      points: 5,
      reason: ' ',
    });
    expect(noReason.statusCode).toBe(400);
    expect((await post(m.id, 'earn', -5)).statusCode).toBe(400);

    const ledger = (await agentA.get(`/api/v1/members/${m.id}/points`)).json();
    expect(ledger.member.balance).toBe(55);
    expect(
      ledger.items.map((e: { kind: string; points: number; reason: string }) => [e.kind, e.points, e.reason]),
    ).toEqual([
      ['adjust', 5, '补录'],
      ['adjust', -20, '重复录入更正'],
      ['redeem', -30, '兑换保温杯'],
      ['earn', 100, '开业活动赠送'],
    ]);
    expect(ledger.items.reduce((s: number, e: { points: number }) => s + e.points, 0)).toBe(55);
    expect(ledger.items[3].by).toBeTruthy();
  });

  it('MEM-1: the database itself refuses a negative balance, an edited entry and a second grant for one activity', async () => {
    const m = await join(await newCustomer(agentA, org.storeA.id, '周约束', '13800010003'));
    await post(m.id, 'earn', 10, '赠送');
    const db = kefu.deps.db;
    // A redemption written past the use case: the trigger moves the balance, the CHECK refuses it.
    const overdraw = await dbFailure(
      db.insert(memberPointsEntries).values({
        memberId: m.id,
        kind: 'redeem',
        points: -11,
        reason: '绕过校验',
        at: kefu.clock.now(),
      }),
    );
    expect(overdraw).toMatch(/members_balance_not_negative/);
    expect(await dbFailure(db.update(members).set({ balance: -1 }).where(eq(members.id, m.id)))).toMatch(
      /members_balance_not_negative/,
    );
    expect(
      await dbFailure(
        db.update(memberPointsEntries).set({ points: 1000 }).where(eq(memberPointsEntries.memberId, m.id)),
      ),
    ).toMatch(/append-only/);
    expect(
      await dbFailure(db.delete(memberPointsEntries).where(eq(memberPointsEntries.memberId, m.id))),
    ).toMatch(/append-only/);
    expect(
      await dbFailure(
        db.insert(memberPointsEntries).values({
          memberId: m.id,
          kind: 'earn',
          points: 5,
          reason: '',
          remaining: 5,
          at: kefu.clock.now(),
        }),
      ),
    ).toMatch(/member_points_entries_reason_given/);

    const activity = (
      await agentA.post('/api/v1/member-activities', {
        unitId: org.storeA.id,
        theme: '家电保养讲座',
        date: '2026-03-01',
        targetGroup: '全体会员',
        type: 'lecture',
        points: 20,
      })
    ).json();
    const grant = () =>
      db.insert(memberPointsEntries).values({
        memberId: m.id,
        kind: 'earn',
        points: 20,
        reason: '活动积分',
        activityId: activity.id,
        remaining: 20,
        at: kefu.clock.now(),
      });
    await grant();
    expect(await dbFailure(grant())).toMatch(/member_points_entries_activity_key|duplicate key/);
    const [row] = await db.select({ balance: members.balance }).from(members).where(eq(members.id, m.id));
    expect(row!.balance).toBe(30);
  });

  it('MEM-1: points expire by the scheduler exactly once, taking only what is left of each lot', async () => {
    const m = await join(await newCustomer(agentA, org.storeA.id, '吴到期', '13800010004'));
    await post(m.id, 'earn', 40, '2026 年赠送');
    await post(m.id, 'redeem', 15, '兑换');
    const ledger = (await agentA.get(`/api/v1/members/${m.id}/points`)).json();
    const lot = ledger.items.find((e: { kind: string }) => e.kind === 'earn');
    // Earned in 2026 (Shanghai), valid to the end of 2027.
    expect(lot.expiresAt).toBe('2027-12-31T16:00:00.000Z');

    const db = kefu.deps.db;
    expect(await db.transaction((tx) => runMembersDaily(tx, new Date('2027-12-31T15:59:00Z')))).toMatchObject(
      {
        expiredPoints: 0,
      },
    );
    const resume = kefu.clock.now();
    kefu.clock.set(new Date('2028-01-01T01:00:00Z'));
    try {
      expect(await enqueueMembersDaily(kefu.deps)).toBe(1);
      expect(await enqueueMembersDaily(kefu.deps)).toBe(0);
      const first = await db.transaction((tx) => runMembersDaily(tx, kefu.clock.now()));
      expect(first.expiredPoints).toBeGreaterThanOrEqual(25);
      const second = await db.transaction((tx) => runMembersDaily(tx, kefu.clock.now()));
      expect(second.expiredPoints).toBe(0);
    } finally {
      kefu.clock.set(resume);
    }
    const after = (await agentA.get(`/api/v1/members/${m.id}/points`)).json();
    expect(after.member.balance).toBe(0);
    const expiries = after.items.filter((e: { kind: string }) => e.kind === 'expire');
    expect(expiries.map((e: { points: number }) => e.points)).toEqual([-25]);
  });

  it('MEM-1: the members list exports to Excel with a reason', async () => {
    const noReason = await agentA.get('/api/v1/members/export.xlsx');
    expect(noReason.statusCode).toBe(400);
    const res = await agentA.get(`/api/v1/members/export.xlsx?reason=${encodeURIComponent('年度会员回访')}`);
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('会员号');
    const names: unknown[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) names.push(row.getCell(2).value);
    });
    expect(names).toContain('孙积分');
    const [audit] = await kefu.deps.db
      .execute(sql`select count(*)::int as n from audit_log where action = 'members.exported'`)
      .then((r) => (r as unknown as { rows: { n: number }[] }).rows);
    expect(audit!.n).toBe(1);
  });
});
