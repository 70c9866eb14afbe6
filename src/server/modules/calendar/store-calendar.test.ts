import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnit, type UnitRef } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { auditLog } from '../audit/audit.table';

let kefu: TestKefu;
let admin: HttpSession;
let hq: UnitRef;
let hqDept: UnitRef;
let store: UnitRef;
let storeDesk: UnitRef;

const at = (local: string) => new Date(`${local}+08:00`);
const iso = (local: string) => at(local).toISOString();

interface Target {
  key: string;
  dueAt: string | null;
  countsIn: {
    basis: string;
    calendar: {
      unitId: string;
      unitName: string;
      hours: string;
      holidays: string;
      publicHolidays: string;
    } | null;
  } | null;
}

beforeAll(async () => {
  kefu = await createTestKefu();
  admin = await kefu.login('admin');
  hq = ((await admin.get('/api/v1/units')).json().items as UnitRef[]).find((u) => u.path.length === 1)!;
  const region = await createUnit(admin, hq.id, 'region', '华北区域', { calendar: 'kind_default' });
  hqDept = await createUnit(admin, hq.id, 'department', '总部客服中心', { calendar: 'kind_default' });
  store = await createUnit(admin, region.id, 'store', '朝阳门店', { calendar: 'kind_default' });
  storeDesk = await createUnit(admin, store.id, 'department', '朝阳门店服务台', { calendar: 'kind_default' });
});
afterAll(() => kefu.close());

/** Moves the clock to a Shanghai wall time; a session does not survive months, so sign in again. */
async function setClock(localTime: string) {
  kefu.clock.set(at(localTime));
  admin = await kefu.login('admin');
}

async function intake(unitId: string, localTime: string, type = 'soft_complaint') {
  await setClock(localTime);
  const res = await admin.post('/api/v1/tickets', {
    unitId,
    type,
    channel: 'walk_in',
    subject: '店员态度不好，顾客要求道歉',
  });
  expect(res.statusCode, res.body).toBe(201);
  const detail = await admin.get(`/api/v1/tickets/${res.json().id}`);
  expect(detail.statusCode, detail.body).toBe(200);
  const targets = detail.json().slaTargets as Target[];
  return (key: string) => targets.find((t) => t.key === key)!;
}

describe('store calendars through the real intake', () => {
  it('SLA-4: a soft complaint logged in a store at 17:50 on a Saturday is due 18:05 that Saturday', async () => {
    const target = await intake(store.id, '2026-12-05T17:50:00');
    expect(target('first_response').dueAt).toBe(iso('2026-12-05T18:05:00'));
    expect(target('verification').dueAt).toBe(iso('2026-12-05T18:20:00'));
    expect(target('first_response').countsIn).toEqual({
      basis: 'working_time',
      calendar: expect.objectContaining({
        unitId: store.id,
        unitName: '朝阳门店',
        hours: '每天 09:30–21:00',
        holidays: '法定节假日照常营业',
        publicHolidays: 'work',
      }),
    });
  });

  it('SLA-4: the store counts on a public holiday too, and stops at closing time', async () => {
    const target = await intake(store.id, '2026-10-01T20:50:00');
    // 10 minutes before closing, 5 the next morning from 09:30.
    expect(target('first_response').dueAt).toBe(iso('2026-10-02T09:35:00'));
  });

  it('SLA-1: headquarters still counts Mon–Fri 09:00–12:00/13:30–18:00 with official holidays and 调休', async () => {
    const saturday = await intake(hqDept.id, '2026-12-05T17:50:00');
    expect(saturday('first_response').dueAt).toBe(iso('2026-12-07T09:15:00'));
    expect(saturday('first_response').countsIn?.calendar).toMatchObject({
      unitId: hq.id,
      hours: '周一至周五 09:00–12:00、13:30–18:00',
      publicHolidays: 'observe',
    });
    const nationalDay = await intake(hqDept.id, '2026-10-01T10:00:00');
    expect(nationalDay('first_response').dueAt).toBe(iso('2026-10-08T09:15:00'));
    const makeUpSaturday = await intake(hqDept.id, '2026-10-10T11:50:00');
    // 调休 Saturday: 10 minutes before lunch, 5 after it.
    expect(makeUpSaturday('first_response').dueAt).toBe(iso('2026-10-10T13:35:00'));
  });

  it("SLA-1: a department inside a store counts in the store's hours", async () => {
    const target = await intake(storeDesk.id, '2026-12-06T19:00:00');
    expect(target('first_response').dueAt).toBe(iso('2026-12-06T19:15:00'));
    expect(target('first_response').countsIn?.calendar?.unitName).toBe('朝阳门店');
  });

  it('SLA-1: a new store gets the store default (audited); inherit keeps the parent calendar', async () => {
    await setClock('2026-12-04T10:00:00');
    const cal = (await admin.get(`/api/v1/calendars/${store.id}`)).json();
    expect(cal.own.publicHolidays).toBe('work');
    expect(cal.effective.publicHolidays).toBe('work');
    expect(cal.effective.weekly.sat).toEqual([{ start: 570, end: 1260 }]);
    expect(cal.warnings).toEqual([]);
    const audit = await kefu.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, store.id), eq(auditLog.action, 'calendar.defaulted')));
    expect(audit).toHaveLength(1);

    const officeStore = await createUnit(admin, hq.id, 'store', '写字楼展厅', { calendar: 'inherit' });
    const inherited = (await admin.get(`/api/v1/calendars/${officeStore.id}`)).json();
    expect(inherited.own).toMatchObject({ weekly: null, publicHolidays: null });
    expect(inherited.effective.publicHolidays).toBe('observe');
    expect(inherited.effective.weekly.sat).toBeUndefined();
  });

  it('SLA-1: a department inside a store can observe holidays again; a bad choice is refused', async () => {
    await setClock('2026-12-04T10:00:00');
    const own = (await admin.get(`/api/v1/calendars/${storeDesk.id}`)).json().own;
    const res = await admin.request('PUT', `/api/v1/calendars/${storeDesk.id}`, {
      ...own,
      publicHolidays: 'observe',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().effective.publicHolidays).toBe('observe');
    const bad = await admin.request('PUT', `/api/v1/calendars/${storeDesk.id}`, {
      publicHolidays: 'sometimes',
    });
    expect(bad.statusCode).toBe(400);
    const target = await intake(storeDesk.id, '2026-10-01T10:00:00');
    expect(target('first_response').dueAt).toBe(iso('2026-10-08T09:45:00'));
  });

  it('SLA-1: the SLA settings show which calendar each target counts in', async () => {
    await setClock('2026-12-04T10:00:00');
    const res = await admin.get(`/api/v1/sla/policies?unitId=${store.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.calendar).toMatchObject({ unitName: '朝阳门店', hours: '每天 09:30–21:00' });
    for (const policy of body.effective as {
      targets: { allowed: { unit: string } }[];
      countsIn: Target['countsIn'][];
    }[]) {
      expect(policy.countsIn).toHaveLength(policy.targets.length);
      policy.targets.forEach((t, i) => {
        const basis = policy.countsIn[i]!.basis;
        if (t.allowed.unit.startsWith('working_')) expect(basis).toBe('working_time');
        else if (t.allowed.unit.startsWith('calendar_')) expect(basis).toBe('calendar_time');
        else expect(basis).toBe('committed_date');
      });
    }
    const hard = (body.effective as { ticketType: string; countsIn: Target['countsIn'][] }[]).find(
      (p) => p.ticketType === 'hard_complaint',
    )!;
    expect(hard.countsIn.map((c) => c!.basis)).toContain('working_time');
  });
});
