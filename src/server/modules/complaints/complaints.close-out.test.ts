import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { HttpSession } from '../../test/test-app';
import { rerunMigrationPart } from '../../test/migration-part';
import { createComplaintsWorld, type Ticket } from './complaints.test-world';

let w: Awaited<ReturnType<typeof createComplaintsWorld>>;
beforeAll(async () => {
  w = await createComplaintsWorld();
});
afterAll(() => w.kefu.close());

type Named = { id: string; name: string } | null;
type Chain = {
  applies: boolean;
  stage: string | null;
  turn: { step: string; holders: { id: string; name: string }[] } | null;
  request: { by: Named; note: string | null } | null;
  steps: { step: string; text: string | null; by: Named; at: string | null }[];
  filed: { by: Named; at: string } | null;
  lastReturn: { from: string; reason: string; by: Named } | null;
  may: { request: boolean; complete: string | null; sendBack: string | null };
};

const chain = async (id: string, session: HttpSession = w.agentA): Promise<Chain> =>
  (await w.complaint(id, session)).closeOut;
const step = (c: Chain, key: string) => c.steps.find((s) => s.step === key)!;
const opinion = { text: '工程部返工及时，责任在安装环节，建议通报批评' };
const assessed = { text: '已按制度对工程部当月考核扣 2 分' };

/** Everything a refused step could have touched: the chain, the ticket, its timeline, its audit rows. */
async function footprint(id: string) {
  const ticket = (await w.agentA.get(`/api/v1/tickets/${id}`)).json();
  const audit = (await w.admin.get(`/api/v1/audit?subjectType=ticket&subjectId=${id}&pageSize=100`)).json();
  return {
    chain: await chain(id),
    state: ticket.state,
    timeline: ticket.timeline.length,
    audit: audit.total,
  };
}

/** A resolved soft complaint whose close-out the intake agent has asked for. */
async function requested(): Promise<Ticket> {
  const t = await w.create({});
  await w.resolve(t.id);
  const res = await w.act(w.agentA, t.id, 'close-out', { note: '已返工，客户确认' });
  expect(res.statusCode, res.body).toBe(200);
  return t;
}

async function ok(session: HttpSession, id: string, path: string, body: unknown = {}) {
  const res = await w.act(session, id, path, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Ticket;
}

describe('CMP-5 close-out chain', () => {
  it('CMP-5: the agent asks, then the quality lead, the assessment lead and the GM act in turn; only the last step closes and files the ticket', async () => {
    const t = await w.create({ type: 'hard_complaint' });
    const early = await w.act(w.agentA, t.id, 'close-out', {});
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('complaints.close_out_not_resolved');
    await w.resolve(t.id);
    expect((await chain(t.id)).may.request).toBe(true);
    await ok(w.agentA, t.id, 'close-out', { note: '已更换面料，客户认可' });

    const atQuality = await chain(t.id);
    expect(atQuality).toMatchObject({
      stage: 'quality_opinion',
      turn: { step: 'quality_opinion', holders: [{ id: w.ids.c_qm, name: 'c_qm' }] },
      request: { by: { id: w.ids.c_agent_a }, note: '已更换面料，客户认可' },
      may: { request: false, complete: null },
    });
    expect((await chain(t.id, w.qm)).may).toMatchObject({
      complete: 'quality_opinion',
      sendBack: 'quality_opinion',
    });
    expect(
      (await w.notices(w.qm)).some(
        (n) => n.subjectId === t.id && (n.payload.closeOut as { stage: string }).stage === 'quality_opinion',
      ),
    ).toBe(true);

    expect((await ok(w.qm, t.id, 'close-out/quality-opinion', opinion)).state).toBe('resolved');
    const atAssessment = await chain(t.id);
    expect(atAssessment.turn).toEqual({ step: 'assessment', holders: [{ id: w.ids.c_kpi, name: 'c_kpi' }] });
    expect(step(atAssessment, 'quality_opinion')).toMatchObject({
      text: opinion.text,
      by: { id: w.ids.c_qm },
    });
    expect((await w.notices(w.kpi)).some((n) => n.subjectId === t.id)).toBe(true);

    expect((await ok(w.kpi, t.id, 'close-out/assessment', assessed)).state).toBe('resolved');
    expect((await chain(t.id)).turn).toEqual({
      step: 'approval',
      holders: [{ id: w.ids.c_gm, name: 'c_gm' }],
    });

    const closed = await ok(w.gm, t.id, 'close-out/approve', { text: '同意结案' });
    expect(closed.state).toBe('closed');
    expect(closed.timeline.map((e) => e.type)).toEqual(
      expect.arrayContaining(['close_out_requested', 'close_out_step', 'close_out_approved']),
    );
    const filed = await chain(t.id);
    expect(filed).toMatchObject({
      stage: 'filed',
      turn: null,
      filed: { by: { id: w.ids.c_gm } },
      may: { request: false, complete: null },
    });
    expect(filed.steps.map((s) => s.by?.id)).toEqual([w.ids.c_qm, w.ids.c_kpi, w.ids.c_gm]);
    expect(step(filed, 'assessment').text).toBe(assessed.text);
    expect((await w.notices(w.agentA)).some((n) => n.subjectId === t.id)).toBe(true);

    const audit = (
      await w.admin.get(`/api/v1/audit?subjectType=ticket&subjectId=${t.id}&pageSize=100`)
    ).json();
    const actions = audit.items.map((a: { action: string }) => a.action);
    for (const action of [
      'complaints.close_out_requested',
      'complaints.close_out_quality_opinion',
      'complaints.close_out_assessment',
      'complaints.close_out_approval',
    ])
      expect(actions).toContain(action);
    const listed = (await w.gm.get('/api/v1/complaints/close-outs?view=filed')).json().items;
    expect(listed.map((i: { ticket: { id: string } }) => i.ticket.id)).toContain(t.id);
    const again = await w.act(w.gm, t.id, 'close-out/approve');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('complaints.close_out_filed');
  });

  it('CMP-5: a step by someone without its permission in the ticket’s unit line is refused 403 and writes nothing', async () => {
    const t = await requested();
    const before = await footprint(t.id);
    // At step 1: the GM, the agent, the supervisor and the assessment lead do not hold the quality step.
    for (const session of [w.gm, w.agentA, w.supervisor, w.kpi]) {
      const res = await w.act(session, t.id, 'close-out/quality-opinion', opinion);
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json()).toMatchObject({ code: 'complaints.close_out_step_forbidden' });
      expect(res.json().message).toContain('质量负责人');
    }
    for (const [session, path] of [
      [w.qm, 'close-out/assessment'],
      [w.qm, 'close-out/approve'],
      [w.agentA, 'close-out/approve'],
      [w.kpi, 'close-out/approve'],
    ] as const) {
      const res = await w.act(session, t.id, path, path.endsWith('approve') ? {} : assessed);
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().code).toBe('complaints.close_out_step_forbidden');
    }
    const sendBack = await w.act(w.gm, t.id, 'close-out/send-back', {
      step: 'quality_opinion',
      reason: '请补材料',
    });
    expect(sendBack.json().code).toBe('complaints.close_out_step_forbidden');
    // A quality manager of another store does not see the ticket at all.
    expect((await w.act(w.qmB, t.id, 'close-out/quality-opinion', opinion)).statusCode).toBe(404);
    expect(await footprint(t.id)).toEqual(before);
  });

  it('CMP-5: with the assessment switch off ("does not count") a note is refused 400 and nothing is written; off without a note is recorded as not counted; on needs the note', async () => {
    const t = await requested();
    await ok(w.qm, t.id, 'close-out/quality-opinion', opinion);
    const before = await footprint(t.id);
    const refused = await w.act(w.kpi, t.id, 'close-out/assessment', { counts: false, text: '扣 2 分' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('complaints.close_out_assessment_note_not_counted');
    expect(await footprint(t.id)).toEqual(before);
    const countsWithoutNote = await w.act(w.kpi, t.id, 'close-out/assessment', { counts: true });
    expect(countsWithoutNote.json().code).toBe('complaints.close_out_text_required');
    expect(await footprint(t.id)).toEqual(before);

    await ok(w.kpi, t.id, 'close-out/assessment', { counts: false });
    const c = await chain(t.id);
    expect(c.stage).toBe('approval');
    expect(step(c, 'assessment')).toMatchObject({ text: null, counts: false, by: { id: w.ids.c_kpi } });
    const ticket = (await w.agentA.get(`/api/v1/tickets/${t.id}`)).json() as Ticket;
    expect(ticket.timeline.at(-1)).toMatchObject({
      type: 'close_out_step',
      body: { step: 'assessment', counts: false },
    });
    const listed = (await w.gm.get('/api/v1/complaints/close-outs?view=open')).json().items;
    expect(listed.find((i: { ticket: { id: string } }) => i.ticket.id === t.id)).toMatchObject({
      assessmentCounts: false,
      assessmentNote: null,
    });
    // The earlier body (text only) still means "counted".
    const u = await requested();
    await ok(w.qm, u.id, 'close-out/quality-opinion', opinion);
    await ok(w.kpi, u.id, 'close-out/assessment', assessed);
    expect(step(await chain(u.id), 'assessment')).toMatchObject({ text: assessed.text, counts: true });
  });

  it('CMP-5: a step out of its turn is refused 409 and writes nothing; a second request while one runs too', async () => {
    const t = await requested();
    const before = await footprint(t.id);
    const approve = await w.act(w.gm, t.id, 'close-out/approve', { text: '同意' });
    expect(approve.statusCode).toBe(409);
    expect(approve.json().code).toBe('complaints.close_out_out_of_order');
    expect((await w.act(w.kpi, t.id, 'close-out/assessment', assessed)).json().code).toBe(
      'complaints.close_out_out_of_order',
    );
    expect(
      (await w.act(w.gm, t.id, 'close-out/send-back', { step: 'approval', reason: '不同意' })).json().code,
    ).toBe('complaints.close_out_out_of_order');
    expect((await w.act(w.agentA, t.id, 'close-out', {})).json().code).toBe(
      'complaints.close_out_not_allowed',
    );
    expect(await footprint(t.id)).toEqual(before);
    expect((await w.act(w.qm, t.id, 'close-out/quality-opinion', { text: ' ' })).statusCode).toBe(400);
  });

  it('CMP-5: each step sends back one step with a reason; the quality lead sends it back to the intake agent', async () => {
    const t = await requested();
    await ok(w.qm, t.id, 'close-out/quality-opinion', opinion);
    await ok(w.kpi, t.id, 'close-out/assessment', assessed);

    const fromGm = await ok(w.gm, t.id, 'close-out/send-back', {
      step: 'approval',
      reason: '考核依据不充分',
    });
    expect(fromGm.state).toBe('resolved');
    const atAssessment = await chain(t.id);
    expect(atAssessment).toMatchObject({
      stage: 'assessment',
      lastReturn: { from: 'approval', reason: '考核依据不充分', by: { id: w.ids.c_gm } },
    });
    expect(step(atAssessment, 'assessment').by).toBeNull();
    expect(step(atAssessment, 'quality_opinion').by?.id).toBe(w.ids.c_qm);
    expect(
      (await w.notices(w.kpi)).some(
        (n) =>
          n.subjectId === t.id && (n.payload.closeOut as { reason?: string }).reason === '考核依据不充分',
      ),
    ).toBe(true);

    await ok(w.kpi, t.id, 'close-out/send-back', { step: 'assessment', reason: '请写明责任部门' });
    const atQuality = await chain(t.id);
    expect(atQuality).toMatchObject({ stage: 'quality_opinion', lastReturn: { from: 'assessment' } });
    expect(step(atQuality, 'quality_opinion').by).toBeNull();

    await ok(w.qm, t.id, 'close-out/send-back', { step: 'quality_opinion', reason: '缺少整改照片' });
    const returned = await chain(t.id);
    expect(returned).toMatchObject({
      stage: 'returned',
      turn: { step: 'intake_agent', holders: [{ id: w.ids.c_agent_a }] },
      lastReturn: { from: 'quality_opinion', reason: '缺少整改照片' },
      may: { request: true },
    });
    expect((await w.notices(w.agentA)).some((n) => n.subjectId === t.id)).toBe(true);
    expect((await w.act(w.qm, t.id, 'close-out/quality-opinion', opinion)).statusCode).toBe(409);

    await ok(w.agentA, t.id, 'close-out', { note: '已补整改照片' });
    expect(await chain(t.id)).toMatchObject({ stage: 'quality_opinion', request: { note: '已补整改照片' } });
    const timeline = (await w.agentA.get(`/api/v1/tickets/${t.id}`)).json().timeline as Ticket['timeline'];
    expect(timeline.filter((e) => e.type === 'close_out_sent_back')).toHaveLength(3);
  });

  it('CMP-5 / SAT-2: a dissatisfied evaluation reopens the closed complaint and resets its chain; reopening mid-chain voids it and takes it out of the inbox', async () => {
    const t = await requested();
    await ok(w.qm, t.id, 'close-out/quality-opinion', opinion);
    await ok(w.kpi, t.id, 'close-out/assessment', assessed);
    await ok(w.gm, t.id, 'close-out/approve');
    const reopened = await ok(w.agentA, t.id, 'evaluation', {
      result: 'dissatisfied',
      comment: '还是有异味',
    });
    expect(reopened.state).toBe('in_progress');
    const reset = await chain(t.id);
    expect(reset).toMatchObject({ stage: null, turn: null, request: null, filed: null });
    expect(reset.steps.every((s) => s.by === null)).toBe(true);
    w.kefu.clock.advanceBy(60_000);
    await w.resolve(t.id);
    await ok(w.agentA, t.id, 'close-out', {});
    expect((await chain(t.id)).stage).toBe('quality_opinion');

    // Reopened by a plain transition while the quality lead was due: the chain no longer counts.
    await ok(w.agentA, t.id, 'transition', { to: 'in_progress', reason: '客户来电补充问题' });
    expect((await chain(t.id)).stage).toBeNull();
    expect(await waitingFor(w.qm, t.id)).toBeUndefined();
    const late = await w.act(w.qm, t.id, 'close-out/quality-opinion', opinion);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('complaints.close_out_not_resolved');
    w.kefu.clock.advanceBy(60_000);
    await w.resolve(t.id);
    expect(await chain(t.id)).toMatchObject({ stage: null, may: { request: true } });
  });

  it('CMP-5: only complaints go through close-out; the worklist shows each owner what waits for them', async () => {
    const repair = await w.create({ type: 'repair' });
    await w.resolve(repair.id);
    expect((await w.act(w.agentA, repair.id, 'close-out', {})).json().code).toBe(
      'complaints.close_out_not_applicable',
    );
    expect((await chain(repair.id)).applies).toBe(false);

    const t = await requested();
    const ids = async (session: HttpSession, view = 'mine') =>
      (
        (await session.get(`/api/v1/complaints/close-outs?view=${view}`)).json().items as {
          ticket: { id: string };
        }[]
      ).map((i) => i.ticket.id);
    expect(await ids(w.qm)).toContain(t.id);
    expect(await ids(w.gm)).not.toContain(t.id);
    expect(await ids(w.gm, 'open')).toContain(t.id);
    await ok(w.qm, t.id, 'close-out/quality-opinion', opinion);
    expect(await ids(w.qm)).not.toContain(t.id);
    expect(await ids(w.kpi)).toContain(t.id);
  });
});

type Approval = {
  id: string;
  subjectType: string;
  subjectId: string;
  status: string;
  round: number;
  currentStage: string | null;
  steps: { stage: string; decision: string; by: string; reason: string | null; returnedTo?: string | null }[];
};

/** The close-out's engine request as the caller's approval inbox lists it, or undefined. */
async function waitingFor(session: HttpSession, ticketId: string): Promise<Approval | undefined> {
  const inbox = (await session.get('/api/v1/approvals/inbox?pageSize=100')).json() as { waiting: Approval[] };
  return inbox.waiting.find((r) => r.subjectType === 'complaint_close_out' && r.subjectId === ticketId);
}

describe('CMP-5 close-out on the approval engine', () => {
  it('CMP-5: three stages in order in the owners’ approval inboxes; the GM sends back one stage with a reason; the assessment lead re-approves and the GM approves from the inbox, which closes and files', async () => {
    const t = await requested();
    const atQuality = await waitingFor(w.qm, t.id);
    expect(atQuality).toMatchObject({ status: 'pending', currentStage: 'quality_opinion', round: 1 });
    expect(await waitingFor(w.kpi, t.id)).toBeUndefined();
    expect(await waitingFor(w.gm, t.id)).toBeUndefined();
    // From the inbox the quality lead cannot approve without the opinion: it is written on the complaint.
    const bare = await w.qm.post(`/api/v1/approvals/${atQuality!.id}/approve`, {});
    expect(bare.statusCode, bare.body).toBe(400);
    expect(bare.json().code).toBe('complaints.close_out_text_required');
    expect((await chain(t.id)).stage).toBe('quality_opinion');

    await ok(w.qm, t.id, 'close-out/quality-opinion', opinion);
    expect(await waitingFor(w.qm, t.id)).toBeUndefined();
    expect((await waitingFor(w.kpi, t.id))?.currentStage).toBe('assessment');
    await ok(w.kpi, t.id, 'close-out/assessment', assessed);
    expect((await waitingFor(w.gm, t.id))?.currentStage).toBe('approval');

    await ok(w.gm, t.id, 'close-out/send-back', { step: 'approval', reason: '考核依据不充分' });
    const back = (await w.gm.get(`/api/v1/approvals/${atQuality!.id}`)).json() as Approval;
    expect(back).toMatchObject({ status: 'pending', currentStage: 'assessment', round: 1 });
    expect(back.steps.at(-1)).toMatchObject({
      stage: 'approval',
      decision: 'sent_back',
      returnedTo: 'assessment',
      reason: '考核依据不充分',
      by: w.ids.c_gm,
    });
    expect((await chain(t.id)).stage).toBe('assessment');
    expect(await waitingFor(w.gm, t.id)).toBeUndefined();
    const audit = (
      await w.admin.get(`/api/v1/audit?subjectType=approval_request&subjectId=${back.id}&pageSize=100`)
    ).json();
    expect(audit.items.map((a: { action: string }) => a.action)).toContain('approval.sent_back');

    await ok(w.kpi, t.id, 'close-out/assessment', { text: '已补考核依据：扣 2 分' });
    const waiting = await waitingFor(w.gm, t.id);
    expect(waiting?.currentStage).toBe('approval');
    const approved = await w.gm.post(`/api/v1/approvals/${waiting!.id}/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', currentStage: null });
    const ticket = (await w.agentA.get(`/api/v1/tickets/${t.id}`)).json() as Ticket;
    expect(ticket.state).toBe('closed');
    expect(await chain(t.id)).toMatchObject({ stage: 'filed', filed: { by: { id: w.ids.c_gm } } });
    expect(step(await chain(t.id), 'assessment').text).toBe('已补考核依据：扣 2 分');
  });

  it('CMP-5: sent back to the intake agent, the request is asked again as a new round from the quality lead', async () => {
    const t = await requested();
    await ok(w.qm, t.id, 'close-out/send-back', { step: 'quality_opinion', reason: '缺少整改照片' });
    expect(await waitingFor(w.qm, t.id)).toBeUndefined();
    await ok(w.agentA, t.id, 'close-out', { note: '已补整改照片' });
    expect(await waitingFor(w.qm, t.id)).toMatchObject({ currentStage: 'quality_opinion', round: 2 });
  });

  it('CMP-5: a close-out waiting at the assessment before the engine took over is carried over by the migration and goes on', async () => {
    const t = await requested();
    await ok(w.qm, t.id, 'close-out/quality-opinion', opinion);
    // As before the move: the complaint record alone knows the stage; the engine has no request.
    const db = w.kefu.deps.db;
    await db.execute(
      sql`delete from approval_steps where request_id in (select id from approval_requests where subject_id = ${t.id})`,
    );
    await db.execute(sql`delete from approval_requests where subject_id = ${t.id}`);
    expect(await waitingFor(w.kpi, t.id)).toBeUndefined();

    await rerunMigrationPart(db, 'approval_engine_cmp_org.sql', '-- carry-over: close-out');
    const carried = await waitingFor(w.kpi, t.id);
    expect(carried).toMatchObject({ status: 'pending', currentStage: 'assessment' });
    expect(carried!.steps).toMatchObject([
      { stage: 'quality_opinion', decision: 'approved', by: w.ids.c_qm },
    ]);
    await ok(w.kpi, t.id, 'close-out/assessment', assessed);
    expect((await ok(w.gm, t.id, 'close-out/approve', { text: '同意结案' })).state).toBe('closed');
  });
});
