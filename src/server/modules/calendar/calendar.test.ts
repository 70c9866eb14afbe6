import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUser } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';

let kefu: TestKefu;
let admin: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
const put = (s: HttpSession, url: string, body: unknown) => s.request('PUT', url, body);
const SUNDAY = [{ start: 600, end: 1080 }];

beforeAll(async () => {
  kefu = await createTestKefu();
  admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
});
afterAll(() => kefu.close());

describe('calendars API', () => {
  it('SLA-1: the company default is the China calendar and warns about a year without official data', async () => {
    const res = await admin.get(`/api/v1/calendars/${org.hq.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.effective.timeZone).toBe('Asia/Shanghai');
    expect(body.effective.weekly.mon).toEqual([
      { start: 540, end: 720 },
      { start: 810, end: 1080 },
    ]);
    expect(body.effective.weekly.sun).toBeUndefined();
    expect(body.officialYears).toContain(2026);
    // The test clock is in March 2026; the bundled data ends with 2026.
    expect(body.missingYears).toEqual([2027]);
    expect(body.warnings[0]).toMatchObject({ code: 'sla.calendar_missing_year', years: [2027] });
    expect(body.own).toEqual({
      timeZone: null,
      weekly: null,
      exceptions: {},
      officialYears: [],
      publicHolidays: null,
    });
  });

  it('SLA-1: a region opens its stores on Sundays; a store inherits it and the year view shows it', async () => {
    const res = await put(admin, `/api/v1/calendars/${org.east.id}`, { weekly: { sun: SUNDAY } });
    expect(res.statusCode).toBe(200);
    const storeA = (await admin.get(`/api/v1/calendars/${org.storeA.id}`)).json();
    expect(storeA.effective.weekly.sun).toEqual(SUNDAY);
    expect(storeA.inheritsFrom).toEqual([org.east.id]);
    expect(
      (await admin.get(`/api/v1/calendars/${org.storeB.id}`)).json().effective.weekly.sun,
    ).toBeUndefined();

    const year = (await admin.get(`/api/v1/calendars/${org.storeA.id}/year/2025`)).json();
    const day = (d: string) => year.days.find((x: { date: string }) => x.date === d);
    expect(year.days).toHaveLength(365);
    expect(day('2025-03-02')).toMatchObject({ kind: 'working', periods: SUNDAY }); // a Sunday
    expect(day('2025-10-01')).toMatchObject({ kind: 'holiday', name: '国庆节', source: 'official' });
    expect(day('2025-09-28')).toMatchObject({ kind: 'makeup', source: 'official' });
    expect(day('2025-03-01')).toMatchObject({ kind: 'rest' }); // Saturday stays closed

    // The store's own half day and closure override the inherited calendar; the audit trail has the change.
    const own = await put(admin, `/api/v1/calendars/${org.storeA.id}`, {
      exceptions: {
        '2025-03-03': { kind: 'half_day', name: '盘点', periods: [{ start: 540, end: 720 }] },
        '2025-03-04': { kind: 'closed', name: '装修' },
      },
    });
    expect(own.statusCode).toBe(200);
    const y2 = (await admin.get(`/api/v1/calendars/${org.storeA.id}/year/2025`)).json();
    expect(y2.days.find((x: { date: string }) => x.date === '2025-03-03')).toMatchObject({
      kind: 'half',
      source: 'unit',
    });
    expect(y2.days.find((x: { date: string }) => x.date === '2025-03-04')).toMatchObject({
      kind: 'closed',
      name: '装修',
    });
    const audit = (
      await admin.get(`/api/v1/audit?subjectType=unit_calendar&subjectId=${org.storeA.id}`)
    ).json();
    expect(audit.items[0].action).toBe('calendar.updated');
  });

  it('SLA-1: overlapping periods are refused with the calendar core code (422)', async () => {
    const res = await put(admin, `/api/v1/calendars/${org.storeB.id}`, {
      weekly: {
        mon: [
          { start: 540, end: 720 },
          { start: 700, end: 1080 },
        ],
      },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'calendar.overlapping_periods' });
    expect(res.json().message).toMatch(/[\u4e00-\u9fff]/);
    const tz = await put(admin, `/api/v1/calendars/${org.storeB.id}`, { timeZone: 'Mars/Olympus' });
    expect(tz.json().code).toBe('calendar.invalid_time_zone');
  });

  it('SLA-1: ICS preview, import of a new year (clears the warning) and export', async () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20270101',
      'DTEND;VALUE=DATE:20270102',
      'SUMMARY:元旦',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20270207',
      'SUMMARY:春节补班',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const bad = await admin.post(`/api/v1/calendars/${org.hq.id}/ics/preview`, {
      ics: 'hello, not a calendar',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('calendar.ics_invalid');

    const preview = await admin.request('POST', `/api/v1/calendars/${org.hq.id}/ics/preview`, ics, {
      'content-type': 'text/calendar',
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({
      count: 2,
      years: [2027],
      exceptions: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-02-07', kind: 'makeup_workday' },
      ],
    });
    // Preview saved nothing.
    expect((await admin.get(`/api/v1/calendars/${org.hq.id}`)).json().missingYears).toEqual([2027]);

    const imported = await admin.post(`/api/v1/calendars/${org.hq.id}/ics/import`, { ics });
    expect(imported.statusCode).toBe(200);
    expect(imported.json().calendar.missingYears).toEqual([]);
    const year = (await admin.get(`/api/v1/calendars/${org.storeB.id}/year/2027`)).json();
    expect(year.officialData).toBe(true);
    expect(year.days.find((d: { date: string }) => d.date === '2027-02-07').kind).toBe('makeup');

    const exported = await admin.get(`/api/v1/calendars/${org.storeB.id}/ics/export?year=2027`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toMatch(/text\/calendar/);
    expect(exported.body).toContain('DTSTART;VALUE=DATE:20270101');
  });

  it('ORG-1: units outside the caller’s scope answer 404; reading is not managing', async () => {
    await createUser(admin, 'cal_mgr_b', org.storeB.id, 'store_manager');
    const managerB = await kefu.login('cal_mgr_b', 'Passw0rd!test');
    expect((await managerB.get(`/api/v1/calendars/${org.storeA.id}`)).statusCode).toBe(404);
    expect((await managerB.get(`/api/v1/calendars/${org.storeB.id}`)).statusCode).toBe(200);
    const write = await put(managerB, `/api/v1/calendars/${org.storeB.id}`, { weekly: { sun: SUNDAY } });
    expect(write.statusCode).toBe(403);
  });
});
