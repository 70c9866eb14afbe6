import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { auditLog } from '../audit/audit.table';

let kefu: TestKefu;
let agent: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;

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
});
afterAll(() => kefu.close());

const ANSWER = '门店营业时间为每天 9:00–21:00，节假日照常营业。';
const body = (extra: Record<string, unknown> = {}) => ({
  unitId: org.storeA.id,
  type: 'consultation_direct',
  channel: 'phone',
  subject: '询问营业时间',
  answerOnIntake: ANSWER,
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
    expect(reply).toMatchObject({ visibility: 'customer', body: { text: ANSWER, kind: 'answer' } });
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
    expect(audits[1]!.after).toMatchObject({ text: ANSWER });
    expect(String((audits[3]!.after as { reason: string }).reason)).toContain('受理并办结');
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
