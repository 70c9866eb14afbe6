/**
 * RPT-6 scheduled delivery of every report (RPT-4 lapsed customers, RPT-5 monthly satisfaction,
 * RPT-7 quality review, SLA-9 hotline) as Excel in the unit's time zone, and the bad input every
 * report route answers the same way: a reversed period 400, a unit out of scope 404, an export past
 * the row limit 413 naming the limit. This world's limit is one row per sheet (KEFU_REPORT_EXPORT_MAX_ROWS).
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../app/db';
import { jobs } from '../../jobs/jobs.table';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { careVisits } from '../care/care.table';
import { organisationUnits } from '../org/org.table';
import { qualityReviews } from '../quality/quality.table';
import { surveyInvitations, surveyResponses } from '../surveys/surveys.table';
import { deliverSubscriptions, reportsPeriodic } from './reports.jobs';

let kefu: TestKefu;
let supervisor: HttpSession;
let agent: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;

async function workbookOf(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}
const errorOf = (res: { statusCode: number; json(): { code: string; details?: unknown } }) => [
  res.statusCode,
  res.json().code,
];

/**
 * 上海徐汇店 (storeA): two customers last seen in October 2025 (lapsed by March), two satisfaction
 * answers in March's period, two scored quality reviews of March. The clock: Monday 2 March 2026.
 */
beforeAll(async () => {
  kefu = await createTestKefu({
    KEFU_REPORT_EXPORT_MAX_ROWS: '1',
    KEFU_SESSION_IDLE_MINUTES: '10080',
    KEFU_SESSION_ABSOLUTE_HOURS: '2000',
  });
  const admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  const supervisorId = (await createUser(admin, 'd_sup', org.storeA.id, 'cs_supervisor')).id;
  const agentId = (await createUser(admin, 'd_agent', org.storeA.id, 'agent')).id;
  supervisor = await kefu.login('d_sup', TEST_PASSWORD);
  agent = await kefu.login('d_agent', TEST_PASSWORD);
  const db = kefu.deps.db;
  const now = kefu.clock.now();
  for (const [name, phone] of [
    ['钱女士', '13900139001'],
    ['孙先生', '13900139002'],
  ] as const) {
    const res = await agent.post('/api/v1/customers', {
      unitId: org.storeA.id,
      name,
      phones: [{ number: phone }],
    });
    expect(res.statusCode, res.body).toBe(201);
    await db
      .insert(careVisits)
      .values({ customerId: res.json().id, lastVisitDate: '2025-10-01', updatedAt: now });
  }
  for (const [csat, at] of [
    [5, '2026-03-02T03:00:00Z'],
    [2, '2026-03-10T03:00:00Z'],
  ] as const) {
    const [inv] = await db
      .insert(surveyInvitations)
      .values({
        unitId: org.storeA.id,
        templateCode: 'default',
        title: '服务满意度回访',
        questions: [],
        subjectType: 'ticket',
        subjectId: randomUUID(),
        employeeId: agentId,
        delivery: 'call',
        idempotencyKey: randomUUID(),
        createdAt: new Date(at),
      })
      .returning({ id: surveyInvitations.id });
    await db.insert(surveyResponses).values({
      invitationId: inv!.id,
      unitId: org.storeA.id,
      employeeId: agentId,
      templateCode: 'default',
      answers: { csat },
      csat,
      detractor: csat <= 2,
      respondedAt: new Date(at),
    });
  }
  for (const [label, percent] of [
    ['20260302-0001', 92],
    ['20260302-0002', 75],
  ] as const)
    await db.insert(qualityReviews).values({
      unitId: org.storeA.id,
      subjectType: 'ticket',
      subjectId: randomUUID(),
      subjectLabel: label,
      agentId,
      reason: 'random',
      state: 'scored',
      handledAt: now,
      month: '2026-03',
      sampledBy: supervisorId,
      sampledAt: now,
      reviewerId: supervisorId,
      scoredAt: now,
      points: {},
      percent,
      finalPercent: percent,
    });
});
afterAll(() => kefu.close());

const subscribe = (report: string, frequency = 'monthly', extra: Record<string, unknown> = {}) =>
  supervisor.post('/api/v1/reports/subscriptions', {
    unitId: org.storeA.id,
    report,
    frequency,
    recipients: [`${report}@example.com`],
    ...extra,
  });

/** The job's pass with the shipped row limit (this world's HTTP limit is one row). */
const deliver = (today: string, timeZone?: string) =>
  kefu.deps.db.transaction((tx) =>
    deliverSubscriptions(
      { ...kefu.deps, config: { ...kefu.deps.config, reportExportMaxRows: 50_000 } },
      tx,
      today,
      timeZone,
    ),
  );

describe('RPT-6 scheduled delivery of every report', () => {
  it('RPT-6 / RPT-4 / RPT-5 / RPT-7 / SLA-9: lapsed customers, monthly satisfaction, quality review and hotline go out after the cut-off as their Excel workbooks, once', async () => {
    for (const report of ['lapsed', 'satisfaction', 'quality', 'hotline']) {
      const res = await subscribe(report);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ report, frequency: 'monthly', unitName: '上海徐汇店' });
    }
    // 26 March opens April's period: March (26 Feb – 25 Mar) goes out, once.
    expect(await deliver('2026-03-25')).toBe(0);
    expect(await deliver('2026-03-26', 'Asia/Shanghai')).toBe(4);
    expect(await deliver('2026-03-26')).toBe(0);
    const mails = rowsOf<{
      recipient: string;
      subject: string;
      attachments: { filename: string; contentBase64: string }[];
    }>(
      await kefu.deps.db.execute(
        sql`select recipient, subject, attachments from outbox_messages where source_type = 'report_subscription'`,
      ),
    );
    const mail = async (report: string) => {
      const m = mails.find((x) => x.recipient === `${report}@example.com`)!;
      return {
        subject: m.subject,
        filename: m.attachments[0]!.filename,
        wb: await workbookOf(Buffer.from(m.attachments[0]!.contentBase64, 'base64')),
      };
    };
    const lapsed = await mail('lapsed');
    expect(lapsed.subject).toBe('流失客户分析（上海徐汇店，2026-03）');
    const lapsedSheet = lapsed.wb.getWorksheet('流失客户分析')!;
    expect(lapsedSheet.getRow(2).values).toEqual([undefined, '上海徐汇店', 2, 0, 0, 0, 0]);
    expect(lapsedSheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

    const satisfaction = await mail('satisfaction');
    expect(satisfaction.filename).toBe('月度满意度报告-2026-03.xlsx');
    const units = satisfaction.wb.getWorksheet('单位满意度')!;
    expect(units.getCell('A2').value).toBe('上海徐汇店');
    expect(units.getCell('B2').value).toBe(2);
    expect(units.getCell('C2').value).toBe(3.5);

    const quality = await mail('quality');
    const detail = quality.wb.getWorksheet('质检明细')!;
    expect([detail.getCell('C2').value, detail.getCell('C3').value].sort()).toEqual([
      '20260302-0001',
      '20260302-0002',
    ]);
    expect(detail.getCell('J2').numFmt).toBe('0.0');

    const hotline = await mail('hotline');
    expect(hotline.subject).toBe('热线接听报表（上海徐汇店，2026-03）');
    expect(hotline.wb.getWorksheet('按小时')!.rowCount).toBe(25);
  });

  it('RPT-6: a weekly delivery covers the seven days before Monday; report-month reports refuse weekly, and types only go with ticket reports', async () => {
    const weekly = await subscribe('lapsed', 'weekly');
    expect(weekly.statusCode, weekly.body).toBe(201);
    expect(await deliver('2026-03-10')).toBe(0); // a Tuesday
    expect(await deliver('2026-03-09')).toBe(1);
    const [m] = rowsOf<{ subject: string }>(
      await kefu.deps.db.execute(
        sql`select subject from outbox_messages where source_id = ${weekly.json().id}`,
      ),
    );
    expect(m!.subject).toBe('流失客户分析（上海徐汇店，2026-03-02 至 2026-03-08）');
    expect(errorOf(await subscribe('satisfaction', 'weekly'))).toEqual([
      400,
      'reports.subscription_monthly_only',
    ]);
    expect(errorOf(await subscribe('quality', 'weekly'))).toEqual([400, 'reports.subscription_monthly_only']);
    expect(errorOf(await subscribe('hotline', 'monthly', { types: ['repair'] }))).toEqual([
      400,
      'reports.subscription_types_not_offered',
    ]);
    expect(errorOf(await subscribe('mystery'))).toEqual([400, 'validation.failed']);
    // An agent may read lapsed customers but not manage deliveries.
    const res = await agent.post('/api/v1/reports/subscriptions', {
      unitId: org.storeA.id,
      report: 'lapsed',
      frequency: 'monthly',
      recipients: ['a@example.com'],
    });
    expect(res.statusCode).toBe(403);
  });

  it('RPT-6: deliveries are planned on each unit’s own calendar day, not China time for everyone', async () => {
    await kefu.deps.db
      .update(organisationUnits)
      .set({ timezone: 'America/Los_Angeles' })
      .where(eq(organisationUnits.id, org.storeB.id));
    const admin = await kefu.login('admin');
    await createUser(admin, 'd_sup_b', org.storeB.id, 'cs_supervisor');
    const supB = await kefu.login('d_sup_b', TEST_PASSWORD);
    const res = await supB.post('/api/v1/reports/subscriptions', {
      unitId: org.storeB.id,
      report: 'hotline',
      frequency: 'weekly',
      recipients: ['la@example.com'],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((await subscribe('hotline', 'weekly')).statusCode).toBe(201);
    // 2 March 10:00 in Shanghai is still Sunday 1 March in Los Angeles.
    await reportsPeriodic(kefu.deps);
    const planned = await kefu.deps.db
      .select({ id: jobs.id })
      .from(jobs)
      .where(like(jobs.id, 'reports:deliver:%'));
    expect(planned.map((j) => j.id).sort()).toEqual([
      'reports:deliver:2026-03-01:America/Los_Angeles',
      'reports:deliver:2026-03-02:Asia/Shanghai',
    ]);
    // Shanghai's Monday pass sends storeA's weekly report but not the Los Angeles store's: its Monday comes with its own pass.
    const sentToLa = async () =>
      rowsOf<{ n: number }>(
        await kefu.deps.db.execute(
          sql`select count(*)::int as n from outbox_messages where source_id = ${res.json().id}`,
        ),
      )[0]!.n;
    await deliver('2026-03-02', 'Asia/Shanghai');
    expect(await sentToLa()).toBe(0);
    expect(await deliver('2026-03-02', 'America/Los_Angeles')).toBe(1);
    expect(await sentToLa()).toBe(1);
  });
});

describe('RPT-4 / RPT-5 / RPT-7 / SLA-9 / CMP-10 bad input on every report route', () => {
  it('RPT-4: a reversed period is 400, another store 404, an export past the row limit 413 naming the limit', async () => {
    expect(
      errorOf(await supervisor.get('/api/v1/care/reports/lapsed?from=2026-03-10&to=2026-03-01')),
    ).toEqual([400, 'reports.range_reversed']);
    expect(
      errorOf(
        await supervisor.get(
          `/api/v1/care/reports/lapsed?unitId=${org.storeB.id}&from=2026-03-01&to=2026-03-10`,
        ),
      ),
    ).toEqual([404, 'org.unit_not_found']);
    const big = await supervisor.get(
      `/api/v1/care/reports/lapsed.xlsx?unitId=${org.storeA.id}&from=2026-03-01&to=2026-03-10`,
    );
    expect(errorOf(big)).toEqual([413, 'reports.export_too_large']);
    expect(big.json()).toMatchObject({ details: { max: 1 } });
    expect(big.json().message).toContain('1 行');
  });

  it('RPT-5: a month that does not exist is 400, another store 404, an export past the row limit 413', async () => {
    expect(errorOf(await supervisor.get('/api/v1/surveys/monthly-report?month=2026-13'))).toEqual([
      400,
      'validation.failed',
    ]);
    expect(
      errorOf(await supervisor.get(`/api/v1/surveys/monthly-report?unitId=${org.storeB.id}&month=2026-03`)),
    ).toEqual([404, 'org.unit_not_found']);
    const big = await supervisor.get(
      `/api/v1/surveys/monthly-report.xlsx?unitId=${org.storeA.id}&month=2026-03`,
    );
    expect(errorOf(big)).toEqual([413, 'reports.export_too_large']);
  });

  it('RPT-7: the month’s quality review exports; another store is 404; past the row limit 413', async () => {
    expect(
      errorOf(await supervisor.get(`/api/v1/quality/figures.xlsx?unitId=${org.storeB.id}&month=2026-03`)),
    ).toEqual([404, 'org.unit_not_found']);
    expect(errorOf(await supervisor.get('/api/v1/quality/figures.xlsx?month=2026-3'))).toEqual([
      400,
      'validation.failed',
    ]);
    const big = await supervisor.get(`/api/v1/quality/figures.xlsx?unitId=${org.storeA.id}&month=2026-03`);
    expect(errorOf(big)).toEqual([413, 'reports.export_too_large']);
    // A month within the limit exports.
    const small = await supervisor.get(`/api/v1/quality/figures.xlsx?unitId=${org.storeA.id}&month=2026-02`);
    expect(small.statusCode, small.body).toBe(200);
    expect((await workbookOf(small.rawPayload)).getWorksheet('质检明细')!.getRow(1).values).toContain(
      '最终得分',
    );
  });

  it('SLA-9: a reversed period is 400, another store 404, an export past the row limit 413', async () => {
    expect(
      errorOf(await supervisor.get('/api/v1/telephony/hotline/export.xlsx?from=2026-03-10&to=2026-03-01')),
    ).toEqual([400, 'reports.range_reversed']);
    expect(
      errorOf(
        await supervisor.get(
          `/api/v1/telephony/hotline?unitId=${org.storeB.id}&from=2026-03-01&to=2026-03-10`,
        ),
      ),
    ).toEqual([404, 'org.unit_not_found']);
    expect(
      errorOf(await supervisor.get('/api/v1/telephony/hotline/export.xlsx?from=2026-03-01&to=2026-03-10')),
    ).toEqual([413, 'reports.export_too_large']);
  });

  it('CMP-10: the one nonconformity report — reversed period 400, another store 404, past the row limit 413; the old complaints route is gone', async () => {
    expect(
      errorOf(await supervisor.get('/api/v1/reports/nonconformity?from=2026-03-10&to=2026-03-01')),
    ).toEqual([400, 'reports.range_reversed']);
    expect(errorOf(await supervisor.get(`/api/v1/reports/nonconformity?unitId=${org.storeB.id}`))).toEqual([
      404,
      'org.unit_not_found',
    ]);
    expect(
      errorOf(await supervisor.get(`/api/v1/reports/nonconformity/export.xlsx?unitId=${org.storeA.id}`)),
    ).toEqual([413, 'reports.export_too_large']);
    expect(
      (await supervisor.get(`/api/v1/complaints/nonconformity?unitId=${org.storeA.id}`)).statusCode,
    ).toBe(404);
  });

  it('RPT-6: every report route answers a unit outside the scope with the product’s one 404 code, org.unit_not_found', async () => {
    const b = org.storeB.id;
    const routes = [
      `/api/v1/dashboard?unitId=${b}`,
      `/api/v1/reports/monthly?unitId=${b}`,
      `/api/v1/reports/assessment?unitId=${b}`,
      `/api/v1/reports/nonconformity?unitId=${b}`,
      `/api/v1/reports/monthly/export.xlsx?unitId=${b}`,
      `/api/v1/reports/analyses?unitId=${b}&period=2026-03`,
      `/api/v1/care/reports/lapsed?unitId=${b}&from=2026-03-01&to=2026-03-10`,
      `/api/v1/care/reports/lapsed.xlsx?unitId=${b}&from=2026-03-01&to=2026-03-10`,
      `/api/v1/surveys/results?unitId=${b}`,
      `/api/v1/surveys/monthly-report?unitId=${b}&month=2026-03`,
      `/api/v1/surveys/monthly-report.xlsx?unitId=${b}&month=2026-03`,
      `/api/v1/quality/figures?unitId=${b}&month=2026-03`,
      `/api/v1/quality/figures.xlsx?unitId=${b}&month=2026-03`,
      `/api/v1/telephony/hotline?unitId=${b}&from=2026-03-01&to=2026-03-10`,
      `/api/v1/telephony/hotline/export.xlsx?unitId=${b}&from=2026-03-01&to=2026-03-10`,
    ];
    const answers = await Promise.all(
      routes.map(async (url) => [url, ...errorOf(await supervisor.get(url))]),
    );
    expect(answers).toEqual(routes.map((url) => [url, 404, 'org.unit_not_found']));
  });
});
