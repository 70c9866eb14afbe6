import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../app/errors';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { outboxMessages } from '../messages/messages.table';
import { loadGrants } from '../org/org.service';
import { tickets } from '../tickets/tickets.table';
import { inviteToSurvey, recordSurveyResponse, type SurveyInvitationInput } from './surveys.service';
import { surveyInvitations, surveyResponses } from './surveys.table';

const DAY = 86_400_000;

describe('survey invitations and responses (SAT-2, SAT-3)', () => {
  let kefu: TestKefu;
  let agent: HttpSession;
  let org: Awaited<ReturnType<typeof buildOrganisation>>;
  let customerId: string;
  let agentId: string;
  let ticketId: string;

  beforeAll(async () => {
    kefu = await createTestKefu({ KEFU_SESSION_IDLE_MINUTES: '10080', KEFU_SESSION_ABSOLUTE_HOURS: '2000' });
    const admin = await kefu.login('admin');
    org = await buildOrganisation(admin);
    agentId = (await createUser(admin, 's_agent', org.storeA.id, 'agent')).id;
    await createUser(admin, 's_supervisor', org.storeA.id, 'cs_supervisor');
    agent = await kefu.login('s_agent', TEST_PASSWORD);
    const customer = await agent.post('/api/v1/customers', {
      unitId: org.storeA.id,
      name: '王女士',
      phones: [{ number: '13800138000' }],
    });
    expect(customer.statusCode, customer.body).toBe(201);
    customerId = customer.json().id;
    const ticket = await agent.post('/api/v1/tickets', {
      unitId: org.storeA.id,
      channel: 'phone',
      type: 'repair',
      subject: '空调不制冷',
      customerId,
    });
    expect(ticket.statusCode, ticket.body).toBe(201);
    ticketId = ticket.json().id;
  });
  afterAll(() => kefu.close());

  const invite = (extra: Partial<SurveyInvitationInput> = {}) =>
    kefu.deps.db.transaction((tx) =>
      inviteToSurvey(kefu.deps, tx, {
        unitId: org.storeA.id,
        customerId,
        subject: { type: 'ticket', id: ticketId },
        employeeId: agentId,
        delivery: 'portal',
        idempotencyKey: randomUUID(),
        ...extra,
      }),
    );
  const respond = (invitationId: string, answers: Record<string, unknown>) =>
    kefu.deps.db.transaction((tx) =>
      recordSurveyResponse(kefu.deps, tx, null, invitationId, answers as never),
    );
  const errorOf = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    return { code: (err as AppError).code, status: (err as AppError).status };
  };

  it('SAT-3: an invitation copies the shipped CSAT template, gets an expiring link, and is idempotent', async () => {
    const key = `care:${randomUUID()}`;
    const first = await invite({ idempotencyKey: key });
    expect(first.created).toBe(true);
    expect(first.url).toMatch(/^\/c\/s\/[A-Za-z0-9_-]{43}$/);
    const again = await invite({ idempotencyKey: key });
    expect(again).toMatchObject({ invitationId: first.invitationId, created: false, url: null });
    const [row] = await kefu.deps.db
      .select()
      .from(surveyInvitations)
      .where(eq(surveyInvitations.id, first.invitationId));
    expect(row!.templateCode).toBe('csat_after_service');
    expect(row!.title).toBe('服务满意度回访');
    expect(row!.expiresAt!.getTime() - kefu.clock.now().getTime()).toBe(14 * DAY);
    const call = await invite({ delivery: 'call' });
    expect(call.url).toBeNull();
  });

  it('SAT-3: one response per invitation — a second answer is a clear 409', async () => {
    const { invitationId } = await invite();
    const outcome = await respond(invitationId, { csat: 5, comment: '师傅很专业' });
    expect(outcome).toMatchObject({ detractor: false, followUpTicketId: null });
    expect(await errorOf(respond(invitationId, { csat: 4 }))).toEqual({
      code: 'surveys.already_answered',
      status: 409,
    });
    const rows = await kefu.deps.db
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.invitationId, invitationId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ csat: 5, comment: '师傅很专业', detractor: false });
  });

  it('SAT-3: two answers racing for one invitation — exactly one is kept, the other is told 409', async () => {
    const { invitationId } = await invite();
    const results = await Promise.allSettled([
      respond(invitationId, { csat: 5 }),
      respond(invitationId, { csat: 1 }),
      respond(invitationId, { csat: 3 }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 'rejected'))
      expect(((r as PromiseRejectedResult).reason as AppError).code).toBe('surveys.already_answered');
    const rows = await kefu.deps.db
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.invitationId, invitationId));
    expect(rows).toHaveLength(1);
  });

  it('SAT-3: the database itself refuses a second response row for one invitation', async () => {
    const { invitationId } = await invite();
    await respond(invitationId, { csat: 4 });
    const values = {
      invitationId,
      unitId: org.storeA.id,
      templateCode: 'csat_after_service',
      answers: { csat: 1 },
      detractor: true,
      respondedAt: kefu.clock.now(),
    };
    await expect(kefu.deps.db.insert(surveyResponses).values(values)).rejects.toThrow();
  });

  it('SAT-3: answers outside the scale, missing answers and expired invitations are refused', async () => {
    const { invitationId } = await invite();
    expect(await errorOf(respond(invitationId, { csat: 6 }))).toEqual({
      code: 'surveys.answer_invalid',
      status: 400,
    });
    expect(await errorOf(respond(invitationId, {}))).toEqual({ code: 'surveys.answer_missing', status: 400 });
    expect(await errorOf(respond(invitationId, { csat: 3, bogus: 1 }))).toEqual({
      code: 'surveys.unknown_question',
      status: 400,
    });
    kefu.clock.advanceBy(15 * DAY);
    expect(await errorOf(respond(invitationId, { csat: 3 }))).toEqual({
      code: 'surveys.expired',
      status: 410,
    });
  });

  it('SAT-3: a detractor (CSAT ≤ 2) opens one follow-up ticket for the supervisor, in the same transaction', async () => {
    const { invitationId } = await invite();
    const outcome = await respond(invitationId, { csat: 2, comment: '上门迟到两个小时' });
    expect(outcome.detractor).toBe(true);
    expect(outcome.followUpTicketId).not.toBeNull();
    const [ticket] = await kefu.deps.db
      .select()
      .from(tickets)
      .where(eq(tickets.id, outcome.followUpTicketId!));
    expect(ticket).toMatchObject({
      type: 'soft_complaint',
      customerId,
      unitId: org.storeA.id,
      priority: 'high',
    });
    expect(ticket!.description).toContain('上门迟到两个小时');
    expect(ticket!.description).toMatch(/回访对象：工单 \S+/);
    expect(ticket!.description).not.toContain(ticketId);
    const [response] = await kefu.deps.db
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.invitationId, invitationId));
    expect(response!.followUpTicketId).toBe(outcome.followUpTicketId);
    // The surveyed ticket carries a note pointing at the follow-up.
    const agentNow = await kefu.login('s_agent', TEST_PASSWORD);
    const detail = (await agentNow.get(`/api/v1/tickets/${ticketId}`)).json();
    expect(JSON.stringify(detail.timeline)).toContain('回访不满意');
  });

  it('SAT-3 / ORG-4: a follow-up the customer opened through the survey link names no member of staff as intake agent or actor; its owner works it; the queue, export and audit cope', async () => {
    const { invitationId } = await invite();
    const outcome = await respond(invitationId, { csat: 1, comment: '电话一直没人接' });
    const id = outcome.followUpTicketId!;
    const [row] = await kefu.deps.db.select().from(tickets).where(eq(tickets.id, id));
    expect(row).toMatchObject({ intakeAgentId: null, intakeOrigin: 'customer_survey', state: 'assigned' });
    const supervisor = await kefu.login('s_supervisor', TEST_PASSWORD);
    const me = (await supervisor.get('/api/v1/me')).json();
    expect(row!.assigneeUserId).toBe(me.id);
    const detail = await supervisor.get(`/api/v1/tickets/${id}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toMatchObject({
      intakeAgent: null,
      intakeOrigin: 'customer_survey',
      assigneeUser: { id: me.id },
    });
    expect(detail.json().timeline[0]).toMatchObject({
      type: 'created',
      actor: null,
      body: { origin: 'customer_survey' },
    });
    // The owner's queue lists it; the list and the Excel export read a ticket without an intake agent.
    const queue = await supervisor.get('/api/v1/tickets?view=my_queue&pageSize=200');
    expect(queue.statusCode, queue.body).toBe(200);
    expect(queue.json().items.find((t: { id: string }) => t.id === id)).toMatchObject({ intakeAgent: null });
    const exported = await supervisor.get(`/api/v1/tickets/export.xlsx?unitId=${org.storeA.id}`);
    expect(exported.statusCode).toBe(200);
    // The audit trail: no person, the origin said.
    const admin = await kefu.login('admin');
    const audit = (await admin.get(`/api/v1/audit?subjectType=ticket&subjectId=${id}&pageSize=50`)).json();
    const created = audit.items.find((e: { action: string }) => e.action === 'tickets.created');
    expect(created).toMatchObject({ actor: null, actorOrigin: 'customer_survey' });
    // An answer the agent records in a call is the agent's intake, as before.
    const byCall = await invite({ delivery: 'call' });
    const agentActor = {
      userId: agentId,
      username: 's_agent',
      displayName: 's_agent',
      grants: await loadGrants(kefu.deps.db, agentId),
      ip: null,
    };
    const recorded = await kefu.deps.db.transaction((tx) =>
      recordSurveyResponse(kefu.deps, tx, agentActor, byCall.invitationId, { csat: 1 } as never),
    );
    const [staff] = await kefu.deps.db
      .select()
      .from(tickets)
      .where(eq(tickets.id, recorded.followUpTicketId!));
    expect(staff).toMatchObject({ intakeAgentId: agentId, intakeOrigin: 'staff' });
  });

  it('SAT-3: a failed follow-up rolls the response back with it', async () => {
    const { invitationId } = await invite();
    const before = (await kefu.deps.db.select().from(tickets)).length;
    await expect(
      kefu.deps.db.transaction(async (tx) => {
        await recordSurveyResponse(kefu.deps, tx, null, invitationId, { csat: 1 });
        throw new Error('crash after the follow-up');
      }),
    ).rejects.toThrow('crash after the follow-up');
    expect((await kefu.deps.db.select().from(tickets)).length).toBe(before);
    const rows = await kefu.deps.db
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.invitationId, invitationId));
    expect(rows).toHaveLength(0);
  });

  it('SAT-2: the complaint-result survey — dissatisfied is a detractor, basically satisfied is not', async () => {
    const sat = await invite({ templateCode: 'complaint_result', delivery: 'call' });
    expect((await respond(sat.invitationId, { result: 'basically_satisfied' })).detractor).toBe(false);
    const unhappy = await invite({ templateCode: 'complaint_result', delivery: 'call' });
    const outcome = await respond(unhappy.invitationId, { result: 'dissatisfied', comment: '问题没解决' });
    expect(outcome.detractor).toBe(true);
    expect(outcome.followUpTicketId).not.toBeNull();
  });

  it('SAT-3 / PORTAL-2: an SMS survey puts one survey_invitation message with the link in the outbox', async () => {
    const key = `care:${randomUUID()}`;
    const sent = await invite({ delivery: 'sms', idempotencyKey: key });
    expect(sent.messageId).not.toBeNull();
    const [message] = await kefu.deps.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.id, sent.messageId!));
    expect(message).toMatchObject({ channel: 'sms', templateCode: 'survey_invitation', purpose: 'service' });
    expect(message!.recipient).toContain('13800138000');
    expect(message!.body).toContain('王女士');
    expect(message!.body).toContain('上海徐汇店');
    expect(message!.body).toContain(sent.url!);
    // A retry of the same invitation sends nothing more.
    expect((await invite({ delivery: 'sms', idempotencyKey: key })).messageId).toBe(sent.messageId);
    const all = await kefu.deps.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.sourceId, sent.invitationId));
    expect(all).toHaveLength(1);
    const mail = await invite({ delivery: 'email', to: 'wang@example.com' });
    const [email] = await kefu.deps.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.id, mail.messageId!));
    expect(email).toMatchObject({ channel: 'email', recipient: 'wang@example.com' });
    expect(await errorOf(invite({ delivery: 'email' }))).toEqual({ code: 'surveys.no_contact', status: 400 });
    expect((await errorOf(invite({ delivery: 'email', to: 'not-an-address' }))).status).toBe(400);
  });

  it('SAT-2: a complaint-result survey on a resolved ticket is its evaluation; 不满意 reopens the case instead of a new ticket', async () => {
    const agentNow = await kefu.login('s_agent', TEST_PASSWORD);
    const complaint = await agentNow.post('/api/v1/tickets', {
      unitId: org.storeA.id,
      channel: 'phone',
      type: 'soft_complaint',
      subject: '沙发腿断了',
      customerId,
    });
    expect(complaint.statusCode, complaint.body).toBe(201);
    const id = complaint.json().id as string;
    const resolved = await agentNow.post(`/api/v1/tickets/${id}/transition`, { to: 'resolved' });
    expect(resolved.statusCode, resolved.body).toBe(200);
    const ticketsBefore = (await kefu.deps.db.select().from(tickets)).length;
    const { invitationId } = await invite({
      templateCode: 'complaint_result',
      subject: { type: 'ticket', id },
    });
    const outcome = await respond(invitationId, { result: 'dissatisfied', comment: '沙发腿还是没换' });
    expect(outcome).toMatchObject({ detractor: true, evaluated: true, followUpTicketId: null });
    expect((await kefu.deps.db.select().from(tickets)).length).toBe(ticketsBefore);
    const after = (await agentNow.get(`/api/v1/tickets/${id}`)).json();
    expect(after.state).toBe('in_progress');
    expect(JSON.stringify(after.timeline)).toContain('沙发腿还是没换');
  });

  it('SAT-3: an unknown template code is refused', async () => {
    expect(await errorOf(invite({ templateCode: 'nope' }))).toEqual({
      code: 'surveys.template_not_found',
      status: 404,
    });
  });
});
