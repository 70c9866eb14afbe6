import { inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { contacts } from '../contacts/contacts.table';
import { refreshRollups } from '../reports/reports.service';

const TOKEN = 'telephony-hotline-token-0123456789';
let kefu: TestKefu;
let admin: HttpSession;
let supervisor: HttpSession;
let agentA: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
let agentAId: string;
let agentBId: string;

/** A call event as the integration posts it (bearer token, explicit instants). */
async function event(event: string, callId: string, agentExtension: string, at: string) {
  const res = await kefu.app.inject({
    method: 'POST',
    url: '/api/v1/telephony/events',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    payload: { event, callId, callerNumber: '13800138000', agentExtension, at },
  });
  expect(res.statusCode, res.body).toBe(202);
  return res.json() as { contactId: string | null };
}

/**
 * Hand-built day in 上海徐汇店 (Asia/Shanghai, UTC+8), 2 March 2026:
 *  h1 09:00:00 rings A, answered after 10 s      → in target
 *  h2 09:30:00 rings A, answered after 20 s      → late
 *  h3 10:10:00 rings A, caller hangs up at 30 s  → abandoned
 *  h4 10:20:00 rings B, answered after 15 s      → in target (exactly three rings)
 *  h5 11:00:00 rings B, still ringing            → neither answered nor abandoned yet
 *  h6 00:30 on 3 March (local)                   → outside the range
 *  b1 in 成都春熙店                               → outside the unit
 */
beforeAll(async () => {
  kefu = await createTestKefu({ KEFU_TELEPHONY_TOKEN: TOKEN });
  admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  agentAId = (await createUser(admin, 'hl.agent.a', org.storeA.id, 'agent')).id;
  agentBId = (await createUser(admin, 'hl.agent.b', org.storeA.id, 'agent')).id;
  const agentCId = (await createUser(admin, 'hl.agent.c', org.storeB.id, 'agent')).id;
  await createUser(admin, 'hl.sup', org.storeA.id, 'cs_supervisor');
  supervisor = await kefu.login('hl.sup', TEST_PASSWORD);
  agentA = await kefu.login('hl.agent.a', TEST_PASSWORD);
  for (const [id, ext] of [
    [agentAId, '6001'],
    [agentBId, '6002'],
    [agentCId, '6101'],
  ] as const)
    expect(
      (await admin.request('PUT', `/api/v1/telephony/extensions/${id}`, { extension: ext })).statusCode,
    ).toBe(200);
  const day = '2026-03-02T';
  await event('ringing', 'h1', '6001', `${day}01:00:00Z`);
  await event('answered', 'h1', '6001', `${day}01:00:10Z`);
  await event('ended', 'h1', '6001', `${day}01:02:00Z`);
  await event('ringing', 'h2', '6001', `${day}01:30:00Z`);
  await event('answered', 'h2', '6001', `${day}01:30:20Z`);
  await event('ended', 'h2', '6001', `${day}01:31:00Z`);
  await event('ringing', 'h3', '6001', `${day}02:10:00Z`);
  await event('ended', 'h3', '6001', `${day}02:10:30Z`);
  await event('ringing', 'h4', '6002', `${day}02:20:00Z`);
  await event('answered', 'h4', '6002', `${day}02:20:15Z`);
  await event('ended', 'h4', '6002', `${day}02:25:00Z`);
  await event('ringing', 'h5', '6002', `${day}03:00:00Z`);
  await event('ringing', 'h6', '6001', `${day}16:30:00Z`);
  await event('ended', 'h6', '6001', `${day}16:30:40Z`);
  await event('ringing', 'b1', '6101', `${day}01:00:00Z`);
  await event('ended', 'b1', '6101', `${day}01:00:05Z`);
  // The report reads the hotline rollup; the scheduler's refresh pass brings it up to date.
  await refreshRollups(kefu.deps);
});
afterAll(() => kefu.close());

const report = (s: HttpSession, query: string) => s.get(`/api/v1/telephony/hotline?${query}`);

describe('SLA-9 hotline report', () => {
  it('SLA-9: answer time runs from ringing to answered; the abandoned call counts; figures match the hand-built day', async () => {
    const res = await report(supervisor, `unitId=${org.storeA.id}&from=2026-03-02&to=2026-03-02`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({
      unit: { id: org.storeA.id, name: '上海徐汇店' },
      timeZone: 'Asia/Shanghai',
      targetSeconds: 15,
      calls: 4,
      answered: 3,
      abandoned: 1,
      ringingNow: 1,
      answeredInTarget: 2,
      answeredInTargetRate: 0.5,
      averageAnswerSeconds: 15,
      // Talk time of the answered calls that ended: 110 s, 40 s, 285 s.
      averageTalkSeconds: 145,
      pendingDays: 0,
    });
    expect(r.asOf).not.toBeNull();
    expect(r.byHour).toHaveLength(24);
    expect(r.byHour[9]).toEqual({ hour: 9, calls: 2, answered: 2, abandoned: 0, answeredInTargetRate: 0.5 });
    expect(r.byHour[10]).toEqual({
      hour: 10,
      calls: 2,
      answered: 1,
      abandoned: 1,
      answeredInTargetRate: 0.5,
    });
    expect(r.byHour.reduce((n: number, h: { calls: number }) => n + h.calls, 0)).toBe(4);
    expect(r.byAgent).toEqual([
      {
        agentId: agentAId,
        name: 'hl.agent.a',
        calls: 3,
        answered: 2,
        abandoned: 1,
        answeredInTargetRate: 0.3333,
        averageAnswerSeconds: 15,
        averageTalkSeconds: 75,
      },
      {
        agentId: agentBId,
        name: 'hl.agent.b',
        calls: 1,
        answered: 1,
        abandoned: 0,
        answeredInTargetRate: 1,
        averageAnswerSeconds: 15,
        averageTalkSeconds: 285,
      },
    ]);
  });

  it('SLA-9: the ringing instant is stored on the call’s contact-log row; the abandoned call is logged as missed', async () => {
    const log = (await supervisor.get(`/api/v1/contacts?unitId=${org.storeA.id}&pageSize=50`)).json();
    const byCall = new Map(
      (log.items as { callId: string; summary: string; durationSeconds: number | null }[]).map((c) => [
        c.callId,
        c,
      ]),
    );
    expect(byCall.get('h3')).toMatchObject({ summary: '未接来电', durationSeconds: 0 });
    expect(byCall.get('h1')).toMatchObject({ durationSeconds: 110 });
    expect(byCall.get('h5')).toMatchObject({ summary: '来电振铃', durationSeconds: null });
    const rows = await kefu.deps.db
      .select({ callId: contacts.callId, ringingAt: contacts.ringingAt, answeredAt: contacts.answeredAt })
      .from(contacts)
      .where(inArray(contacts.callId, ['h1', 'h3']))
      .orderBy(contacts.callId);
    expect(
      rows.map((r) => [r.callId, r.ringingAt?.toISOString(), r.answeredAt?.toISOString() ?? null]),
    ).toEqual([
      ['h1', '2026-03-02T01:00:00.000Z', '2026-03-02T01:00:10.000Z'],
      ['h3', '2026-03-02T02:10:00.000Z', null],
    ]);
  });

  it('SLA-9: the range is local dates of the unit; the next local day and another store stay out; an agent filter narrows', async () => {
    const next = (await report(supervisor, `unitId=${org.storeA.id}&from=2026-03-03&to=2026-03-03`)).json();
    expect(next).toMatchObject({ calls: 1, abandoned: 1 });
    expect(next.byHour[0].calls).toBe(1);
    const both = (await report(supervisor, `unitId=${org.storeA.id}&from=2026-03-01&to=2026-03-03`)).json();
    expect(both.calls).toBe(5);
    const onlyB = (
      await report(supervisor, `unitId=${org.storeA.id}&from=2026-03-02&to=2026-03-02&agentId=${agentBId}`)
    ).json();
    expect(onlyB).toMatchObject({ calls: 1, answered: 1, answeredInTargetRate: 1 });
    const all = (await report(admin, 'from=2026-03-02&to=2026-03-02')).json();
    expect(all).toMatchObject({ unit: null, calls: 5, abandoned: 2 });
  });

  it('SLA-9: a reversed or impossible range is 400 with a stable code; another store is 404; an agent may not read it', async () => {
    const reversed = await report(supervisor, `unitId=${org.storeA.id}&from=2026-03-05&to=2026-03-01`);
    expect([reversed.statusCode, reversed.json().code]).toEqual([400, 'reports.range_reversed']);
    const impossible = await report(supervisor, 'from=2026-02-30&to=2026-03-01');
    expect([impossible.statusCode, impossible.json().code]).toEqual([400, 'reports.date_invalid']);
    const tooLong = await report(supervisor, 'from=2024-01-01&to=2026-03-01');
    expect([tooLong.statusCode, tooLong.json().code]).toEqual([400, 'telephony.hotline_range_too_long']);
    const garbled = await report(supervisor, 'from=yesterday&to=2026-03-01');
    expect([garbled.statusCode, garbled.json().code]).toEqual([400, 'validation.failed']);
    const outside = await report(supervisor, `unitId=${org.storeB.id}&from=2026-03-02&to=2026-03-02`);
    expect([outside.statusCode, outside.json().code]).toEqual([404, 'org.unit_not_found']);
    expect((await report(agentA, 'from=2026-03-02&to=2026-03-02')).statusCode).toBe(403);
  });

  it('SLA-9: 立即更新 brings a call rung since the last pass into the figures; an agent may not run it', async () => {
    const q = `unitId=${org.storeA.id}&from=2026-03-04&to=2026-03-04`;
    await event('ringing', 'r1', '6001', '2026-03-04T01:00:00Z');
    await event('answered', 'r1', '6001', '2026-03-04T01:00:05Z');
    const before = (await report(supervisor, q)).json();
    expect(before.calls).toBe(0);
    expect(before.pendingDays).toBeGreaterThan(0);
    expect((await agentA.post('/api/v1/telephony/hotline/refresh', {})).statusCode).toBe(403);
    const refreshed = await supervisor.post('/api/v1/telephony/hotline/refresh', {});
    expect(refreshed.statusCode, refreshed.body).toBe(200);
    expect(refreshed.json()).toMatchObject({ pendingDays: 0, asOf: expect.any(String) });
    const after = (await report(supervisor, q)).json();
    expect([after.calls, after.answered, after.pendingDays]).toEqual([1, 1, 0]);
  });

  it('SLA-9: the Excel export has frozen headers, filters, widths, number formats and the report’s figures', async () => {
    const res = await supervisor.get(
      `/api/v1/telephony/hotline/export.xlsx?unitId=${org.storeA.id}&from=2026-03-02&to=2026-03-02`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['汇总', '按小时', '按坐席']);
    const summary = book.getWorksheet('汇总')!;
    expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(summary.autoFilter).toBeTruthy();
    expect(summary.getRow(1).getCell(4).value).toBe('来电数');
    expect(summary.getRow(2).getCell(1).value).toBe('上海徐汇店');
    expect([4, 5, 6, 7].map((c) => summary.getRow(2).getCell(c).value)).toEqual([4, 3, 1, 2]);
    expect(summary.getRow(2).getCell(8).value).toBe(0.5);
    expect(summary.getRow(2).getCell(8).numFmt).toBe('0.0%');
    expect(summary.getColumn(1).width).toBe(18);
    const agents = book.getWorksheet('按坐席')!;
    expect(agents.getRow(2).getCell(1).value).toBe('hl.agent.a');
    expect(agents.getRow(2).getCell(4).value).toBe(1);
    const hours = book.getWorksheet('按小时')!;
    expect(hours.rowCount).toBe(25);
    expect(hours.getRow(11).getCell(1).value).toBe('09:00–10:00');
    expect(hours.getRow(11).getCell(2).value).toBe(2);
    const audit = (await admin.get('/api/v1/audit?action=telephony.hotline_exported')).json();
    expect(JSON.stringify(audit)).toContain('telephony.hotline_exported');
  });
});
