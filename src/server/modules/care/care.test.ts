import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishBusinessEvent } from '../../app/business-events';
import { runWorkerOnce } from '../../jobs/worker';
import { jobs } from '../../jobs/jobs.table';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { sql } from 'drizzle-orm';
import { openPostgres, rowsOf } from '../../app/db';
import { createServer } from '../../app/server';
import { createTestKefu, HttpSession, type TestKefu } from '../../test/test-app';
import { testDatabaseUrl, testingOnPostgres, withDatabase } from '../../test/test-database-paths';
import { outboxMessages } from '../messages/messages.table';
import { runCareDay } from './care.daily';
import { careAttempts, careTasks } from './care.table';
import { auditLog } from '../audit/audit.table';

let kefu: TestKefu;
let admin: HttpSession;
let agentA: HttpSession;
let agentA2: HttpSession;
let agentB: HttpSession;
let supervisorA: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
let customerId: string;

interface Task {
  id: string;
  ruleCode: string;
  state: string;
  dueAt: string;
  attempts: number;
  claimedByMe: boolean;
  mergedInto: string | null;
  linkedTicketId: string | null;
  messageId: string | null;
  surveyInvitationId: string | null;
}

async function createCustomer(name: string, extra: Record<string, unknown> = {}) {
  const res = await admin.post('/api/v1/customers', {
    unitId: org.storeA.id,
    name,
    phones: [{ number: '13812345678' }],
    ...extra,
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

async function closeTicket(custId: string, subject = '热水器不出热水') {
  const created = await agentA.post('/api/v1/tickets', {
    unitId: org.storeA.id,
    type: 'repair',
    channel: 'phone',
    subject,
    customerId: custId,
  });
  expect(created.statusCode).toBe(201);
  const id = created.json().id as string;
  for (const to of ['in_progress', 'resolved', 'closed']) {
    const r = await agentA.post(`/api/v1/tickets/${id}/transition`, { to });
    expect(r.statusCode, r.body).toBe(200);
  }
  return id;
}

/** The URL of the database this test file runs on (PostgreSQL), for a second instance's pool. */
async function currentDatabaseUrl(k: TestKefu): Promise<string> {
  const [row] = rowsOf<{ name: string }>(await k.deps.db.execute(sql`select current_database() as name`));
  return withDatabase(testDatabaseUrl()!, row!.name);
}

const tasksOf = (custId: string) =>
  kefu.deps.db.select().from(careTasks).where(eq(careTasks.customerId, custId));

beforeAll(async () => {
  kefu = await createTestKefu();
  admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  await createUser(admin, 'care_a', org.storeA.id, 'agent');
  await createUser(admin, 'care_a2', org.storeA.id, 'agent');
  await createUser(admin, 'care_b', org.storeB.id, 'agent');
  await createUser(admin, 'care_sup', org.storeA.id, 'cs_supervisor');
  agentA = await kefu.login('care_a', TEST_PASSWORD);
  agentA2 = await kefu.login('care_a2', TEST_PASSWORD);
  agentB = await kefu.login('care_b', TEST_PASSWORD);
  supervisorA = await kefu.login('care_sup', TEST_PASSWORD);
  customerId = await createCustomer('王女士');
});
afterAll(() => kefu.close());

describe('care rules per unit', () => {
  it('CARE-1: every shipped default is visible at a store; an override disables one there only; reset restores it', async () => {
    const list = await supervisorA.get(`/api/v1/care/units/${org.storeA.id}/rules`);
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { rule: { code: string; enabled: boolean }; shipped: boolean }[];
    expect(items.length).toBeGreaterThanOrEqual(14);
    const birthday = items.find((i) => i.rule.code === 'birthday_greeting')!;
    const put = await supervisorA.request(
      'PUT',
      `/api/v1/care/units/${org.storeA.id}/rules/birthday_greeting`,
      {
        ...birthday.rule,
        code: undefined,
        enabled: false,
      },
    );
    expect(put.statusCode, put.body).toBe(200);
    const after = (await supervisorA.get(`/api/v1/care/units/${org.storeA.id}/rules`)).json().items as {
      rule: { code: string; enabled: boolean };
      ownHere: boolean;
    }[];
    expect(after.find((i) => i.rule.code === 'birthday_greeting')).toMatchObject({
      ownHere: true,
      rule: { enabled: false },
    });
    const elsewhere = (await admin.get(`/api/v1/care/units/${org.storeB.id}/rules`)).json().items as {
      rule: { code: string; enabled: boolean };
    }[];
    expect(elsewhere.find((i) => i.rule.code === 'birthday_greeting')!.rule.enabled).toBe(true);
    const reset = await supervisorA.request(
      'DELETE',
      `/api/v1/care/units/${org.storeA.id}/rules/birthday_greeting`,
    );
    expect(reset.statusCode).toBe(204);
  });

  it('CARE-1: an agent may not change rules (403); another region’s unit is 404; a bad rule names its problem', async () => {
    const rule = {
      nameZh: '测试',
      nameEn: 'Test',
      businessLine: 'all',
      trigger: { kind: 'event', event: 'ticket.closed' },
      offset: { amount: -2, unit: 'days' },
      channel: 'call',
      purpose: 'service',
      script: '您好',
      messageTemplateCode: null,
      surveyTemplateCode: null,
      enabled: true,
    };
    const byAgent = await agentA.request('PUT', `/api/v1/care/units/${org.storeA.id}/rules/own_rule`, rule);
    expect(byAgent.statusCode).toBe(403);
    expect((await agentB.get(`/api/v1/care/units/${org.storeA.id}/rules`)).statusCode).toBe(404);
    const bad = await supervisorA.request('PUT', `/api/v1/care/units/${org.storeA.id}/rules/own_rule`, rule);
    expect([bad.statusCode, bad.json().code, bad.json().details?.problem]).toEqual([
      400,
      'care.rule_invalid',
      'event_offset_negative',
    ]);
  });
});

describe('follow-up calls', () => {
  let task: Task;

  it('CARE-1 / CARE-4: a closed ticket creates the satisfaction call, due inside contact hours, with its call survey', async () => {
    const ticketId = await closeTicket(customerId);
    const rows = await tasksOf(customerId);
    const call = rows.find((r) => r.ruleCode === 'survey_after_ticket' && r.sourceId === ticketId)!;
    expect(call).toBeTruthy();
    expect(call.state).toBe('open');
    // Closed 10:00 Shanghai + 4 h = 14:00, inside 09:00–20:30.
    expect(call.dueAt.toISOString()).toBe(new Date(kefu.clock.now().getTime() + 4 * 3_600_000).toISOString());
    expect(call.surveyInvitationId).toBeTruthy();
    // The same close announced again creates nothing.
    await kefu.deps.db.transaction((tx) =>
      publishBusinessEvent(kefu.deps, tx, {
        type: 'ticket.closed',
        ticketId,
        ticketNumber: 'x',
        ticketType: 'repair',
        unitId: org.storeA.id,
        customerId,
        ownerId: null,
        at: kefu.clock.now(),
      }),
    );
    expect((await tasksOf(customerId)).filter((r) => r.sourceId === ticketId)).toHaveLength(1);
    const list = await agentA.get('/api/v1/care/tasks?due=all');
    expect(list.statusCode).toBe(200);
    task = (list.json().items as { task: Task }[]).map((i) => i.task).find((t) => t.id === call.id)!;
    expect(task).toBeTruthy();
  });

  it('CARE-3: claiming locks the task — a second agent gets 409 with a clear message; another store sees 404', async () => {
    const mine = await agentA.post(`/api/v1/care/tasks/${task.id}/claim`);
    expect([mine.statusCode, mine.json().claimedByMe]).toEqual([200, true]);
    const theirs = await agentA2.post(`/api/v1/care/tasks/${task.id}/claim`);
    expect([theirs.statusCode, theirs.json().code]).toEqual([409, 'care.task_claimed']);
    expect(theirs.json().message ?? theirs.body).toBeTruthy();
    const attemptByOther = await agentA2.post(`/api/v1/care/tasks/${task.id}/attempts`, {
      outcome: 'no_answer',
    });
    expect(attemptByOther.statusCode).toBe(409);
    expect((await agentB.get(`/api/v1/care/tasks/${task.id}`)).statusCode).toBe(404);
    expect((await agentB.post(`/api/v1/care/tasks/${task.id}/claim`)).statusCode).toBe(404);
  });

  it('CARE-5: the task page carries why, the card, the history, the filled script and the objection answers', async () => {
    // CARE-6: objection answers are the knowledge base's approved answers of kind 'objection'.
    const created = await supervisorA.post('/api/v1/knowledge/articles', {
      unitId: org.storeA.id,
      careRuleCode: 'survey_after_ticket',
      question: '我很忙，没空',
      answer: '理解您，只占用您一分钟，打个分就好；或者我换个时间再打给您？',
      sourceKind: 'objection',
      validFrom: new Date(kefu.clock.now().getTime() - 60_000).toISOString(),
      validUntil: null,
    });
    expect(created.statusCode, created.body).toBe(201);
    await createUser(await kefu.login('admin'), 'care_sup2', org.storeA.id, 'cs_supervisor');
    const [request] = await rowsOf<{ id: string }>(
      await kefu.deps.db.execute(
        sql`select id from approval_requests where subject_id = ${created.json().latest.id}`,
      ),
    );
    const approved = await (
      await kefu.login('care_sup2', TEST_PASSWORD)
    ).post(`/api/v1/approvals/${request!.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    const d = await agentA.get(`/api/v1/care/tasks/${task.id}`);
    expect(d.statusCode, d.body).toBe(200);
    const body = d.json();
    expect(body.task.ruleName).toContain('满意度');
    expect(body.customer.name).toBe('王女士');
    expect(body.history.tickets.length).toBeGreaterThanOrEqual(1);
    expect(body.script).toContain('上海徐汇店');
    expect(body.script).not.toContain('{{');
    expect(body.objections.map((o: { objection: string }) => o.objection)).toContain('我很忙，没空');
  });

  it('ORG-1: a unit shows customers a display name, address and service phone; empty fields come from the company, a department shows its store', async () => {
    const set = async (id: string, body: Record<string, unknown>) => {
      const res = await admin.request('PATCH', `/api/v1/units/${id}`, body);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    await set(org.hq.id, { servicePhone: '400-820-8820', address: '上海市徐汇区漕溪北路 88 号' });
    expect(await set(org.storeA.id, { displayName: ' 上海徐汇店 ', servicePhone: '' })).toMatchObject({
      displayName: '上海徐汇店',
      servicePhone: null,
    });
    const contact = async (id: string) => (await admin.get(`/api/v1/units/${id}/contact`)).json();
    expect(await contact(org.storeA.id)).toEqual({
      unitId: org.storeA.id,
      name: '上海徐汇店',
      address: '上海市徐汇区漕溪北路 88 号',
      servicePhone: '400-820-8820',
    });
    expect(await contact(org.storeAEngineering.id)).toMatchObject({
      unitId: org.storeA.id,
      name: '上海徐汇店',
    });
    expect(await contact(org.storeB.id)).toMatchObject({
      name: org.storeB.name,
      servicePhone: '400-820-8820',
    });
    const bad = await admin.request('PATCH', `/api/v1/units/${org.storeA.id}`, { servicePhone: '打电话' });
    expect(bad.statusCode).toBe(400);
    // Another store's agent learns nothing of this store's settings.
    expect([403, 404]).toContain((await agentB.get(`/api/v1/units/${org.storeA.id}/contact`)).statusCode);
    // The agent's own mobile is on file: the customer must still get the store's service phone.
    const me = (await agentA.get('/api/v1/me')).json();
    const phone = await admin.request('PATCH', `/api/v1/users/${me.id}`, { phone: '13900001111' });
    expect(phone.statusCode, phone.body).toBe(200);
  });

  it('CARE-2: three unanswered attempts send the fallback SMS by themselves and close the call', async () => {
    for (let i = 1; i <= 3; i++) {
      if (i > 1) expect((await agentA.post(`/api/v1/care/tasks/${task.id}/claim`)).statusCode).toBe(200);
      const r = await agentA.post(`/api/v1/care/tasks/${task.id}/attempts`, {
        outcome: i === 2 ? 'unreachable' : 'no_answer',
      });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().attempts).toBe(i);
      expect(r.json().state).toBe(i < 3 ? 'open' : 'sms_fallback');
      if (i < 3) {
        // Back in the worklist later, never in quiet hours.
        const local = new Date(r.json().dueAt).toLocaleTimeString('en-GB', {
          timeZone: 'Asia/Shanghai',
          hour12: false,
        });
        expect(local >= '09:00' && local < '20:30').toBe(true);
      }
    }
    const [sms] = await kefu.deps.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.idempotencyKey, `care-task:${task.id}:sms-fallback`));
    expect(sms).toMatchObject({
      channel: 'sms',
      templateCode: 'care_sms_fallback',
      recipient: '13812345678',
    });
    expect(sms!.body).toContain('王女士');
    // The unit's service phone (inherited from the company) and name, never the agent's own mobile.
    expect(sms!.body).toContain('400-820-8820');
    expect(sms!.body).toContain('上海徐汇店');
    expect(sms!.body).not.toContain('13900001111');
    const again = await agentA.post(`/api/v1/care/tasks/${task.id}/claim`);
    expect([again.statusCode, again.json().code]).toEqual([409, 'care.task_not_open']);
  });

  it('CARE-2: attempts posted at once count once — three together on one instance, the 3rd no-answer on two instances', async () => {
    const other = await createCustomer('孙先生');
    await closeTicket(other, '龙头漏水');
    const [t] = (await tasksOf(other)).filter((r) => r.ruleCode === 'survey_after_ticket');
    const attemptsUrl = `/api/v1/care/tasks/${t!.id}/attempts`;
    const claim = async () =>
      expect((await agentA.post(`/api/v1/care/tasks/${t!.id}/claim`)).statusCode).toBe(200);
    const attemptRows = async () =>
      (await kefu.deps.db.select().from(careAttempts).where(eq(careAttempts.taskId, t!.id))).length;

    await claim();
    const together = await Promise.all(
      [1, 2, 3].map(() => agentA.post(attemptsUrl, { outcome: 'no_answer' })),
    );
    expect(together.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    expect(together.filter((r) => r.statusCode === 409).map((r) => r.json().code)).toEqual([
      'care.task_not_claimed',
      'care.task_not_claimed',
    ]);
    expect(await attemptRows()).toBe(1);

    await claim();
    expect((await agentA.post(attemptsUrl, { outcome: 'no_answer' })).json().attempts).toBe(2);
    // A second instance: its own server (and, on PostgreSQL, its own connection pool) on the same database.
    const second = testingOnPostgres()
      ? await openPostgres({ url: await currentDatabaseUrl(kefu), poolSize: 2 })
      : null;
    const app2 = await createServer(second ? { ...kefu.deps, database: second, db: second.db } : kefu.deps, {
      webDir: null,
    });
    try {
      const onSecond = new HttpSession(app2);
      onSecond.cookies = new Map(agentA.cookies);
      await claim();
      const third = await Promise.all([
        agentA.post(attemptsUrl, { outcome: 'no_answer' }),
        onSecond.post(attemptsUrl, { outcome: 'no_answer' }),
      ]);
      expect(third.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      expect(third.find((r) => r.statusCode === 200)!.json()).toMatchObject({
        attempts: 3,
        state: 'sms_fallback',
      });
    } finally {
      await app2.close();
      await second?.close();
    }
    expect(await attemptRows()).toBe(3);
    const [row] = await kefu.deps.db.select().from(careTasks).where(eq(careTasks.id, t!.id));
    expect(row).toMatchObject({ attempts: 3, failedAttempts: 3, state: 'sms_fallback' });
  });

  it('CARE-5: reached-issue opens a ticket linked to the task', async () => {
    const other = await createCustomer('李先生');
    await closeTicket(other, '橱柜门松动');
    const [t] = (await tasksOf(other)).filter((r) => r.ruleCode === 'survey_after_ticket');
    expect((await agentA.post(`/api/v1/care/tasks/${t!.id}/claim`)).statusCode).toBe(200);
    const r = await agentA.post(`/api/v1/care/tasks/${t!.id}/attempts`, {
      outcome: 'reached_issue',
      issue: { subject: '回访时客户反映柜门仍有异响' },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ state: 'done', outcome: 'reached_issue' });
    const ticket = await agentA.get(`/api/v1/tickets/${r.json().linkedTicketId}`);
    expect([ticket.statusCode, ticket.json().subject, ticket.json().customerId]).toEqual([
      200,
      '回访时客户反映柜门仍有异响',
      other,
    ]);
  });

  it('CARE-3: two follow-ups of one customer on one day are one call: merged, claimed and finished together', async () => {
    const c = await createCustomer('赵女士');
    await closeTicket(c, '地板起拱');
    await closeTicket(c, '窗户漏风');
    const rows = (await tasksOf(c)).filter((r) => r.ruleCode === 'survey_after_ticket');
    expect(rows).toHaveLength(2);
    const head = rows.find((r) => r.mergedInto === null)!;
    const member = rows.find((r) => r.mergedInto !== null)!;
    expect([member.state, member.mergedInto]).toEqual(['merged', head.id]);
    const list = (await agentA.get('/api/v1/care/tasks?due=all')).json().items as {
      task: Task;
      mergedReasons: string[];
    }[];
    const shown = list.filter((i) => i.task.id === head.id || i.task.id === member.id);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.mergedReasons).toHaveLength(1);
    // Claiming the folded call claims the group; a colleague cannot take either.
    expect((await agentA.post(`/api/v1/care/tasks/${member.id}/claim`)).statusCode).toBe(200);
    expect((await agentA2.post(`/api/v1/care/tasks/${head.id}/claim`)).statusCode).toBe(409);
    const done = await agentA.post(`/api/v1/care/tasks/${head.id}/attempts`, {
      outcome: 'reached_satisfied',
    });
    expect(done.statusCode).toBe(200);
    const after = await tasksOf(c);
    expect(after.filter((r) => r.ruleCode === 'survey_after_ticket').map((r) => r.state)).toEqual([
      'done',
      'done',
    ]);
  });

  it('CARE-5: "call back at…" needs a time and brings the task back then', async () => {
    const c = await createCustomer('孙先生');
    await closeTicket(c, '灯不亮');
    const [t] = (await tasksOf(c)).filter((r) => r.ruleCode === 'survey_after_ticket');
    await agentA.post(`/api/v1/care/tasks/${t!.id}/claim`);
    const missing = await agentA.post(`/api/v1/care/tasks/${t!.id}/attempts`, { outcome: 'call_back' });
    expect([missing.statusCode, missing.json().code]).toEqual([400, 'care.call_back_time_required']);
    const at = new Date(kefu.clock.now().getTime() + 26 * 3_600_000).toISOString();
    const r = await agentA.post(`/api/v1/care/tasks/${t!.id}/attempts`, {
      outcome: 'call_back',
      callBackAt: at,
    });
    expect(r.json()).toMatchObject({ state: 'open', failedAttempts: 0, claimedByMe: false });
  });
});

describe('date rules, daily run', () => {
  it('CARE-1: birthday greetings go to the outbox on the day; re-running the day creates nothing new', async () => {
    const today = new Date(kefu.clock.now()).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const c = await createCustomer('周女士', { birthday: `1988-${today.slice(5)}` });
    const first = await runCareDay(kefu.deps, org.storeA.id, today);
    expect(first.created).toBeGreaterThanOrEqual(1);
    const [greeting] = (await tasksOf(c)).filter((r) => r.ruleCode === 'birthday_greeting');
    expect(greeting).toMatchObject({ state: 'sent', channel: 'sms', purpose: 'marketing' });
    expect(greeting!.messageId).toBeTruthy();
    expect((await runCareDay(kefu.deps, org.storeA.id, today)).created).toBe(0);
  });

  it('CARE-1 / CARE-4: inactivity after a visit — the 120-day recall is skipped for a customer who opted out of marketing', async () => {
    const c = await createCustomer('吴先生');
    const optOut = await supervisorA.request('PUT', `/api/v1/customers/${c}/marketing-opt-out`, {
      optedOut: true,
      reason: '客户要求不再推销',
    });
    expect(optOut.statusCode, optOut.body).toBe(200);
    const visit = new Date('2026-01-05T03:00:00Z');
    await kefu.deps.db.transaction((tx) =>
      publishBusinessEvent(kefu.deps, tx, {
        type: 'workorder.completed',
        workOrderId: '00000000-0000-4000-8000-000000000001',
        workOrderNumber: 'W1',
        workOrderType: 'repair',
        ticketId: null,
        unitId: org.storeA.id,
        customerId: c,
        assetId: null,
        technicianId: null,
        ownerId: null,
        at: visit,
      }),
    );
    // 2026-01-05 + 120 days.
    await runCareDay(kefu.deps, org.storeA.id, '2026-05-05');
    const recall = (await tasksOf(c)).find((r) => r.ruleCode === 'lapsed_recall_120');
    expect(recall).toMatchObject({ state: 'skipped', stateReason: 'marketing_opt_out' });
    // The service reminder of the work order still goes (service contact is not marketing).
    const followUp = (await tasksOf(c)).find((r) => r.ruleCode === 'service_followup_day3');
    expect(followUp?.state).toBe('open');
  });

  it('CARE-1: maintenance rules read the asset: service due 7 days before the interval ends after the last visit; a purchase date alone no longer makes a retail call', async () => {
    const c = await createCustomer('郑女士', {
      assets: [
        { kind: 'product', name: '洗碗机', purchaseDate: '2026-04-01' },
        { kind: 'vehicle', name: '轿车', number: '沪A12345', serviceIntervalDays: 90 },
      ],
    });
    const card = (await admin.get(`/api/v1/customers/${c}`)).json() as {
      assets: { id: string; kind: string }[];
    };
    const car = card.assets.find((a) => a.kind === 'vehicle')!.id;
    await kefu.deps.db.transaction((tx) =>
      publishBusinessEvent(kefu.deps, tx, {
        type: 'workorder.completed',
        workOrderId: '00000000-0000-4000-8000-000000000002',
        workOrderNumber: 'W2',
        workOrderType: 'maintenance',
        ticketId: null,
        unitId: org.storeA.id,
        customerId: c,
        assetId: car,
        technicianId: null,
        ownerId: null,
        at: new Date('2026-04-10T03:00:00Z'),
      }),
    );
    await runCareDay(kefu.deps, org.storeA.id, '2026-04-02');
    // 2026-04-10 + 90 days = 2026-07-09; the reminder is due on 2026-07-02.
    await runCareDay(kefu.deps, org.storeA.id, '2026-07-02');
    const rows = await tasksOf(c);
    // Retail calls count from the sale itself (an order), see care.anchors.test.ts.
    expect(rows.find((r) => r.ruleCode === 'retail_sale_call')).toBeUndefined();
    expect(rows.find((r) => r.ruleCode === 'maintenance_due')).toMatchObject({
      assetId: car,
      dueDate: '2026-07-02',
    });
  });

  it('CARE-1: the daily run is a job per unit and day with a deterministic id; running the worker twice adds no task', async () => {
    expect((await agentA.get('/api/v1/care/tasks')).statusCode).toBe(200);
    await runWorkerOnce(kefu.deps);
    const today = new Date(kefu.clock.now()).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const [daily] = await kefu.deps.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.id, `care:daily:${org.storeA.id}:${today}`)));
    expect(daily?.state).toBe('done');
    const count = (await kefu.deps.db.select().from(careTasks)).length;
    await runWorkerOnce(kefu.deps);
    expect((await kefu.deps.db.select().from(careTasks)).length).toBe(count);
  });
});

describe('calling the customer from the worklist (issue 16)', () => {
  it('CARE-5: the worklist and the task name the ticket the follow-up is about, by its number', async () => {
    const custId = await createCustomer('钱先生');
    const ticketId = await closeTicket(custId, '空调不制冷');
    const ticket = (await agentA.get(`/api/v1/tickets/${ticketId}`)).json();
    const call = (await tasksOf(custId)).find((r) => r.sourceId === ticketId)!;
    const list = await agentA.get('/api/v1/care/tasks?due=all&pageSize=200');
    const item = (list.json().items as { task: Task; followsUp: unknown }[]).find(
      (i) => i.task.id === call.id,
    )!;
    expect(item.followsUp).toEqual({ kind: 'ticket', id: ticketId, number: ticket.number });
    const detail = await agentA.get(`/api/v1/care/tasks/${call.id}`);
    expect(detail.json().followsUp).toEqual({ kind: 'ticket', id: ticketId, number: ticket.number });
  });

  it('CARE-5 CUS-3 CUS-4: an agent without unmask rights reveals the number of a task she works for a reason, which is audited; a reason is required and another store gets 404', async () => {
    const custId = await createCustomer('孙女士');
    const ticketId = await closeTicket(custId, '油烟机噪音');
    const call = (await tasksOf(custId)).find((r) => r.sourceId === ticketId)!;
    const masked = (await agentA.get(`/api/v1/care/tasks/${call.id}`)).json().customer.phones[0].number;
    expect(masked).toMatch(/\*{4}/);
    const noReason = await agentA.post(`/api/v1/care/tasks/${call.id}/reveal-number`, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(
      (await agentB.post(`/api/v1/care/tasks/${call.id}/reveal-number`, { reason: '回访' })).statusCode,
    ).toBe(404);
    const res = await agentA.post(`/api/v1/care/tasks/${call.id}/reveal-number`, { reason: '回访致电客户' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().phones[0].normalized).toBe('13812345678');
    expect(res.json().phones[0].number).not.toContain('*');
    expect(res.json().identityNumber).toBeNull();
    const [entry] = await kefu.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'customer.numbers_unmasked'), eq(auditLog.subjectId, custId)));
    expect(entry!.after).toMatchObject({ reason: '回访致电客户', careTaskId: call.id });
  });
});
