import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImprovementAction, MonthlyReport } from '../../../shared/satisfaction-reports';
import { rowsOf } from '../../app/db';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { careTasks } from '../care/care.table';
import { customers } from '../customers/customers.table';
import { surveyInvitations, surveyResponses } from './surveys.table';

const HOUR = 3_600_000;

describe('monthly satisfaction report and improvement plan (RPT-5, SAT-4)', () => {
  let kefu: TestKefu;
  let gm: HttpSession;
  let supervisor: HttpSession;
  let org: Awaited<ReturnType<typeof buildOrganisation>>;
  let agentA: string;
  let agentB: string;
  let supervisorId: string;
  const ticketIds: string[] = [];

  beforeAll(async () => {
    kefu = await createTestKefu({ KEFU_SESSION_IDLE_MINUTES: '10080', KEFU_SESSION_ABSOLUTE_HOURS: '2000' });
    const admin = await kefu.login('admin');
    org = await buildOrganisation(admin);
    await createUser(admin, 'm_gm', org.hq.id, 'general_manager');
    supervisorId = (await createUser(admin, 'm_sup', org.storeA.id, 'cs_supervisor')).id;
    agentA = (await createUser(admin, 'm_agent_a', org.storeA.id, 'agent')).id;
    agentB = (await createUser(admin, 'm_agent_b', org.storeB.id, 'agent')).id;
    gm = await kefu.login('m_gm', TEST_PASSWORD);
    supervisor = await kefu.login('m_sup', TEST_PASSWORD);
    const agent = await kefu.login('m_agent_a', TEST_PASSWORD);
    const db = kefu.deps.db;

    // Survey answers: the March period runs 26 Feb – 25 March (cut on the 25th).
    const answer = async (unitId: string, employeeId: string, at: string, csat: number | null) => {
      const when = new Date(at);
      const [inv] = await db
        .insert(surveyInvitations)
        .values({
          unitId,
          templateCode: 'default',
          title: '服务满意度回访',
          questions: [],
          subjectType: 'ticket',
          subjectId: crypto.randomUUID(),
          employeeId,
          delivery: 'call',
          idempotencyKey: crypto.randomUUID(),
          createdAt: when,
        })
        .returning({ id: surveyInvitations.id });
      if (csat === null) return;
      await db.insert(surveyResponses).values({
        invitationId: inv!.id,
        unitId,
        employeeId,
        templateCode: 'default',
        answers: { csat },
        csat,
        detractor: csat <= 2,
        respondedAt: when,
      });
    };
    await answer(org.storeA.id, agentA, '2026-03-02T03:00:00Z', 5);
    await answer(org.storeA.id, agentA, '2026-03-10T03:00:00Z', 4);
    await answer(org.storeA.id, agentA, '2026-03-20T03:00:00Z', 2);
    await answer(org.storeA.id, agentA, '2026-03-21T03:00:00Z', null); // invited, not answered
    await answer(org.storeB.id, agentB, '2026-02-27T03:00:00Z', 5);
    await answer(org.storeA.id, agentA, '2026-02-10T03:00:00Z', 3); // February's period
    await answer(org.storeA.id, agentA, '2026-03-27T03:00:00Z', 1); // April's period

    // Handling: three tickets taken in by agent A on Monday 2 March.
    for (const subject of ['当天解决', '转部门处理', '解决后重开']) {
      const res = await agent.post('/api/v1/tickets', {
        unitId: org.storeA.id,
        channel: 'phone',
        type: 'consultation_direct',
        subject,
      });
      expect(res.statusCode, res.body).toBe(201);
      ticketIds.push(res.json().id);
    }
    const received = kefu.clock.now().getTime();
    const resolve = (id: string, hours: number, department: string | null) =>
      db.execute(sql`update tickets set state = 'resolved', resolved_at = ${new Date(received + hours * HOUR)},
        assignee_department_id = ${department} where id = ${id}`);
    await resolve(ticketIds[0]!, 2, null);
    await resolve(ticketIds[1]!, 26, org.storeAEngineering.id);
    await resolve(ticketIds[2]!, 4, null);
    await db.execute(sql`insert into ticket_events (ticket_id, type, actor_id, at, visibility, body)
      values (${ticketIds[2]!}, 'state_changed', ${agentA}, ${new Date(received + 3 * HOUR)}, 'internal',
              '{"from": "resolved", "to": "in_progress"}'::jsonb)`);

    // Care follow-ups due in March: two finished, one still open, one folded into another.
    const [c] = await db
      .insert(customers)
      .values({
        unitId: org.storeA.id,
        name: '回访客户',
        createdAt: new Date(received),
        updatedAt: new Date(received),
      })
      .returning({ id: customers.id });
    for (const [i, state] of (['done', 'refused', 'open', 'merged'] as const).entries()) {
      const due = new Date(Date.parse('2026-03-05T02:00:00Z') + i * 24 * HOUR);
      await db.insert(careTasks).values({
        unitId: org.storeA.id,
        customerId: c!.id,
        ruleCode: 'after_repair',
        ruleName: '维修后回访',
        channel: 'call',
        purpose: 'service',
        script: '您好',
        occurrenceKey: `k${i}`,
        sourceType: 'ticket',
        sourceId: String(i),
        dueAt: due,
        dueDate: due.toISOString().slice(0, 10),
        state,
        createdAt: due,
        updatedAt: due,
      });
    }
  });
  afterAll(() => kefu.close());

  const report = async (who: HttpSession, query: string) => {
    const res = await who.get(`/api/v1/surveys/monthly-report?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as MonthlyReport;
  };

  it('RPT-5 / SAT-4: the month cut on the 25th, per unit and employee, with the trend, matches hand-built answers', async () => {
    const r = await report(gm, 'month=2026-03');
    expect(r.period).toEqual({ label: '2026-03', from: '2026-02-26', to: '2026-03-25' });
    expect(r.summary).toMatchObject({
      responses: 4,
      csatAverage: 4,
      detractors: 1,
      invited: 5,
      responseRate: 0.8,
    });
    expect(r.units.find((u) => u.unitId === org.storeA.id)).toMatchObject({
      responses: 3,
      csatAverage: 3.67,
    });
    expect(r.units.find((u) => u.unitId === org.storeB.id)).toMatchObject({ responses: 1, csatAverage: 5 });
    expect(r.trend).toHaveLength(6);
    expect(r.trend.at(-1)).toMatchObject({ label: '2026-03', responses: 4, csatAverage: 4 });
    expect(r.trend.at(-2)).toMatchObject({ label: '2026-02', responses: 1, csatAverage: 3 });
    expect(r.employees.find((e) => e.employeeId === agentB)).toMatchObject({ responses: 1, resolved: 0 });
  });

  it('RPT-5 / RPT-2: the months follow the company’s configured cut-off day, not a fixed 25th', async () => {
    const admin = await kefu.login('admin');
    const set = await admin.request('PUT', `/api/v1/reports/settings?unitId=${org.hq.id}`, { cutOffDay: 20 });
    expect(set.statusCode, set.body).toBe(200);
    try {
      const march = await report(gm, 'month=2026-03');
      expect(march.period).toEqual({ label: '2026-03', from: '2026-02-21', to: '2026-03-20' });
      // The page says "每月 20 日截止" from this, not a fixed 25th.
      expect(march.cutOffDay).toBe(20);
      // 27 Feb, 2, 10 and 20 March are March's; the invitation of 21 March moves to April.
      expect(march.summary).toMatchObject({ responses: 4, invited: 4, responseRate: 1 });
      expect(march.trend.at(-2)).toMatchObject({ label: '2026-02', from: '2026-01-21', to: '2026-02-20' });
      const april = await report(gm, 'month=2026-04');
      expect(april.summary).toMatchObject({ responses: 1, invited: 2, detractors: 1 });
    } finally {
      await admin.request('PUT', `/api/v1/reports/settings?unitId=${org.hq.id}`, { cutOffDay: 25 });
    }
  });

  it('RPT-5: follow-up completion, first-contact resolution and average handling time per agent', async () => {
    const r = await report(gm, 'month=2026-03');
    expect(r.followUps).toEqual({ due: 3, completed: 2, completionRate: 0.6667 });
    expect(r.employees.find((e) => e.employeeId === agentA)).toMatchObject({
      responses: 3,
      detractors: 1,
      resolved: 3,
      firstContactResolved: 1, // the one sent to a department and the reopened one do not count
      firstContactRate: 0.3333,
      averageHandlingHours: 10.7, // (2 + 26 + 4) / 3
    });
    // Brute force: the first-contact tickets read back one by one.
    const rows = rowsOf<{ id: string; dept: string | null; same_day: boolean; reopened: boolean }>(
      await kefu.deps.db.execute(sql`select t.id, t.assignee_department_id as dept,
        (t.resolved_at at time zone 'Asia/Shanghai')::date = (t.received_at at time zone 'Asia/Shanghai')::date as same_day,
        exists (select 1 from ticket_events e where e.ticket_id = t.id and e.body ->> 'from' = 'resolved') as reopened
        from tickets t where t.intake_agent_id = ${agentA}`),
    );
    expect(rows.filter((t) => !t.dept && t.same_day && !t.reopened).map((t) => t.id)).toEqual([ticketIds[0]]);
  });

  it('SAT-4: an improvement action is tracked to done, every change audited; the report shows it', async () => {
    const created = await supervisor.post('/api/v1/surveys/improvement-actions', {
      unitId: org.storeA.id,
      period: '2026-03',
      action: '回访话术培训：不满意客户 24 小时内回电',
      ownerId: supervisorId,
      dueDate: '2026-03-01',
    });
    expect(created.statusCode, created.body).toBe(201);
    const action = created.json() as ImprovementAction;
    expect(action).toMatchObject({
      state: 'open',
      overdue: true,
      ownerName: expect.any(String),
      doneAt: null,
    });
    const started = await supervisor.patch(`/api/v1/surveys/improvement-actions/${action.id}`, {
      state: 'in_progress',
      dueDate: '2026-03-31',
    });
    expect(started.json()).toMatchObject({ state: 'in_progress', overdue: false });
    const done = await supervisor.patch(`/api/v1/surveys/improvement-actions/${action.id}`, {
      state: 'done',
    });
    expect(done.json()).toMatchObject({ state: 'done', doneAt: kefu.clock.now().toISOString() });
    const r = await report(gm, 'month=2026-03');
    expect(r.actions.map((a) => [a.id, a.state])).toEqual([[action.id, 'done']]);
    const audit = rowsOf<{ action: string }>(
      await kefu.deps.db.execute(
        sql`select action from audit_log where subject_id = ${action.id} order by at, action`,
      ),
    );
    expect(audit.map((a) => a.action)).toEqual([
      'surveys.improvement_added',
      'surveys.improvement_updated',
      'surveys.improvement_updated',
    ]);
    // The general manager reads the plan but does not write it; nobody edits another store's plan.
    const gmWrite = await gm.post('/api/v1/surveys/improvement-actions', {
      unitId: org.storeA.id,
      period: '2026-03',
      action: 'x',
      ownerId: supervisorId,
      dueDate: '2026-03-31',
    });
    expect(gmWrite.statusCode).toBe(403);
    const otherStore = await supervisor.post('/api/v1/surveys/improvement-actions', {
      unitId: org.storeB.id,
      period: '2026-03',
      action: 'x',
      ownerId: supervisorId,
      dueDate: '2026-03-31',
    });
    expect(otherStore.statusCode).toBe(404);
    const missing = await supervisor.patch(`/api/v1/surveys/improvement-actions/${crypto.randomUUID()}`, {
      state: 'done',
    });
    expect(missing.statusCode).toBe(404);
  });

  it('RPT-5: scope and bad input — another store is 404, a month that does not exist is 400', async () => {
    const own = await report(supervisor, 'month=2026-03');
    expect(own.units.map((u) => u.unitId)).toEqual([org.storeA.id]);
    expect(
      (await supervisor.get(`/api/v1/surveys/monthly-report?month=2026-03&unitId=${org.storeB.id}`))
        .statusCode,
    ).toBe(404);
    expect((await gm.get('/api/v1/surveys/monthly-report?month=2026-13')).statusCode).toBe(400);
    // Without a month: the report month today (2 March) falls in under the company's cut-off day.
    expect((await report(gm, '')).period).toEqual({ label: '2026-03', from: '2026-02-26', to: '2026-03-25' });
  });

  it('RPT-5: the Excel export has the units, employees and plan sheets with frozen headers and filters', async () => {
    const res = await gm.get('/api/v1/surveys/monthly-report.xlsx?month=2026-03');
    expect(res.statusCode, res.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['单位满意度', '员工', '改进计划']);
    for (const sheet of book.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter).toBeTruthy();
    }
    const units = book.getWorksheet('单位满意度')!;
    const total = units.getRow(units.rowCount);
    expect(total.getCell(1).value).toBe('合计');
    expect(total.getCell(2).value).toBe(4);
    expect(total.getCell(3).numFmt).toBe('0.00');
  });
});
