import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHINA_OFFICIAL_YEARS } from '../../../domain/calendar';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';

// The bundled schedule's last year, and the first year it does not know.
const LAST = Math.max(...CHINA_OFFICIAL_YEARS);
const UNKNOWN = LAST + 1;

describe('dashboard: a year without the official holidays (SLA-1)', () => {
  let kefu: TestKefu;
  let admin: HttpSession;
  let org: Awaited<ReturnType<typeof buildOrganisation>>;

  beforeAll(async () => {
    kefu = await createTestKefu();
    admin = await kefu.login('admin');
    org = await buildOrganisation(admin);
    await createUser(admin, 'h_sup', org.storeA.id, 'cs_supervisor');
  });
  afterAll(async () => kefu?.close());

  const warningsAt = async (instant: string) => {
    // The clock jumps months: each look signs in afresh, as a person would.
    kefu.clock.set(new Date(instant));
    const supervisor = await kefu.login('h_sup', TEST_PASSWORD);
    const res = await supervisor.get(`/api/v1/dashboard?unitId=${org.storeA.id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().calendarWarnings as { years: number[]; message: string; href: string }[];
  };

  it(`SLA-1: from October the dashboard warns that ${UNKNOWN}'s holidays are not loaded, not before`, async () => {
    expect(await warningsAt(`${LAST}-06-15T02:00:00Z`)).toEqual([]);
    const december = await warningsAt(`${LAST}-12-07T02:00:00Z`);
    expect(december).toHaveLength(1);
    expect(december[0]).toMatchObject({ years: [UNKNOWN], href: `/calendar?unitId=${org.storeA.id}` });
    expect(december[0]!.message).toContain(`${UNKNOWN} 年的法定节假日安排尚未导入`);
  });

  it(`SLA-1: importing ${UNKNOWN}'s arrangement at the company clears the store's warning`, async () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      `DTSTART;VALUE=DATE:${UNKNOWN}0101`,
      'SUMMARY:元旦',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    kefu.clock.set(new Date(`${LAST}-12-07T02:00:00Z`));
    admin = await kefu.login('admin');
    const imported = await admin.post(`/api/v1/calendars/${org.hq.id}/ics/import`, { ics });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(await warningsAt(`${LAST}-12-07T02:00:00Z`)).toEqual([]);
  });
});
