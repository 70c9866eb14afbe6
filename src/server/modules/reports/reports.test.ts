import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../app/db';
import { createComplaintsWorld, type Ticket } from '../complaints/complaints.test-world';
import { deliverSubscriptions } from './reports.jobs';

let w: Awaited<ReturnType<typeof createComplaintsWorld>>;
beforeAll(async () => {
  w = await createComplaintsWorld();
});
afterAll(() => w.kefu.close());

const refresh = async () => {
  const res = await w.supervisor.post('/api/v1/reports/refresh');
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { asOf: string | null; daysRefreshed: number };
};
const count = (rows: { name: string; count: number }[], name: string) =>
  rows.find((r) => r.name === name)?.count ?? 0;

async function workbookOf(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

describe('RPT-2 monthly complaint analysis', () => {
  it('RPT-2: counts by type, channel, cause, product and department come from the rollups once refreshed, with the lag shown', async () => {
    const storeA = w.org.storeA.id;
    const before = (await w.supervisor.get(`/api/v1/reports/monthly?unitId=${storeA}`)).json();
    // Monday 2 March 2026 is in the period cut on the 25th: 26 February – 25 March.
    expect(before.range).toEqual({ label: '2026-03', from: '2026-02-26', to: '2026-03-25' });
    expect(before.cutOffDay).toBe(25);

    const a = await w.create({ subject: '沙发起球', channel: 'phone' });
    await w.putComplaint(a.id, {
      product: 'A100 布艺沙发',
      cause: '面料起球',
      defect: '起球',
      productCaused: true,
    });
    const b = await w.create({ subject: '送货磕碰', channel: 'walk_in', type: 'hard_complaint' });
    await w.putComplaint(b.id, { product: '实木餐桌', cause: '送货磕碰', productCaused: false });
    await w.create({ subject: '问营业时间', type: 'consultation_direct' });

    // Not refreshed yet: the page still shows the old numbers and how many days wait.
    const stale = (await w.supervisor.get(`/api/v1/reports/monthly?unitId=${storeA}`)).json();
    expect(stale.totals.tickets).toBe(before.totals.tickets);
    expect(stale.pendingDays).toBeGreaterThan(0);

    const refreshed = await refresh();
    expect(refreshed.asOf).toBe(w.kefu.clock.now().toISOString());
    const res = await w.supervisor.get(`/api/v1/reports/monthly?unitId=${storeA}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.asOf).toBe(refreshed.asOf);
    expect(r.pendingDays).toBe(0);
    expect(r.totals.tickets).toBe(before.totals.tickets + 3);
    expect(r.totals.complaints).toBe(before.totals.complaints + 2);
    expect(count(r.byType, '硬性投诉') - count(before.byType, '硬性投诉')).toBe(1);
    expect(count(r.byChannel, '来访') - count(before.byChannel, '来访')).toBe(1);
    expect(count(r.byCause, '面料起球') - count(before.byCause, '面料起球')).toBe(1);
    expect(count(r.byProduct, '实木餐桌') - count(before.byProduct, '实木餐桌')).toBe(1);
    expect(r.trend).toHaveLength(7);
    expect(r.trend.at(-1)).toMatchObject({ label: '2026-03', tickets: r.totals.tickets });
    expect(r.trend[0]).toMatchObject({ label: '2025-09', from: '2025-08-26', to: '2025-09-25' });

    // Drill-down: the tickets behind the cause.
    const drill = await w.supervisor.get(
      `/api/v1/reports/tickets?unitId=${storeA}&period=2026-03&cause=${encodeURIComponent('面料起球')}`,
    );
    expect(drill.statusCode, drill.body).toBe(200);
    expect(drill.json().items.map((t: { id: string }) => t.id)).toContain(a.id);
    expect(drill.json().items.map((t: { id: string }) => t.id)).not.toContain(b.id);
  });

  it('RPT-2: customer evaluations (SAT-2) of the period are counted', async () => {
    const t = await w.create({});
    await w.resolve(t.id);
    const ev = await w.act(w.agentA, t.id, 'evaluation', { result: 'basically_satisfied' });
    expect(ev.statusCode, ev.body).toBe(200);
    await refresh();
    const r = (await w.supervisor.get(`/api/v1/reports/monthly?unitId=${w.org.storeA.id}`)).json();
    expect(count(r.evaluations, '基本满意')).toBe(1);
  });

  it('RPT-2: the cut-off day is a company setting; 29 is refused with a stable code', async () => {
    const bad = await w.admin.request('PUT', '/api/v1/reports/settings', { cutOffDay: 29 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('reports.cut_off_day_invalid');
    const ok = await w.admin.request('PUT', '/api/v1/reports/settings', { cutOffDay: 31 });
    expect(ok.statusCode, ok.body).toBe(200);
    const r = (
      await w.supervisor.get(`/api/v1/reports/monthly?unitId=${w.org.storeA.id}&period=2026-02`)
    ).json();
    expect(r.range).toEqual({ label: '2026-02', from: '2026-02-01', to: '2026-02-28' });
    await w.admin.request('PUT', '/api/v1/reports/settings', { cutOffDay: 25 });
  });

  it('RPT-2: the analysis is a versioned, signed monthly record; a signed version never changes', async () => {
    const unitId = w.org.storeA.id;
    const first = await w.supervisor.post('/api/v1/reports/analyses', {
      unitId,
      period: '2026-03',
      body: '本月投诉以面料起球为主。',
    });
    expect(first.statusCode, first.body).toBe(201);
    const second = await w.supervisor.post('/api/v1/reports/analyses', {
      unitId,
      period: '2026-03',
      body: '本月投诉以面料起球为主，已要求供应商整改。',
    });
    expect(second.json().version).toBe(2);
    expect((await w.supervisor.post(`/api/v1/reports/analyses/${first.json().id}/sign`)).json().code).toBe(
      'reports.analysis_not_latest',
    );
    const signed = await w.supervisor.post(`/api/v1/reports/analyses/${second.json().id}/sign`);
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ version: 2, signedBy: 'c_supervisor' });
    const again = await w.supervisor.post(`/api/v1/reports/analyses/${second.json().id}/sign`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('reports.analysis_already_signed');
    const history = (await w.gm.get(`/api/v1/reports/analyses?unitId=${unitId}&period=2026-03`)).json();
    expect(history.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(history.versions[1]).toMatchObject({
      body: '本月投诉以面料起球为主。',
      createdBy: 'c_supervisor',
      signedAt: null,
    });
    // An agent reads nothing of it; a general manager reads but does not write.
    expect(
      (await w.agentA.post('/api/v1/reports/analyses', { unitId, period: '2026-03', body: 'x' })).statusCode,
    ).toBe(403);
    expect(
      (await w.gm.post('/api/v1/reports/analyses', { unitId, period: '2026-03', body: 'x' })).statusCode,
    ).toBe(403);
    const audit = rowsOf<{ action: string }>(
      await w.kefu.deps.db.execute(sql`select action from audit_log where subject_type = 'report_analysis'`),
    ).map((r) => r.action);
    expect(audit.filter((a) => a === 'reports.analysis_saved')).toHaveLength(2);
    expect(audit).toContain('reports.analysis_signed');
  });

  it('RPT-2: a period ending before it starts is a 400 with a stable code; a unit outside scope is 404', async () => {
    const reversed = await w.supervisor.get(
      `/api/v1/reports/monthly?unitId=${w.org.storeA.id}&from=2026-03-10&to=2026-03-01`,
    );
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().code).toBe('reports.range_reversed');
    const impossible = await w.supervisor.get(`/api/v1/reports/assessment?from=2026-02-30&to=2026-03-01`);
    expect(impossible.json().code).toBe('reports.date_invalid');
    const yearZero = await w.supervisor.get(`/api/v1/reports/monthly?period=0000-01`);
    expect(yearZero.statusCode).toBe(400);
    expect(yearZero.json().code).toBe('reports.date_invalid');
    for (const path of ['monthly', 'assessment', 'nonconformity', 'tickets'])
      expect((await w.supervisor.get(`/api/v1/reports/${path}?unitId=${w.org.storeB.id}`)).statusCode).toBe(
        404,
      );
    expect(
      (await w.supervisor.get(`/api/v1/reports/analyses?unitId=${w.org.storeB.id}&period=2026-03`))
        .statusCode,
    ).toBe(404);
  });
});

describe('RPT-3 department assessment', () => {
  it('RPT-3: on-time rate per department and step from ended targets, each breach linked to its ticket, with the accountability split', async () => {
    const reply = {
      findings: '现场查看：地漏反坡',
      rootCause: '找坡工序未验收',
      correctiveAction: { kind: 'rework', text: '重新找坡' },
      preventiveAction: '纳入隐蔽工程验收',
      committedDate: '2026-03-20',
      responsiblePersonId: w.ids.c_dept_member,
    };
    const onTime: Ticket = await w.create({
      type: 'rectification',
      rectificationKind: 'engineering',
      subject: '卫生间积水',
    });
    const late: Ticket = await w.create({
      type: 'rectification',
      rectificationKind: 'engineering',
      subject: '阳台渗水',
    });
    const replied = await w.act(w.deptMember, onTime.id, 'department-replies', reply);
    expect(replied.statusCode, replied.body).toBe(200);
    w.kefu.clock.advanceBy(4 * 86_400_000); // past the 2-working-day reply deadline
    const lateReply = await w.act(w.deptMember, late.id, 'department-replies', reply);
    expect(w.target(lateReply.json(), 'department_reply').state).toBe('met_late');
    await refresh();

    const res = await w.gm.get(`/api/v1/reports/assessment?unitId=${w.org.storeA.id}&period=2026-03`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    const row = r.rows.find(
      (x: { departmentName: string; step: string }) =>
        x.departmentName === '工程部' && x.step === 'department_reply',
    );
    expect(row).toMatchObject({ onTime: 1, late: 1, onTimeRate: 0.5, accountable: 'business_department' });
    const breach = r.breaches.find(
      (x: { ticketId: string; step: string }) => x.ticketId === late.id && x.step === 'department_reply',
    );
    expect(breach).toMatchObject({ departmentName: '工程部', state: 'met_late' });
    expect(
      r.breaches.some(
        (x: { ticketId: string; step: string }) => x.ticketId === onTime.id && x.step === 'department_reply',
      ),
    ).toBe(false);
    const dept = r.departments.find((d: { departmentName: string }) => d.departmentName === '工程部');
    expect(dept.complaints).toBeGreaterThanOrEqual(2);
    // The type filter narrows the assessment: no rectification among consultations.
    const consultations = (
      await w.gm.get(
        `/api/v1/reports/assessment?unitId=${w.org.storeA.id}&period=2026-03&types=consultation_direct`,
      )
    ).json();
    expect(consultations.rows.some((x: { step: string }) => x.step === 'department_reply')).toBe(false);
  });
});

describe('CMP-10 nonconformity statistics', () => {
  it('CMP-10: product-caused complaints by product, defect and cause, with drill-down to the tickets', async () => {
    const t = await w.create({ subject: '餐桌开裂' });
    await w.putComplaint(t.id, {
      product: '实木餐桌',
      cause: '木材含水率高',
      defect: '开裂',
      productCaused: true,
    });
    const notProduct = await w.create({ subject: '餐桌划痕' });
    await w.putComplaint(notProduct.id, {
      product: '实木餐桌',
      cause: '送货磕碰',
      defect: '划痕',
      productCaused: false,
    });
    await refresh();
    const r = (await w.qm.get(`/api/v1/reports/nonconformity?unitId=${w.org.storeA.id}`)).json();
    expect(r.rows).toContainEqual({ product: '实木餐桌', defect: '开裂', cause: '木材含水率高', count: 1 });
    expect(r.byCause.some((c: { name: string }) => c.name === '送货磕碰')).toBe(false);
    expect(count(r.byDefect, '开裂')).toBe(1);
    const drill = (
      await w.qm.get(
        `/api/v1/reports/tickets?unitId=${w.org.storeA.id}&productCaused=true&complaintsOnly=true&defect=${encodeURIComponent('开裂')}`,
      )
    ).json();
    expect(drill.items.map((x: { id: string }) => x.id)).toEqual([t.id]);
  });
});

describe('RPT-6 Excel export, print and scheduled delivery', () => {
  it('RPT-6: the monthly analysis exports to Excel with frozen header, filter, widths and percent format', async () => {
    const res = await w.supervisor.get(
      `/api/v1/reports/monthly/export.xlsx?unitId=${w.org.storeA.id}&period=2026-03`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = await workbookOf(res.rawPayload);
    const byCause = wb.getWorksheet('按原因')!;
    expect(byCause.getRow(1).values).toEqual([undefined, '原因', '数量', '占比']);
    expect(byCause.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(byCause.autoFilter).toBeTruthy();
    expect(byCause.getColumn(1).width).toBe(28);
    const rows = byCause.getSheetValues().slice(2) as unknown as [undefined, string, number, number][];
    expect(rows.find((x) => x[1] === '面料起球')?.[2]).toBeGreaterThanOrEqual(1);
    expect(byCause.getCell('C2').numFmt).toBe('0.0%');
    const shares = rows.reduce((s, x) => s + x[3], 0);
    expect(shares).toBeCloseTo(1, 6);
    const analysis = wb.getWorksheet('月度分析')!;
    expect(analysis.getCell('A2').value).toBe(2);
    expect(String(analysis.getCell('E2').value)).toContain('供应商整改');

    const assessment = await w.gm.get(
      `/api/v1/reports/assessment/export.xlsx?unitId=${w.org.storeA.id}&period=2026-03`,
    );
    expect(assessment.statusCode, assessment.body).toBe(200);
    const sheet = (await workbookOf(assessment.rawPayload)).getWorksheet('部门及时率')!;
    expect(sheet.getCell('D2').numFmt).toBe('0.0%');
    // Export needs reports.export; the period rule holds here as well.
    expect(
      (await w.agentA.get(`/api/v1/reports/monthly/export.xlsx?unitId=${w.org.storeA.id}`)).statusCode,
    ).toBe(403);
    expect(
      (await w.gm.get(`/api/v1/reports/nonconformity/export.xlsx?from=2026-03-05&to=2026-03-01`)).json().code,
    ).toBe('reports.range_reversed');
  });

  it('RPT-6: a monthly subscription mails the closed period as an Excel attachment once, through the outbox', async () => {
    const created = await w.supervisor.post('/api/v1/reports/subscriptions', {
      unitId: w.org.storeA.id,
      report: 'monthly',
      frequency: 'monthly',
      recipients: ['manager@example.com', 'GM@example.com'],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect((await w.supervisor.get('/api/v1/reports/subscriptions')).json().items).toHaveLength(1);
    const db = w.kefu.deps.db;
    // 26 March is the first day of the April period: March's closed period goes out.
    expect(await db.transaction((tx) => deliverSubscriptions(w.kefu.deps, tx, '2026-03-25'))).toBe(0);
    expect(await db.transaction((tx) => deliverSubscriptions(w.kefu.deps, tx, '2026-03-26'))).toBe(2);
    expect(await db.transaction((tx) => deliverSubscriptions(w.kefu.deps, tx, '2026-03-26'))).toBe(0);
    const mails = rowsOf<{
      recipient: string;
      subject: string;
      attachments: { filename: string; contentBase64: string }[];
    }>(
      await db.execute(
        sql`select recipient, subject, attachments from outbox_messages where source_type = 'report_subscription'`,
      ),
    );
    expect(mails.map((m) => m.recipient).sort()).toEqual(['gm@example.com', 'manager@example.com']);
    expect(mails[0]!.subject).toContain('2026-03');
    const wb = await workbookOf(Buffer.from(mails[0]!.attachments[0]!.contentBase64, 'base64'));
    expect(wb.getWorksheet('按原因')!.getRow(1).values).toEqual([undefined, '原因', '数量', '占比']);
    // Someone outside the unit cannot see or remove it.
    const other = await w.kefu.login('c_qm_b', 'Passw0rd!test');
    expect(
      (await other.request('DELETE', `/api/v1/reports/subscriptions/${created.json().id}`)).statusCode,
    ).toBe(403);
    expect(
      (await w.supervisor.request('DELETE', `/api/v1/reports/subscriptions/${created.json().id}`)).statusCode,
    ).toBe(204);
  });
});
