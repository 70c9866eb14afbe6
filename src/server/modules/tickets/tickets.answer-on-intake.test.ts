import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { approvalRequests } from '../approvals/approvals.table';
import { auditLog } from '../audit/audit.table';
import { kbArticleUses } from '../knowledge/knowledge.table';

let kefu: TestKefu;
let agent: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
let articleId: string;
let expiredId: string;

type Ticket = {
  id: string;
  state: string;
  closedAt: string | null;
  slaTargets: { key: string; state: string }[];
  timeline: { type: string; visibility: string; body: Record<string, unknown> }[];
};

beforeAll(async () => {
  kefu = await createTestKefu();
  const admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  await createUser(admin, 'spot.agent', org.storeA.id, 'agent');
  agent = await kefu.login('spot.agent', TEST_PASSWORD);
  await createUser(admin, 'spot.writer', org.east.id, 'cs_supervisor');
  await createUser(admin, 'spot.approver', org.east.id, 'cs_supervisor');
  const writer = await kefu.login('spot.writer', TEST_PASSWORD);
  const approver = await kefu.login('spot.approver', TEST_PASSWORD);
  const now = kefu.clock.now().getTime();
  const publish = async (answer: string, validUntil: number) => {
    const res = await writer.post('/api/v1/knowledge/articles', {
      unitId: org.east.id,
      question: '门店营业时间？',
      answer,
      sourceKind: 'sales_qa',
      validFrom: new Date(now - 86_400_000).toISOString(),
      validUntil: new Date(validUntil).toISOString(),
    });
    expect(res.statusCode, res.body).toBe(201);
    const [request] = await kefu.deps.db
      .select({ id: approvalRequests.id })
      .from(approvalRequests)
      .where(eq(approvalRequests.subjectId, res.json().latest.id));
    expect((await approver.post(`/api/v1/approvals/${request!.id}/approve`)).statusCode).toBe(200);
    return res.json().id as string;
  };
  articleId = await publish(ANSWER, now + 90 * 86_400_000);
  expiredId = await publish('旧的营业时间为 8:00–20:00。', now + 3_600_000);
});
afterAll(() => kefu.close());

const ANSWER = '门店营业时间为每天 9:00–21:00，节假日照常营业。';
const body = (extra: Record<string, unknown> = {}) => ({
  unitId: org.storeA.id,
  type: 'consultation_direct',
  channel: 'phone',
  subject: '询问营业时间',
  answerOnIntake: `您好，${ANSWER}`,
  answerArticleId: articleId,
  ...extra,
});

describe('受理并办结', () => {
  it('CL-2 / SLA-3 / SLA-10: a direct consultation answered on the spot is created, answered and closed in one step, with no time limit left running', async () => {
    const res = await agent.post('/api/v1/tickets', body());
    expect(res.statusCode, res.body).toBe(201);
    const t: Ticket = res.json();
    expect(t.state).toBe('closed');
    expect(t.closedAt).not.toBeNull();
    const reply = t.timeline.find((e) => e.type === 'reply');
    expect(reply).toMatchObject({
      visibility: 'customer',
      body: { text: `您好，${ANSWER}`, kind: 'answer' },
    });
    const moves = t.timeline.filter((e) => e.type === 'state_changed').map((e) => e.body.to);
    expect(moves).toEqual(['resolved', 'closed']);
    expect(t.slaTargets.length).toBeGreaterThan(0);
    for (const target of t.slaTargets) expect(['on_track', 'pending', 'paused']).not.toContain(target.state);
    // The answer target was met by the answer itself, not ended by the closing.
    expect(t.slaTargets.some((x) => x.state === 'met')).toBe(true);
    const audits = await kefu.deps.db
      .select({ action: auditLog.action, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.subjectType, 'ticket'), eq(auditLog.subjectId, t.id)))
      .orderBy(auditLog.id);
    expect(audits.map((a) => a.action)).toEqual([
      'tickets.created',
      'tickets.replied',
      'tickets.state_changed',
      'tickets.state_changed',
    ]);
    expect(audits[1]!.after).toMatchObject({ text: `您好，${ANSWER}` });
    expect(String((audits[3]!.after as { reason: string }).reason)).toContain('受理并办结');
    // CL-2: the approved answer it was closed with is recorded on the ticket.
    expect(String((audits[3]!.after as { reason: string }).reason)).toContain('门店营业时间？');
    const uses = await kefu.deps.db.select().from(kbArticleUses).where(eq(kbArticleUses.ticketId, t.id));
    expect(uses.map((u) => u.articleId)).toEqual([articleId]);
  });

  it('CL-2: without a current approved answer a direct consultation is not closed; it is refused with a clear code and nothing is written', async () => {
    const before = (await agent.get(`/api/v1/tickets?unitId=${org.storeA.id}&pageSize=200`)).json().total;
    const free = await agent.post('/api/v1/tickets', body({ answerArticleId: undefined }));
    expect(free.statusCode).toBe(422);
    expect(free.json().code).toBe('tickets.direct_answer_not_approved');
    const altered = await agent.post(
      '/api/v1/tickets',
      body({ answerOnIntake: '我们一般九点开门，晚上也开。' }),
    );
    expect(altered.statusCode).toBe(422);
    expect(altered.json().code).toBe('knowledge.answer_altered');
    const unknown = await agent.post('/api/v1/tickets', body({ answerArticleId: org.storeA.id }));
    expect(unknown.statusCode).toBe(404);
    kefu.clock.set(new Date(kefu.clock.now().getTime() + 2 * 3_600_000));
    agent = await kefu.login('spot.agent', TEST_PASSWORD);
    const lapsed = await agent.post(
      '/api/v1/tickets',
      body({ answerArticleId: expiredId, answerOnIntake: undefined }),
    );
    expect(lapsed.statusCode).toBe(409);
    expect(lapsed.json().code).toBe('knowledge.not_offered');
    const after = (await agent.get(`/api/v1/tickets?unitId=${org.storeA.id}&pageSize=200`)).json().total;
    expect(after).toBe(before);
    const uses = await kefu.deps.db
      .select()
      .from(kbArticleUses)
      .where(eq(kbArticleUses.articleId, expiredId));
    expect(uses).toEqual([]);
    // Anything else is an indirect consultation, taken in for a department and left open.
    const indirect = await agent.post('/api/v1/tickets', {
      unitId: org.storeA.id,
      type: 'consultation_indirect',
      channel: 'phone',
      subject: '询问营业时间',
    });
    expect(indirect.statusCode, indirect.body).toBe(201);
    expect(indirect.json().state).not.toBe('closed');
  });

  it('CL-2: with the approved answer alone its text is the reply', async () => {
    const res = await agent.post('/api/v1/tickets', body({ answerOnIntake: undefined, subject: '营业时间' }));
    expect(res.statusCode, res.body).toBe(201);
    const t: Ticket = res.json();
    expect(t.state).toBe('closed');
    expect(t.timeline.find((e) => e.type === 'reply')?.body.text).toBe(ANSWER);
  });

  it('CL-2: any other type is refused with a stable code and nothing is written', async () => {
    const before = await agent.get(`/api/v1/tickets?unitId=${org.storeA.id}&pageSize=200`);
    for (const type of ['consultation_indirect', 'soft_complaint', 'repair']) {
      const res = await agent.post('/api/v1/tickets', body({ type, subject: `拒绝 ${type}` }));
      expect(res.statusCode, type).toBe(422);
      expect(res.json().code).toBe('tickets.answer_on_intake_not_direct');
    }
    const after = await agent.get(`/api/v1/tickets?unitId=${org.storeA.id}&pageSize=200`);
    expect(after.json().total).toBe(before.json().total);
  });

  it('CL-2: an empty answer is a 400', async () => {
    const res = await agent.post('/api/v1/tickets', body({ answerOnIntake: '   ' }));
    expect(res.statusCode).toBe(400);
  });

  it('CL-2: a direct consultation resolved later from the ticket page needs a current approved answer too, with the same checks as at intake', async () => {
    const open = async (subject: string) => {
      const res = await agent.post('/api/v1/tickets', {
        unitId: org.storeA.id,
        type: 'consultation_direct',
        channel: 'phone',
        subject,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const id = await open('营业时间（稍后答复）');
    expect(
      (await agent.post(`/api/v1/tickets/${id}/replies`, { body: '我们一般九点开门。', kind: 'answer' }))
        .statusCode,
    ).toBe(200);
    // A free answer does not resolve it.
    const free = await agent.post(`/api/v1/tickets/${id}/transition`, { to: 'resolved' });
    expect([free.statusCode, free.json().code]).toEqual([422, 'tickets.direct_answer_not_approved']);
    // Naming an answer the reply does not carry, or one no longer offered, is refused as at intake.
    const altered = await agent.post(`/api/v1/tickets/${id}/transition`, {
      to: 'resolved',
      answerArticleId: articleId,
    });
    expect([altered.statusCode, altered.json().code]).toEqual([422, 'knowledge.answer_altered']);
    const lapsed = await agent.post(`/api/v1/tickets/${id}/transition`, {
      to: 'resolved',
      answerArticleId: expiredId,
    });
    expect([lapsed.statusCode, lapsed.json().code]).toEqual([409, 'knowledge.not_offered']);
    expect((await agent.get(`/api/v1/tickets/${id}`)).json().state).not.toBe('resolved');
    // The approved text in the answer: resolved, then closed; the use is recorded with the ticket.
    expect(
      (await agent.post(`/api/v1/tickets/${id}/replies`, { body: `您好，${ANSWER}`, kind: 'answer' }))
        .statusCode,
    ).toBe(200);
    const ok = await agent.post(`/api/v1/tickets/${id}/transition`, {
      to: 'resolved',
      answerArticleId: articleId,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const closed = await agent.post(`/api/v1/tickets/${id}/transition`, { to: 'closed' });
    expect([closed.statusCode, closed.json().state]).toEqual([200, 'closed']);
    const moves = (closed.json() as Ticket).timeline.filter((e) => e.type === 'state_changed');
    expect(String(moves[0]!.body.reason)).toContain('门店营业时间？');
    const uses = await kefu.deps.db.select().from(kbArticleUses).where(eq(kbArticleUses.ticketId, id));
    expect(uses.map((u) => u.articleId)).toEqual([articleId]);

    // An answer inserted on the ticket (its use recorded) is the one taken when none is named; with
    // nothing typed its text becomes the answer; the use is counted once.
    const second = await open('营业时间（插入答复）');
    expect(
      (await agent.post(`/api/v1/knowledge/articles/${articleId}/use`, { ticketId: second })).statusCode,
    ).toBe(200);
    const resolved = await agent.post(`/api/v1/tickets/${second}/transition`, { to: 'resolved' });
    expect(resolved.statusCode, resolved.body).toBe(200);
    const t: Ticket = resolved.json();
    expect(t.state).toBe('resolved');
    expect(t.timeline.find((e) => e.type === 'reply')?.body).toMatchObject({ text: ANSWER, kind: 'answer' });
    expect(
      await kefu.deps.db.select().from(kbArticleUses).where(eq(kbArticleUses.ticketId, second)),
    ).toHaveLength(1);
  });

  it('IN-10: a retry with the same idempotency key answers the same closed ticket, without a second reply', async () => {
    const headers = { 'idempotency-key': 'spot-answer-1' };
    const first = await agent.request('POST', '/api/v1/tickets', body({ subject: '停车' }), headers);
    expect(first.statusCode, first.body).toBe(201);
    const again = await agent.request('POST', '/api/v1/tickets', body({ subject: '停车' }), headers);
    expect(again.statusCode).toBe(200);
    const t: Ticket = again.json();
    expect(t.id).toBe(first.json().id);
    expect(t.state).toBe('closed');
    expect(t.timeline.filter((e) => e.type === 'reply')).toHaveLength(1);
  });
});
