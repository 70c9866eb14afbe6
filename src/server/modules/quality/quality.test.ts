import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentQualityFigures, unitHash } from '../../../domain/reports';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { careTasks } from '../care/care.table';
import { inviteToSurvey, recordSurveyResponse } from '../surveys/surveys.service';
import { qualityReviews } from './quality.table';

let kefu: TestKefu;
let admin: HttpSession;
let sup1: HttpSession;
let sup2: HttpSession;
let supB: HttpSession;
let agentA: HttpSession;
let agentB: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
let agentAId: string;
let agentBId: string;
let customerId: string;
const ticketIds: Record<string, string> = {};
let followUpId: string;
const DAY = { from: '2026-03-02', to: '2026-03-02' };

/** A ticket taken and resolved by the agent today (the test clock's 2 March, 10:00 in Shanghai). */
async function resolvedTicket(agent: HttpSession, name: string, type: string) {
  const res = await agent.post('/api/v1/tickets', {
    unitId: org.storeA.id,
    channel: 'phone',
    type,
    subject: `${name}：客户来电`,
    customerId,
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  const resolved = await agent.post(`/api/v1/tickets/${id}/transition`, { to: 'resolved' });
  expect(resolved.statusCode, resolved.body).toBe(200);
  ticketIds[name] = id;
  return id;
}

const errorOf = (res: { statusCode: number; json(): { code: string } }) => [res.statusCode, res.json().code];

/**
 * 上海徐汇店 on 2 March 2026: agent A resolved a soft complaint (t1), a repair the customer then
 * rated 1 of 5 (t2, dissatisfied) and ten consultations (c1…c10), and finished one follow-up call;
 * agent B resolved one consultation (b1) and still works on a complaint (open, not a candidate).
 */
beforeAll(async () => {
  kefu = await createTestKefu({ KEFU_SESSION_IDLE_MINUTES: '10080', KEFU_SESSION_ABSOLUTE_HOURS: '2000' });
  admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  agentAId = (await createUser(admin, 'q.agent.a', org.storeA.id, 'agent')).id;
  agentBId = (await createUser(admin, 'q.agent.b', org.storeA.id, 'agent')).id;
  await createUser(admin, 'q.sup.1', org.storeA.id, 'cs_supervisor');
  await createUser(admin, 'q.sup.2', org.storeA.id, 'cs_supervisor');
  await createUser(admin, 'q.sup.b', org.storeB.id, 'cs_supervisor');
  const login = (u: string) => kefu.login(u, TEST_PASSWORD);
  sup1 = await login('q.sup.1');
  sup2 = await login('q.sup.2');
  supB = await login('q.sup.b');
  agentA = await login('q.agent.a');
  agentB = await login('q.agent.b');
  customerId = (
    await agentA.post('/api/v1/customers', {
      unitId: org.storeA.id,
      name: '周先生',
      phones: [{ number: '13900139000' }],
    })
  ).json().id;
  await resolvedTicket(agentA, 't1', 'soft_complaint');
  const t2 = await resolvedTicket(agentA, 't2', 'repair');
  for (let i = 1; i <= 10; i++) await resolvedTicket(agentA, `c${i}`, 'consultation_indirect');
  await resolvedTicket(agentB, 'b1', 'consultation_indirect');
  expect(
    (
      await agentB.post('/api/v1/tickets', {
        unitId: org.storeA.id,
        channel: 'phone',
        type: 'soft_complaint',
        subject: '仍在处理的投诉',
        customerId,
      })
    ).statusCode,
  ).toBe(201);
  const invitation = await kefu.deps.db.transaction((tx) =>
    inviteToSurvey(kefu.deps, tx, {
      unitId: org.storeA.id,
      customerId,
      subject: { type: 'ticket', id: t2 },
      employeeId: agentAId,
      delivery: 'portal',
      idempotencyKey: randomUUID(),
    }),
  );
  await kefu.deps.db.transaction((tx) =>
    recordSurveyResponse(kefu.deps, tx, null, invitation.invitationId, { csat: 1 } as never),
  );
  const now = kefu.clock.now();
  const [task] = await kefu.deps.db
    .insert(careTasks)
    .values({
      unitId: org.storeA.id,
      customerId,
      ruleCode: 'after_service_call',
      ruleName: '服务后回访',
      channel: 'call',
      purpose: 'service',
      script: '您好，这里是客服中心，回访一下上次的服务。',
      occurrenceKey: `q-test:${randomUUID()}`,
      sourceType: 'ticket',
      sourceId: t2,
      dueAt: now,
      dueDate: '2026-03-02',
      state: 'done',
      attempts: 1,
      outcome: 'reached_satisfied',
      doneBy: agentAId,
      doneAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  followUpId = task!.id;
});
afterAll(() => kefu.close());

const draw = (s: HttpSession, body: Record<string, unknown>) =>
  s.post('/api/v1/quality/samples', { unitId: org.storeA.id, ...DAY, ...body });
const reviewOf = async (subjectId: string) => {
  const [row] = await kefu.deps.db
    .select()
    .from(qualityReviews)
    .where(eq(qualityReviews.subjectId, subjectId));
  return row!;
};
const fullMarks = { greeting: 10, listening: 20, accuracy: 25, commitment: 20, record: 25 };

describe('RPT-7 quality review (质检)', () => {
  it('RPT-7: a draw takes every complaint and every dissatisfied answer, then a seeded random share; drawing again adds nothing', async () => {
    const rules = await draw(sup1, { randomPercent: 0 });
    expect(rules.statusCode, rules.body).toBe(201);
    const first = rules.json();
    // 12 of A's tickets, B's resolved one and A's follow-up call; B's open complaint is no candidate.
    expect(first).toMatchObject({
      candidates: 14,
      drawn: 2,
      byReason: { complaint: 1, dissatisfied: 1, random: 0 },
    });
    const byReason = Object.fromEntries(
      (first.reviews as { subjectId: string; reason: string }[]).map((r) => [r.subjectId, r.reason]),
    );
    expect(byReason).toEqual({ [ticketIds.t1!]: 'complaint', [ticketIds.t2!]: 'dissatisfied' });
    expect(first.reviews[0]).toMatchObject({ state: 'sampled', month: '2026-03', agent: { id: agentAId } });

    const share = await draw(sup1, { randomPercent: 30 });
    const seed = `${org.storeA.id}:${DAY.from}:${DAY.to}`;
    const rest = [
      ...Object.entries(ticketIds)
        .filter(([n]) => n !== 't1' && n !== 't2')
        .map(([, id]) => id),
      followUpId,
    ];
    const expected = rest.filter((id) => unitHash(`${seed}:${id}`) < 0.3).sort();
    expect(share.json()).toMatchObject({ candidates: 14, alreadyReviewed: 2, drawn: expected.length });
    expect((share.json().reviews as { subjectId: string }[]).map((r) => r.subjectId).sort()).toEqual(
      expected,
    );
    const again = (await draw(sup1, { randomPercent: 30 })).json();
    expect(again).toMatchObject({ drawn: 0, alreadyReviewed: expected.length + 2 });

    // By agent and by kind: B's one ticket; A's follow-up call, drawn in full at 100 %.
    const onlyB = (
      await draw(sup1, { agentIds: [agentBId], subjectTypes: ['ticket'], randomPercent: 0 })
    ).json();
    expect(onlyB).toMatchObject({ candidates: 1, drawn: 0 });
    const calls = (await draw(sup1, { subjectTypes: ['follow_up'], randomPercent: 100 })).json();
    expect(calls.candidates).toBe(1);
    expect(calls.drawn + calls.alreadyReviewed).toBe(1);
    const followUp = await reviewOf(followUpId);
    expect(followUp).toMatchObject({
      subjectType: 'follow_up',
      subjectLabel: '服务后回访',
      agentId: agentAId,
    });
    const audit = (await admin.get('/api/v1/audit?action=quality.sample_drawn')).json();
    expect(audit.total).toBeGreaterThanOrEqual(5);
  });

  it('RPT-7: bad draws — a reversed period is 400, another store is 404, an agent may not draw', async () => {
    expect(errorOf(await draw(sup1, { from: '2026-03-05', to: '2026-03-01' }))).toEqual([
      400,
      'reports.range_reversed',
    ]);
    expect(errorOf(await draw(sup1, { from: '2026-01-01', to: '2026-06-30' }))).toEqual([
      400,
      'quality.range_too_long',
    ]);
    expect(errorOf(await draw(sup1, { randomPercent: 101 }))).toEqual([400, 'validation.failed']);
    expect(errorOf(await draw(supB, {}))).toEqual([404, 'org.unit_not_found']);
    expect((await draw(agentA, {})).statusCode).toBe(403);
  });

  it('RPT-7: a supervisor scores item by item with comments; a missing or too-high score is 400; nobody scores twice or their own work', async () => {
    const t1 = await reviewOf(ticketIds.t1!);
    const score = (s: HttpSession, body: Record<string, unknown>, id = t1.id) =>
      s.post(`/api/v1/quality/reviews/${id}/score`, body);
    expect(errorOf(await score(sup1, { points: { greeting: 8 } }))).toEqual([
      400,
      'reports.quality_score_missing',
    ]);
    expect(errorOf(await score(sup1, { points: { ...fullMarks, greeting: 11 } }))).toEqual([
      400,
      'reports.quality_score_out_of_range',
    ]);
    expect(errorOf(await score(sup1, { points: { ...fullMarks, smile: 1 } }))).toEqual([
      400,
      'reports.quality_score_unknown_item',
    ]);
    expect((await score(agentA, { points: fullMarks })).statusCode).toBe(403);
    expect(errorOf(await score(supB, { points: fullMarks }))).toEqual([404, 'quality.review_not_found']);
    const ok = await score(sup1, {
      points: { greeting: 8, listening: 16, accuracy: 20, commitment: 15, record: 20 },
      itemComments: { commitment: '承诺“明天上门”未注明审批人' },
      comment: '整体规范，承诺需有依据',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      state: 'scored',
      percent: 79,
      finalPercent: 79,
      reviewer: { name: 'q.sup.1' },
      itemComments: { commitment: '承诺“明天上门”未注明审批人' },
      form: { version: 1, items: expect.arrayContaining([expect.objectContaining({ key: 'greeting' })]) },
      can: { score: false, decide: false },
    });
    expect(errorOf(await score(sup2, { points: fullMarks }))).toEqual([409, 'quality.already_scored']);
    const t2 = await reviewOf(ticketIds.t2!);
    expect(
      (
        await score(
          sup1,
          { points: { greeting: 6, listening: 12, accuracy: 15, commitment: 12, record: 15 } },
          t2.id,
        )
      ).json().percent,
    ).toBe(60);
  });

  it('RPT-7: the appeal is made once only, by the reviewed agent only, and decided by a different supervisor', async () => {
    const t1 = await reviewOf(ticketIds.t1!);
    const appeal = (s: HttpSession, id = t1.id) =>
      s.post(`/api/v1/quality/reviews/${id}/appeal`, { reason: '承诺经店长口头批准，有通话录音为证' });
    const decide = (s: HttpSession, body: Record<string, unknown>, id = t1.id) =>
      s.post(`/api/v1/quality/reviews/${id}/decision`, body);
    // Another agent does not even see it; a supervisor sees it but it is not theirs to appeal.
    expect(errorOf(await appeal(agentB))).toEqual([404, 'quality.review_not_found']);
    expect(errorOf(await appeal(sup2))).toEqual([403, 'reports.quality_appeal_not_yours']);
    expect(errorOf(await decide(sup2, { decision: 'uphold', comment: '维持' }))).toEqual([
      409,
      'reports.quality_no_appeal_pending',
    ]);
    const seen = (await agentA.get(`/api/v1/quality/reviews/${t1.id}`)).json();
    expect(seen).toMatchObject({ percent: 79, can: { appeal: true, score: false, decide: false } });
    const appealed = await appeal(agentA);
    expect(appealed.statusCode, appealed.body).toBe(200);
    expect(appealed.json()).toMatchObject({ state: 'appealed', can: { appeal: false } });
    expect(errorOf(await appeal(agentA))).toEqual([409, 'reports.quality_already_appealed']);
    // The supervisor who scored it may not decide; nor may one of another store.
    expect(errorOf(await decide(sup1, { decision: 'uphold', comment: '维持原分' }))).toEqual([
      403,
      'reports.quality_reviewer_decides_own_appeal',
    ]);
    expect(errorOf(await decide(supB, { decision: 'uphold', comment: '维持原分' }))).toEqual([
      404,
      'quality.review_not_found',
    ]);
    expect((await decide(sup2, { decision: 'revise', comment: '缺分数' })).statusCode).toBe(400);
    expect((await sup2.get(`/api/v1/quality/reviews/${t1.id}`)).json().can.decide).toBe(true);
    const revised = await decide(sup2, {
      decision: 'revise',
      comment: '核实录音，承诺有店长批准，改分',
      points: { greeting: 8, listening: 16, accuracy: 20, commitment: 20, record: 26 },
    });
    expect(errorOf(revised)).toEqual([400, 'reports.quality_score_out_of_range']);
    const ok = await decide(sup2, {
      decision: 'revise',
      comment: '核实录音，承诺有店长批准，改分',
      points: { greeting: 8, listening: 16, accuracy: 20, commitment: 20, record: 25 },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      state: 'revised',
      percent: 79,
      finalPercent: 89,
      appeal: {
        decision: 'revise',
        decidedBy: { name: 'q.sup.2' },
        reason: '承诺经店长口头批准，有通话录音为证',
      },
    });
    expect(errorOf(await appeal(agentA))).toEqual([409, 'reports.quality_already_appealed']);
    expect(errorOf(await decide(sup2, { decision: 'uphold', comment: '再议' }))).toEqual([
      409,
      'reports.quality_no_appeal_pending',
    ]);
    // t2: appealed and upheld.
    const t2 = await reviewOf(ticketIds.t2!);
    expect((await appeal(agentA, t2.id)).statusCode).toBe(200);
    expect(
      (await decide(sup2, { decision: 'uphold', comment: '客户确实不满意，维持' }, t2.id)).json(),
    ).toMatchObject({
      state: 'upheld',
      finalPercent: 60,
    });
    const trail = (await admin.get(`/api/v1/audit?subjectType=quality_review&subjectId=${t1.id}`)).json();
    expect((trail.items as { action: string }[]).map((e) => e.action).sort()).toEqual([
      'quality.appeal_decided',
      'quality.review_appealed',
      'quality.review_scored',
    ]);
  });

  it('RPT-7: scores feed the agent’s monthly figures — hand-built numbers, the same as a recount of the reviews; an agent sees only their own', async () => {
    const figures = await sup1.get(`/api/v1/quality/figures?unitId=${org.storeA.id}&month=2026-03`);
    expect(figures.statusCode, figures.body).toBe(200);
    const f = figures.json();
    expect(f).toMatchObject({ month: '2026-03', from: '2026-02-26', to: '2026-03-25' });
    // t1: 79 revised to 89; t2: 60 upheld → two reviews, (89 + 60) / 2 = 74.5, two appeals, one revised.
    expect(f.items).toEqual([
      {
        agent: { id: agentAId, name: 'q.agent.a' },
        reviews: 2,
        averagePercent: 74.5,
        appeals: 2,
        appealsRevised: 1,
      },
    ]);
    const scored = await kefu.deps.db
      .select()
      .from(qualityReviews)
      .where(inArray(qualityReviews.state, ['scored', 'appealed', 'upheld', 'revised']));
    const recount = agentQualityFigures(
      scored.map((r) => ({ agentId: r.agentId, state: r.state as 'scored', finalPercent: r.finalPercent! })),
    );
    expect(Object.fromEntries(recount)).toEqual(
      Object.fromEntries(
        (
          f.items as {
            agent: { id: string };
            reviews: number;
            averagePercent: number;
            appeals: number;
            appealsRevised: number;
          }[]
        ).map((i) => [
          i.agent.id,
          {
            reviews: i.reviews,
            averagePercent: i.averagePercent,
            appeals: i.appeals,
            appealsRevised: i.appealsRevised,
          },
        ]),
      ),
    );
    const own = (await agentA.get('/api/v1/quality/figures?month=2026-03')).json();
    expect(own.items.map((i: { agent: { id: string } }) => i.agent.id)).toEqual([agentAId]);
    expect((await agentB.get('/api/v1/quality/figures?month=2026-03')).json().items).toEqual([]);
    // B's work may be in the random share, but nothing of B's is scored: B sees no review yet.
    const list = (await agentB.get('/api/v1/quality/reviews')).json();
    expect(list.total).toBe(0);
    const mine = (await agentA.get('/api/v1/quality/reviews?state=revised')).json();
    expect(mine.items.map((r: { subjectId: string }) => r.subjectId)).toEqual([ticketIds.t1]);
    expect(errorOf(await sup1.get('/api/v1/quality/figures?month=2026-13'))).toEqual([
      400,
      'validation.failed',
    ]);
    expect(errorOf(await sup1.get(`/api/v1/quality/figures?unitId=${org.storeB.id}&month=2026-03`))).toEqual([
      404,
      'org.unit_not_found',
    ]);
  });

  it('RPT-7: the form is versioned per company; a review keeps the form it was scored on; bad forms are 400', async () => {
    const items = [
      { key: 'greeting', labelZh: '开场问候', labelEn: 'Greeting', maxPoints: 20 },
      { key: 'accuracy', labelZh: '答复准确', labelEn: 'Accuracy', maxPoints: 50 },
      { key: 'record', labelZh: '记录完整', labelEn: 'Record complete', maxPoints: 30 },
    ];
    const saved = await sup1.request('PUT', '/api/v1/quality/form', { unitId: org.storeA.id, items });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ unitId: org.storeA.id, version: 1, items });
    const again = await sup1.request('PUT', '/api/v1/quality/form', { unitId: org.storeA.id, items });
    expect(again.json().version).toBe(2);
    const dup = await sup1.request('PUT', '/api/v1/quality/form', {
      unitId: org.storeA.id,
      items: [items[0], items[0]],
    });
    expect(errorOf(dup)).toEqual([400, 'reports.quality_item_duplicate']);
    expect(
      errorOf(await sup1.request('PUT', '/api/v1/quality/form', { unitId: org.storeB.id, items })),
    ).toEqual([404, 'org.unit_not_found']);
    expect(
      (await agentA.request('PUT', '/api/v1/quality/form', { unitId: org.storeA.id, items })).statusCode,
    ).toBe(403);
    // The scored review still shows the shipped form it was scored on.
    const t1 = await reviewOf(ticketIds.t1!);
    const old = (await sup1.get(`/api/v1/quality/reviews/${t1.id}`)).json();
    expect(old.form.items.map((i: { key: string }) => i.key)).toEqual([
      'greeting',
      'listening',
      'accuracy',
      'commitment',
      'record',
    ]);
    // A review scored now uses version 2 of the store's form.
    const followUp = await reviewOf(followUpId);
    const scored = await sup2.post(`/api/v1/quality/reviews/${followUp.id}/score`, {
      points: { greeting: 20, accuracy: 40, record: 30 },
    });
    expect(scored.statusCode, scored.body).toBe(200);
    expect(scored.json()).toMatchObject({ percent: 90, form: { version: 2, unitId: org.storeA.id } });
    const form = (await agentA.get(`/api/v1/quality/form?unitId=${org.storeA.id}`)).json();
    expect(form.version).toBe(2);
  });

  it('RPT-7 / RPT-2: the review month is the company’s report month — cut on its configured day, not the 25th', async () => {
    // The company closes its month on the 1st: work handled on 2 March belongs to April's period.
    const set = await admin.request('PUT', `/api/v1/reports/settings?unitId=${org.hq.id}`, { cutOffDay: 1 });
    expect(set.statusCode, set.body).toBe(200);
    try {
      const id = await resolvedTicket(agentB, 'late-cut', 'soft_complaint');
      const drawn = await draw(sup1, { randomPercent: 0, agentIds: [agentBId] });
      expect(drawn.statusCode, drawn.body).toBe(201);
      const review = (drawn.json().reviews as { subjectId: string; month: string }[]).find(
        (r) => r.subjectId === id,
      );
      expect(review?.month).toBe('2026-04');
      const figures = await sup1.get(`/api/v1/quality/figures?unitId=${org.storeA.id}&month=2026-04`);
      expect(figures.statusCode, figures.body).toBe(200);
      // The page names the rule from the answer (and the sample form's dates from it), not a fixed 25th.
      expect(figures.json()).toMatchObject({
        month: '2026-04',
        from: '2026-03-02',
        to: '2026-04-01',
        cutOffDay: 1,
        unit: { id: org.storeA.id, name: '上海徐汇店' },
      });
    } finally {
      await admin.request('PUT', `/api/v1/reports/settings?unitId=${org.hq.id}`, { cutOffDay: 25 });
    }
  });
});
