import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LapsedReport } from '../../../shared/care-reports';
import { rowsOf } from '../../app/db';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { customers } from '../customers/customers.table';
import { careTasks, careVisits } from './care.table';

describe('lapsed-customer analysis (RPT-4)', () => {
  let kefu: TestKefu;
  let gm: HttpSession;
  let supervisor: HttpSession;
  let org: Awaited<ReturnType<typeof buildOrganisation>>;
  const period = 'from=2026-03-01&to=2026-03-31';

  beforeAll(async () => {
    kefu = await createTestKefu({ KEFU_SESSION_IDLE_MINUTES: '10080', KEFU_SESSION_ABSOLUTE_HOURS: '2000' });
    const admin = await kefu.login('admin');
    org = await buildOrganisation(admin);
    await createUser(admin, 'l_gm', org.hq.id, 'general_manager');
    await createUser(admin, 'l_sup', org.storeA.id, 'cs_supervisor');
    gm = await kefu.login('l_gm', TEST_PASSWORD);
    supervisor = await kefu.login('l_sup', TEST_PASSWORD);

    const db = kefu.deps.db;
    const at = new Date('2026-02-01T00:00:00Z');
    const customer = async (name: string, unitId: string, lastVisit: string | null) => {
      const [c] = await db
        .insert(customers)
        .values({ unitId, name, createdAt: at, updatedAt: at })
        .returning({ id: customers.id });
      if (lastVisit)
        await db.insert(careVisits).values({ customerId: c!.id, lastVisitDate: lastVisit, updatedAt: at });
      return c!.id;
    };
    const task = async (
      customerId: string,
      unitId: string,
      created: string,
      fields: { ruleCode?: string; state?: string; outcome?: string | null },
    ) => {
      const createdAt = new Date(`${created}T02:00:00Z`);
      await db.insert(careTasks).values({
        unitId,
        customerId,
        ruleCode: fields.ruleCode ?? 'lapsed_recall_120',
        ruleName: '120天未到店：流失回厂邀约',
        channel: 'call',
        purpose: 'marketing',
        script: '您好，好久没见到您了',
        occurrenceKey: `${customerId}:${created}:${fields.ruleCode ?? 'lapsed'}`,
        sourceType: 'customer',
        sourceId: customerId,
        dueAt: createdAt,
        dueDate: created,
        state: (fields.state ?? 'done') as 'done',
        outcome: (fields.outcome ?? null) as 'reached_satisfied' | null,
        createdAt,
        updatedAt: createdAt,
      });
    };
    // Store A: two lapsed customers recalled in March (one reached, one still open), one recalled who
    // came back on 20 March, one recent visitor with only a birthday call, one lapsed recalled in February.
    const c1 = await customer('老客户一', org.storeA.id, '2025-10-01');
    await task(c1, org.storeA.id, '2026-03-05', { outcome: 'reached_satisfied' });
    const c2 = await customer('回厂客户', org.storeA.id, '2026-03-20');
    await task(c2, org.storeA.id, '2026-03-03', { outcome: 'reached_issue' });
    const c3 = await customer('老客户三', org.storeA.id, '2025-11-01');
    await task(c3, org.storeA.id, '2026-03-10', { state: 'open' });
    const c4 = await customer('常来客户', org.storeA.id, '2026-01-15');
    await task(c4, org.storeA.id, '2026-03-08', {
      ruleCode: 'birthday_greeting',
      outcome: 'reached_satisfied',
    });
    const c5 = await customer('二月已回访', org.storeA.id, '2025-09-01');
    await task(c5, org.storeA.id, '2026-02-20', { outcome: 'no_answer', state: 'open' });
    await customer('从未到店', org.storeA.id, null);
    // Store B: one lapsed customer whose three calls went unanswered (SMS sent instead).
    const c6 = await customer('成都老客户', org.storeB.id, '2025-08-01');
    await task(c6, org.storeB.id, '2026-03-12', { outcome: 'no_answer', state: 'sms_fallback' });
  });
  afterAll(() => kefu.close());

  const report = async (who: HttpSession, query: string) => {
    const res = await who.get(`/api/v1/care/reports/lapsed?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as LapsedReport;
  };

  it('RPT-4: lapsed customers, recalls, results and win-back rate per unit match the hand-built data', async () => {
    const r = await report(gm, period);
    const a = r.units.find((u) => u.unitId === org.storeA.id)!;
    expect(a).toMatchObject({
      lapsed: 3, // 老客户一, 老客户三, 二月已回访 (the one who came back and the regular are not)
      recalls: 3,
      recalledCustomers: 3,
      reached: 2,
      wonBack: 1,
      winBackRate: 0.3333,
      results: { reached_satisfied: 1, reached_issue: 1, open: 1 },
    });
    const b = r.units.find((u) => u.unitId === org.storeB.id)!;
    expect(b).toMatchObject({
      lapsed: 1,
      recalls: 1,
      reached: 0,
      wonBack: 0,
      winBackRate: 0,
      results: { no_answer: 1 },
    });
    expect(r.total).toMatchObject({
      lapsed: 4,
      recalls: 4,
      recalledCustomers: 4,
      reached: 2,
      wonBack: 1,
      winBackRate: 0.25,
    });
    expect(r.units.map((u) => u.unitId).sort()).toEqual([org.storeA.id, org.storeB.id].sort());
  });

  it('RPT-4: the lapsed count agrees with a brute-force count over every customer', async () => {
    const r = await report(gm, period);
    const rows = rowsOf<{ unit_id: string; last: string | null }>(
      await kefu.deps.db.execute(
        sql`select c.unit_id, v.last_visit_date::text as last from customers c left join care_visits v on v.customer_id = c.id`,
      ),
    );
    const cutoff = Date.parse('2026-03-31T00:00:00Z') - 120 * 86_400_000;
    const brute = rows.filter((c) => c.last !== null && Date.parse(`${c.last}T00:00:00Z`) < cutoff);
    expect(r.total.lapsed).toBe(brute.length);
    for (const u of r.units) expect(u.lapsed).toBe(brute.filter((c) => c.unit_id === u.unitId).length);
  });

  it('RPT-4: a unit filter narrows, a unit outside the scope is 404, a reversed period is 400', async () => {
    const b = await report(gm, `${period}&unitId=${org.storeB.id}`);
    expect(b.units.map((u) => u.unitId)).toEqual([org.storeB.id]);
    expect(b.total.recalls).toBe(1);
    const own = await report(supervisor, period);
    expect(own.units.map((u) => u.unitId)).toEqual([org.storeA.id]);
    const outside = await supervisor.get(`/api/v1/care/reports/lapsed?${period}&unitId=${org.storeB.id}`);
    expect(outside.statusCode).toBe(404);
    const reversed = await gm.get('/api/v1/care/reports/lapsed?from=2026-03-31&to=2026-03-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().code).toBe('reports.range_reversed');
    const badDate = await gm.get('/api/v1/care/reports/lapsed?from=2026-02-30&to=2026-03-01');
    expect(badDate.statusCode).toBe(400);
  });

  it('RPT-4: the Excel export has a frozen header, auto-filter, widths and number formats, and is audited', async () => {
    const res = await gm.get(`/api/v1/care/reports/lapsed.xlsx?${period}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('流失客户分析')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getRow(1).getCell(1).value).toBe('单位');
    expect(sheet.getColumn(1).width).toBe(24);
    const total = sheet.getRow(sheet.rowCount);
    expect(total.getCell(1).value).toBe('合计');
    expect(total.getCell(2).value).toBe(4);
    expect(total.getCell(7).value).toBe(0.25);
    expect(total.getCell(7).numFmt).toBe('0.0%');
    const audit = rowsOf<{ n: number }>(
      await kefu.deps.db.execute(
        sql`select count(*)::int as n from audit_log where action = 'care.lapsed_report_exported'`,
      ),
    );
    expect(audit[0]!.n).toBe(1);
  });
});
