import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUnit, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, HttpSession, type TestKefu } from '../../test/test-app';

let kefu: TestKefu;
let admin: HttpSession;
let member: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;

const daysOf = (s: HttpSession, unitId: string, from: string, to: string) =>
  s.get(`/api/v1/calendars/${unitId}/non-working-days?from=${from}&to=${to}`);

beforeAll(async () => {
  kefu = await createTestKefu();
  admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  // A member of store A's engineering department: no calendar right, scope = the department only.
  await createUser(admin, 'nwd_member', org.storeAEngineering.id, 'department_member');
  member = await kefu.login('nwd_member', TEST_PASSWORD);
});
afterAll(() => kefu.close());

describe('non-working days for date pickers (SLA-1)', () => {
  it('SLA-1: headquarters observes National Day and 调休; the store trades through it but closes for its stock-taking', async () => {
    const hq = await daysOf(admin, org.hq.id, '2025-09-27', '2025-10-12');
    expect(hq.statusCode, hq.body).toBe(200);
    const off = hq.json().days as { date: string; kind: string; name: string | null }[];
    expect(off.map((d) => d.date)).toEqual([
      '2025-09-27',
      '2025-10-01',
      '2025-10-02',
      '2025-10-03',
      '2025-10-04',
      '2025-10-05',
      '2025-10-06',
      '2025-10-07',
      '2025-10-08',
      '2025-10-12',
    ]); // 09-28 and 10-11 are 调休 working weekends
    expect(off[1]).toEqual({ date: '2025-10-01', kind: 'holiday', name: '国庆节' });
    expect(hq.json()).toMatchObject({ timeZone: 'Asia/Shanghai', missingYears: [] });

    // A store on the store default trades every day and through official holidays …
    const mall = await createUnit(admin, org.east.id, 'store', '上海正大店', { calendar: 'kind_default' });
    expect((await daysOf(admin, mall.id, '2025-09-27', '2025-10-12')).json().days).toEqual([]);
    // … and store A (on the office calendar it inherits) closes a day of its own for stock-taking.
    const closed = await admin.request('PUT', `/api/v1/calendars/${org.storeA.id}`, {
      exceptions: { '2026-03-18': { kind: 'closed', name: '盘点' } },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const march = (await daysOf(admin, org.storeA.id, '2026-03-16', '2026-03-22')).json().days;
    expect(march).toEqual([
      { date: '2026-03-18', kind: 'closed', name: '盘点' },
      { date: '2026-03-21', kind: 'rest', name: null },
      { date: '2026-03-22', kind: 'rest', name: null },
    ]);
  });

  it('SLA-1 / ORG-1: a department member reads the store above them (a store ticket’s committed date), not another store', async () => {
    const own = await daysOf(member, org.storeA.id, '2026-03-16', '2026-03-20');
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().days.map((d: { date: string }) => d.date)).toEqual(['2026-03-18']);
    expect((await daysOf(member, org.storeAEngineering.id, '2026-03-01', '2026-03-31')).statusCode).toBe(200);
    const other = await daysOf(member, org.storeB.id, '2026-03-01', '2026-03-31');
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('org.unit_not_found');
    const unknown = await daysOf(member, '00000000-0000-4000-8000-000000000000', '2026-03-01', '2026-03-31');
    expect(unknown.statusCode).toBe(404);
    expect(
      (await daysOf(new HttpSession(kefu.app), org.storeA.id, '2026-03-01', '2026-03-31')).statusCode,
    ).toBe(401);
  });

  it('SLA-1: a range that ends before it starts or spans more than 400 days is refused with its code; 400 days are fine', async () => {
    const reversed = await daysOf(member, org.storeA.id, '2026-03-31', '2026-03-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().code).toBe('calendar.range_reversed');
    const tooLong = await daysOf(member, org.storeA.id, '2026-01-01', '2027-02-05'); // 401 days
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().code).toBe('calendar.range_too_long');
    const longest = await daysOf(member, org.storeA.id, '2026-01-01', '2027-02-04'); // 400 days
    expect(longest.statusCode, longest.body).toBe(200);
    expect(longest.json().missingYears).toEqual([2027]);
    expect((await daysOf(member, org.storeA.id, '2026-03-01', '2026-03-01')).statusCode).toBe(200);
    // Not a date, a date that does not exist, an unknown field: 400 from the schema.
    expect((await daysOf(member, org.storeA.id, 'today', '2026-03-01')).statusCode).toBe(400);
    expect((await daysOf(member, org.storeA.id, '2026-02-30', '2026-03-01')).statusCode).toBe(400);
    const extra = await member.get(
      `/api/v1/calendars/${org.storeA.id}/non-working-days?from=2026-03-01&to=2026-03-02&x=1`,
    );
    expect(extra.statusCode).toBe(400);
  });
});
