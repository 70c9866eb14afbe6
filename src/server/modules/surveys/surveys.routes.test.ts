import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../app/db';
import { runWorkerOnce } from '../../jobs/worker';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, HttpSession, type TestKefu } from '../../test/test-app';
import { enqueueWeeklySummary, sat4JobId } from './surveys.weekly';

const DAY = 86_400_000;

describe('survey routes: public page, call form, results, builder, Monday summary (SAT-2…4, PORTAL-2)', () => {
  let kefu: TestKefu;
  let admin: HttpSession;
  let agent: HttpSession;
  let agentB: HttpSession;
  let supervisor: HttpSession;
  let org: Awaited<ReturnType<typeof buildOrganisation>>;
  let ticketId: string;
  let ticket: { number: string; receivedAt: string };
  let agentId: string;

  beforeAll(async () => {
    kefu = await createTestKefu({ KEFU_SESSION_IDLE_MINUTES: '10080', KEFU_SESSION_ABSOLUTE_HOURS: '2000' });
    admin = await kefu.login('admin');
    org = await buildOrganisation(admin);
    agentId = (await createUser(admin, 'r_agent', org.storeA.id, 'agent')).id;
    await createUser(admin, 'r_agent_b', org.storeB.id, 'agent');
    await createUser(admin, 'r_sup', org.storeA.id, 'cs_supervisor');
    await createUser(admin, 'r_gm', org.hq.id, 'general_manager');
    agent = await kefu.login('r_agent', TEST_PASSWORD);
    agentB = await kefu.login('r_agent_b', TEST_PASSWORD);
    supervisor = await kefu.login('r_sup', TEST_PASSWORD);
    const created = await agent.post('/api/v1/tickets', {
      unitId: org.storeA.id,
      channel: 'phone',
      type: 'repair',
      subject: '热水器漏水',
    });
    expect(created.statusCode, created.body).toBe(201);
    ticketId = created.json().id;
    ticket = created.json();
  });
  afterAll(() => kefu.close());

  const portalInvite = async () => {
    kefu.clock.advanceBy(61_000); // a new minute: a new manual invitation
    const res = await agent.post('/api/v1/surveys/invitations', {
      subjectType: 'ticket',
      subjectId: ticketId,
      delivery: 'portal',
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { invitationId: string; url: string };
  };
  const anonymous = () => new HttpSession(kefu.app);

  it('PORTAL-2: the link opens the survey without login, shows only the store, the service it rates and the questions, and takes one answer', async () => {
    const { url } = await portalInvite();
    const token = url.split('/').pop()!;
    const customer = anonymous();
    const page = await customer.get(`/api/v1/public/surveys/${token}`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({ state: 'open', title: '服务满意度回访', storeName: '上海徐汇店' });
    expect(Object.keys(page.json()).sort()).toEqual([
      'expiresAt',
      'questions',
      'service', // which service is rated: number, type and date, nothing about any person
      'servicePhone', // the store's service line, for a customer who would rather call (ORG-1)
      'state',
      'storeName',
      'title',
    ]);
    const shanghaiDate = new Date(Date.parse(ticket.receivedAt) + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(page.json().service).toEqual({
      kind: 'ticket',
      number: ticket.number,
      type: 'repair',
      date: shanghaiDate,
    });
    expect(Object.keys(page.json().service).sort()).toEqual(['date', 'kind', 'number', 'type']);
    expect(page.body).not.toContain('热水器漏水'); // the subject is the customer's own words: not on a link
    const answered = await customer.post(`/api/v1/public/surveys/${token}`, { answers: { csat: 5 } });
    expect(answered.statusCode, answered.body).toBe(201);
    expect((await customer.get(`/api/v1/public/surveys/${token}`)).json().state).toBe('answered');
    const twice = await customer.post(`/api/v1/public/surveys/${token}`, { answers: { csat: 1 } });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('surveys.already_answered');
  });

  it('PORTAL-2: a burst of answers from one address is turned away with 429 before the database', async () => {
    // A guessed-token flood from one address: each try is a 404 until its minute's allowance is spent.
    // Another address (the rest of this file's customers) is not held up by it.
    const answerFrom = (remoteAddress: string, token: string) =>
      kefu.app.inject({
        method: 'POST',
        url: `/api/v1/public/surveys/${token}`,
        remoteAddress,
        payload: { answers: { csat: 5 } },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await answerFrom('203.0.113.7', `${'Z'.repeat(42)}${i % 10}`)).statusCode);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(404));
    expect(statuses.slice(-2)).toEqual([429, 429]);
    const refused = await answerFrom('203.0.113.7', 'Z'.repeat(43));
    expect([refused.statusCode, refused.json().code]).toEqual([429, 'request.rate_limited']);
    expect((await answerFrom('203.0.113.8', 'Z'.repeat(43))).statusCode).toBe(404);
  });

  it('PORTAL-2: a tampered token is 404, an expired link 410; unknown fields are refused', async () => {
    const { url } = await portalInvite();
    const token = url.split('/').pop()!;
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect((await anonymous().get(`/api/v1/public/surveys/${tampered}`)).statusCode).toBe(404);
    const extra = await anonymous().post(`/api/v1/public/surveys/${token}`, { answers: { csat: 4 }, x: 1 });
    expect(extra.statusCode).toBe(400);
    kefu.clock.advanceBy(15 * DAY);
    agent = await kefu.login('r_agent', TEST_PASSWORD);
    agentB = await kefu.login('r_agent_b', TEST_PASSWORD);
    supervisor = await kefu.login('r_sup', TEST_PASSWORD);
    admin = await kefu.login('admin');
    const late = await anonymous().post(`/api/v1/public/surveys/${token}`, { answers: { csat: 4 } });
    expect(late.statusCode).toBe(410);
  });

  it('SAT-3: the agent fills the survey in during the call; a dissatisfied answer opens a follow-up ticket', async () => {
    kefu.clock.advanceBy(61_000);
    const invited = await agent.post('/api/v1/surveys/invitations', {
      subjectType: 'ticket',
      subjectId: ticketId,
      delivery: 'call',
      templateCode: 'nps_relationship',
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const id = invited.json().invitationId as string;
    expect(invited.json().url).toBeNull();
    const form = await agent.get(`/api/v1/surveys/invitations/${id}`);
    expect(form.json()).toMatchObject({ state: 'open', title: '推荐意愿调查', employeeId: agentId });
    // Another store's agent cannot see it.
    expect((await agentB.get(`/api/v1/surveys/invitations/${id}`)).statusCode).toBe(404);
    const answered = await agent.post(`/api/v1/surveys/invitations/${id}/response`, {
      answers: { nps: 3, reason: '等了三天才上门' },
    });
    expect(answered.statusCode, answered.body).toBe(201);
    expect(answered.json().detractor).toBe(true);
    const followUp = await agent.get(`/api/v1/tickets/${answered.json().followUpTicketId}`);
    expect(followUp.statusCode).toBe(200);
    expect(followUp.json()).toMatchObject({ type: 'soft_complaint', channel: 'phone' });
  });

  it('SAT-4: results per unit and employee — CSAT, NPS, trend, distribution, comments; 404 outside the scope', async () => {
    const res = await supervisor.get(`/api/v1/surveys/results?unitId=${org.storeA.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.summary).toMatchObject({ responses: 2, csatAverage: 5, detractors: 1 });
    expect(r.summary.nps).toMatchObject({ detractors: 1, total: 1, score: -100 });
    expect(r.summary.invited).toBe(3);
    expect(r.trend.length).toBeGreaterThan(0);
    expect(r.distributions.map((d: { templateCode: string }) => d.templateCode).sort()).toEqual([
      'csat_after_service',
      'nps_relationship',
    ]);
    expect(r.employees).toEqual([
      expect.objectContaining({ employeeId: agentId, name: 'r_agent', responses: 2 }),
    ]);
    expect(r.comments[0]).toMatchObject({ comment: '等了三天才上门', nps: 3 });
    const onTicket = await agent.get(`/api/v1/surveys/results?subjectType=ticket&subjectId=${ticketId}`);
    expect(onTicket.json().summary.responses).toBe(2);
    const byEmployee = await supervisor.get(`/api/v1/surveys/results?employeeId=${agentId}`);
    expect(byEmployee.json().summary.responses).toBe(2);
    expect((await agentB.get(`/api/v1/surveys/results?unitId=${org.storeA.id}`)).statusCode).toBe(404);
    expect((await agentB.get(`/api/v1/surveys/results`)).json().summary.responses).toBe(0);
  });

  it('SAT-3: the builder saves a unit version; new invitations use it, custom questions are checked', async () => {
    const bad = await supervisor.request('PUT', '/api/v1/surveys/templates/csat_after_service', {
      unitId: org.storeA.id,
      name: '上门服务回访',
      questions: [{ id: 'q', kind: 'single', label: '选一个', required: true, options: [] }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('surveys.template_invalid');
    const saved = await supervisor.request('PUT', '/api/v1/surveys/templates/csat_after_service', {
      unitId: org.storeA.id,
      name: '上门服务回访',
      questions: [
        { id: 'csat', kind: 'csat', label: '您对师傅的服务满意吗？', required: true },
        {
          id: 'on_time',
          kind: 'single',
          label: '师傅是否准时？',
          required: true,
          options: [
            { value: 'yes', label: '准时' },
            { value: 'no', label: '迟到' },
          ],
        },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1, shipped: false });
    // An agent holds surveys.manage nowhere: refused before the body is even read.
    expect(
      (await agent.request('PUT', '/api/v1/surveys/templates/csat_after_service', saved.json())).statusCode,
    ).toBe(403);
    const listed = await agent.get(`/api/v1/surveys/templates?unitId=${org.storeA.id}`);
    expect(listed.json().items.find((t: { code: string }) => t.code === 'csat_after_service').name).toBe(
      '上门服务回访',
    );
    const { invitationId } = await portalInvite();
    const form = await agent.get(`/api/v1/surveys/invitations/${invitationId}`);
    expect(form.json().questions.map((q: { id: string }) => q.id)).toEqual(['csat', 'on_time']);
    // Store B still asks the shipped questions.
    const other = await agentB.get(`/api/v1/surveys/templates?unitId=${org.storeB.id}`);
    expect(other.json().items.find((t: { code: string }) => t.code === 'csat_after_service').shipped).toBe(
      true,
    );
  });

  it('SAT-4: the Monday summary is made once per unit and week, with employees, and headquarters is told', async () => {
    // Move to the next Monday 08:00 in Shanghai: the week just ended is reported.
    const now = kefu.clock.now();
    const shanghai = new Date(now.getTime() + 8 * 3600_000);
    const daysToMonday = (8 - shanghai.getUTCDay()) % 7 || 7;
    const monday = Date.UTC(
      shanghai.getUTCFullYear(),
      shanghai.getUTCMonth(),
      shanghai.getUTCDate() + daysToMonday,
    );
    kefu.clock.set(new Date(monday)); // 08:00 Shanghai
    await kefu.deps.db.execute(sql`update users set email = 'gm@example.cn' where username = 'r_gm'`);
    expect(await enqueueWeeklySummary(kefu.deps)).toBe(1);
    expect(await enqueueWeeklySummary(kefu.deps)).toBe(0);
    await runWorkerOnce(kefu.deps);
    const jobs = rowsOf<{ id: string; state: string }>(
      await kefu.deps.db.execute(sql`select id, state from jobs where kind = 'surveys.weekly_summary'`),
    );
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.id).toMatch(/^sat4:\d{4}-W\d{2}$/);
    expect(jobs[0]!.state).toBe('done');
    const gm = await kefu.login('r_gm', TEST_PASSWORD);
    const weekly = await gm.get('/api/v1/surveys/weekly-summaries');
    expect(weekly.statusCode, weekly.body).toBe(200);
    const items = weekly.json().items as { week: string; unitId: string; summary: Record<string, unknown> }[];
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ unitId: org.storeA.id, week: jobs[0]!.id.slice(5) });
    expect(items[0]!.summary).toMatchObject({ unitName: '上海徐汇店', responses: 1, invited: 2 });
    const notices = await gm.get('/api/v1/notifications');
    expect(JSON.stringify(notices.json())).toContain('survey_weekly_summary');
    const mails = () =>
      kefu.deps.db.execute(
        sql`select recipient, subject, body from outbox_messages where source_type = 'survey_week'`,
      );
    const sent = rowsOf<{ recipient: string; subject: string; body: string }>(await mails());
    expect(sent).toHaveLength(1);
    expect(sent[0]!.recipient).toBe('gm@example.cn');
    expect(sent[0]!.subject).toContain('满意度周报');
    expect(sent[0]!.body).toContain('上海徐汇店：邀请 2，回收 1');
    // Re-running the week creates nothing.
    await kefu.deps.db.execute(
      sql`update jobs set state = 'queued', run_at = ${new Date(monday - DAY)} where id = ${jobs[0]!.id}`,
    );
    await runWorkerOnce(kefu.deps);
    expect((await gm.get('/api/v1/surveys/weekly-summaries')).json().total).toBe(1);
    expect(rowsOf(await mails())).toHaveLength(1);
    expect(sat4JobId('2026-W10')).toBe('sat4:2026-W10');
  });
  it('SAT-3 / ORG-2: a read-only auditor reads surveys but neither sends one nor records an answer', async () => {
    await createUser(admin, 'r_auditor', org.hq.id, 'auditor');
    const auditor = await kefu.login('r_auditor', TEST_PASSWORD);
    kefu.clock.advanceBy(61_000);
    const invited = await agent.post('/api/v1/surveys/invitations', {
      subjectType: 'ticket',
      subjectId: ticketId,
      delivery: 'call',
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const id = invited.json().invitationId as string;
    expect((await auditor.get(`/api/v1/surveys/invitations/${id}`)).statusCode).toBe(200);
    const counts = async () =>
      rowsOf(
        await kefu.deps.db.execute(
          sql`select (select count(*)::int from outbox_messages) as messages,
                     (select count(*)::int from survey_invitations) as invitations,
                     (select count(*)::int from survey_responses) as responses`,
        ),
      );
    const before = await counts();
    for (const delivery of ['sms', 'call', 'portal']) {
      const sent = await auditor.post('/api/v1/surveys/invitations', {
        subjectType: 'ticket',
        subjectId: ticketId,
        delivery,
      });
      expect([sent.statusCode, sent.json().code]).toEqual([403, 'auth.forbidden']);
    }
    const answered = await auditor.post(`/api/v1/surveys/invitations/${id}/response`, {
      answers: { csat: 1, comment: '很差' },
    });
    expect([answered.statusCode, answered.json().code]).toEqual([403, 'auth.forbidden']);
    expect((await auditor.get(`/api/v1/surveys/invitations/${id}`)).json().state).toBe('open');
    expect(await counts()).toEqual(before);
  });
});
