import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { tinyPng } from '../attachments/attachments.test-images';

// The clock stands at Monday 2 March 2026, 10:00 in Shanghai; 2–6 and 9–13 March are working days.
let kefu: TestKefu;
let admin: HttpSession;
let agentA: HttpSession;
let agentB: HttpSession;
let deptMember: HttpSession;
let deptHead: HttpSession;
let supervisor: HttpSession;
let gm: HttpSession;
let qm: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
const ids: Record<string, string> = {};

type Target = { key: string; state: string; dueAt: string | null; committedAt: string | null };
type Ticket = {
  id: string;
  state: string;
  slaTargets: Target[];
  timeline: { type: string; visibility: string; body: Record<string, unknown> }[];
};

beforeAll(async () => {
  // Department replies come a day later: sessions must outlive the moved clock.
  kefu = await createTestKefu({ KEFU_SESSION_IDLE_MINUTES: '10080', KEFU_SESSION_ABSOLUTE_HOURS: '2000' });
  admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  const people: [string, string, string][] = [
    ['c_agent_a', org.storeA.id, 'agent'],
    ['c_agent_a2', org.storeA.id, 'agent'],
    ['c_agent_b', org.storeB.id, 'agent'],
    ['c_dept_member', org.storeAEngineering.id, 'department_member'],
    ['c_dept_head', org.storeAEngineering.id, 'department_head'],
    ['c_supervisor', org.storeA.id, 'cs_supervisor'],
    ['c_gm', org.hq.id, 'general_manager'],
    ['c_qm', org.hq.id, 'quality_manager'],
  ];
  for (const [name, unit, role] of people) ids[name] = (await createUser(admin, name, unit, role)).id;
  [agentA, agentB, deptMember, deptHead, supervisor, gm, qm] = await Promise.all(
    ['c_agent_a', 'c_agent_b', 'c_dept_member', 'c_dept_head', 'c_supervisor', 'c_gm', 'c_qm'].map((u) =>
      kefu.login(u, TEST_PASSWORD),
    ),
  );
  const rules = await admin.request('PUT', `/api/v1/routing-rules?unitId=${org.storeA.id}`, {
    rules: [{ rectificationKind: 'engineering', departmentId: org.storeAEngineering.id }],
  });
  expect(rules.statusCode, rules.body).toBe(200);
});
afterAll(() => kefu.close());

async function create(extra: Record<string, unknown>, session = agentA): Promise<Ticket> {
  const res = await session.post('/api/v1/tickets', {
    unitId: org.storeA.id,
    channel: 'phone',
    subject: '客户投诉',
    type: 'soft_complaint',
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const act = (session: HttpSession, id: string, path: string, body: unknown = {}) =>
  session.post(`/api/v1/tickets/${id}/${path}`, body);
const target = (t: Ticket, key: string) => t.slaTargets.find((x) => x.key === key)!;
const complaint = async (id: string, session = agentA) =>
  (await session.get(`/api/v1/tickets/${id}/complaint`)).json();
const putComplaint = (id: string, body: unknown, session = agentA) =>
  session.request('PUT', `/api/v1/tickets/${id}/complaint`, body);
async function resolve(id: string) {
  const res = await act(agentA, id, 'transition', { to: 'resolved' });
  expect(res.statusCode, res.body).toBe(200);
}
const notices = async (session: HttpSession) =>
  (await session.get('/api/v1/notifications?pageSize=100')).json().items as {
    kind: string;
    subjectId: string;
    payload: Record<string, unknown>;
  }[];
const reply = (extra: Record<string, unknown> = {}) => ({
  findings: '现场查看：卫生间地漏反坡，施工时找坡不足',
  rootCause: '工程部·泥工班组：找坡工序未验收',
  correctiveAction: { kind: 'rework', text: '重新找坡并做闭水试验' },
  preventiveAction: '找坡工序纳入隐蔽工程验收清单',
  committedDate: '2026-03-10',
  responsiblePersonId: ids.c_dept_member,
  ...extra,
});

describe('department handling (CMP-3, SLA-3)', () => {
  it('CMP-3 / SLA-3: the department sees what it owes (reply due in 2 working days); its reply meets it, sets the committed date that starts the result target, and hands the ticket back', async () => {
    const t = await create({
      type: 'rectification',
      rectificationKind: 'engineering',
      subject: '卫生间积水',
    });
    expect(t.state).toBe('waiting_department');
    // Monday 10:00 + 2 working days = close of business Wednesday 4 March (18:00 Shanghai).
    expect(target(t, 'department_reply').dueAt).toBe('2026-03-04T10:00:00.000Z');

    const inbox = await deptMember.get('/api/v1/department-inbox');
    expect(inbox.statusCode, inbox.body).toBe(200);
    expect(inbox.json().departments).toEqual([{ id: org.storeAEngineering.id, name: '工程部' }]);
    const item = inbox.json().items.find((i: { id: string }) => i.id === t.id);
    expect(item.departmentReply).toMatchObject({
      state: 'on_track',
      dueAt: '2026-03-04T10:00:00.000Z',
      overdue: false,
    });

    kefu.clock.advanceBy(26 * 3_600_000); // Tuesday 12:00
    const res = await act(deptMember, t.id, 'department-replies', reply());
    expect(res.statusCode, res.body).toBe(200);
    const after: Ticket = res.json();
    expect(after.state).toBe('in_progress');
    expect(target(after, 'department_reply').state).toBe('met');
    // The committed date starts the result target: due at close of business on 10 March.
    expect(target(after, 'result_reply')).toMatchObject({
      state: 'on_track',
      dueAt: '2026-03-10T10:00:00.000Z',
    });
    expect(after.timeline.at(-1)).toMatchObject({
      type: 'department_replied',
      body: { committedDate: '2026-03-10' },
    });
    expect(
      (await deptMember.get('/api/v1/department-inbox')).json().items.map((i: { id: string }) => i.id),
    ).not.toContain(t.id);
    expect((await notices(agentA)).some((n) => n.kind === 'department_replied' && n.subjectId === t.id)).toBe(
      true,
    );
    const record = await complaint(t.id);
    expect(record.departmentReplies[0]).toMatchObject({
      correctiveAction: { kind: 'rework' },
      responsiblePerson: { id: ids.c_dept_member },
      department: { id: org.storeAEngineering.id },
    });

    // SLA-3: the agent's reply meets customer_reply, the result update meets result_reply.
    const answered: Ticket = (
      await act(agentA, t.id, 'replies', { body: '部门已确认，将于 3 月 10 日前返工' })
    ).json();
    expect(target(answered, 'customer_reply').state).toBe('met');
    const result: Ticket = (
      await act(agentA, t.id, 'progress', { kind: 'result', body: '已返工完毕，闭水试验合格' })
    ).json();
    expect(target(result, 'result_reply').state).toBe('met');
  });

  it('CMP-3: only the responsible department replies (agent 403, other store 404); bad dates and unknown ids refused', async () => {
    const t = await create({ type: 'rectification', rectificationKind: 'engineering' });
    const byAgent = await act(agentA, t.id, 'department-replies', reply());
    expect(byAgent.statusCode).toBe(403);
    expect(byAgent.json().code).toBe('tickets.department_reply_forbidden');
    expect((await act(agentB, t.id, 'department-replies', reply())).statusCode).toBe(404);
    const past = await act(deptMember, t.id, 'department-replies', reply({ committedDate: '2026-03-01' }));
    expect(past.json().code).toBe('tickets.committed_date_in_past');
    const nobody = await act(
      deptMember,
      t.id,
      'department-replies',
      reply({ responsiblePersonId: crypto.randomUUID() }),
    );
    expect(nobody.statusCode).toBe(404);
    const badKind = await act(
      deptMember,
      t.id,
      'department-replies',
      reply({ correctiveAction: { kind: 'pray', text: 'x' } }),
    );
    expect(badKind.statusCode).toBe(400);
    const unknown = await act(deptMember, crypto.randomUUID(), 'department-replies', reply());
    expect(unknown.json().code).toBe('tickets.not_found');
    const noDept = await create({});
    expect((await act(admin, noDept.id, 'department-replies', reply())).json().code).toBe(
      'tickets.no_responsible_department',
    );
    expect(
      (await agentB.get(`/api/v1/department-inbox?departmentId=${org.storeAEngineering.id}`)).statusCode,
    ).toBe(404);
  });
});

describe('complaints (CMP-1, 2, 4, 5, 6)', () => {
  it('CMP-1: the complaint is recorded field by field and read back', async () => {
    const t = await create({});
    const res = await putComplaint(t.id, {
      details: {
        when: '3 月 1 日下午送货时',
        where: '客户家中客厅',
        whatHappened: '送货师傅将沙发腿磕坏，且态度生硬',
        peopleInvolved: '送货师傅张师傅',
        departmentsInvolved: '物流部',
        emotionalState: 'angry',
        customerRequest: '更换沙发腿并道歉',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().details).toMatchObject({
      emotionalState: 'angry',
      customerRequest: '更换沙发腿并道歉',
    });
    expect((await putComplaint(t.id, { details: { mood: 'x' } })).statusCode).toBe(400);
    const praise = await create({ type: 'praise' });
    expect((await putComplaint(praise.id, { product: 'x' })).json().code).toBe('complaints.not_applicable');
  });

  it('CMP-2: a commitment needs a date and an approving supervisor (422 otherwise); it sets the committed resolution time of a hard complaint (SLA-5)', async () => {
    const t = await create({ type: 'hard_complaint' });
    const promise = { text: '3 月 6 日前上门更换', dueDate: '2026-03-06' };
    const none = await act(agentA, t.id, 'commitments', promise);
    expect(none.statusCode).toBe(422);
    expect(none.json().code).toBe('tickets.commitment_needs_approver');
    const colleague = await act(agentA, t.id, 'commitments', { ...promise, approverId: ids.c_agent_a2 });
    expect(colleague.json().code).toBe('tickets.commitment_needs_approver');
    expect(
      (await act(agentA, t.id, 'commitments', { text: '尽快', approverId: ids.c_supervisor })).statusCode,
    ).toBe(400);
    const ok = await act(agentA, t.id, 'commitments', { ...promise, approverId: ids.c_supervisor });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(target(ok.json(), 'resolution')).toMatchObject({
      state: 'on_track',
      dueAt: '2026-03-06T10:00:00.000Z',
    });
    expect((await complaint(t.id)).commitments[0]).toMatchObject({
      dueDate: '2026-03-06',
      approver: { id: ids.c_supervisor },
    });
  });

  it('CMP-6 / SLA-4 / SLA-5: progress updates are customer-visible and meet verification and second-response targets', async () => {
    const soft = await create({});
    const verified: Ticket = (
      await act(agentA, soft.id, 'progress', { kind: 'verified', body: '已核实：送货时磕碰属实' })
    ).json();
    expect(target(verified, 'verification').state).toBe('met');
    const visible = verified.timeline.filter((e) => e.visibility === 'customer');
    expect(visible.at(-1)).toMatchObject({
      type: 'progress',
      body: { kind: 'verified', text: '已核实：送货时磕碰属实' },
    });

    const hard = await create({ type: 'hard_complaint' });
    await act(agentA, hard.id, 'replies', { body: '已收到您的投诉，正在处理' });
    const second: Ticket = (
      await act(agentA, hard.id, 'progress', { kind: 'second_response', body: '处理方案已确定' })
    ).json();
    expect(target(second, 'second_response').state).toBe('met');
    expect((await act(agentA, hard.id, 'progress', { kind: 'gossip', body: 'x' })).statusCode).toBe(400);
  });

  it('CMP-4: serious when hard or the claim is above the unit threshold (default ¥5,000, configurable); QM and GM sign the meeting record', async () => {
    const small = await create({});
    await putComplaint(small.id, { claimAmountFen: 500_000 });
    expect((await complaint(small.id)).causeAnalysis).toBeNull();
    const notSerious = await agentA.request('PUT', `/api/v1/tickets/${small.id}/cause-analysis`, {
      minutes: 'x',
    });
    expect(notSerious.json().code).toBe('complaints.not_serious');

    const big = await create({});
    expect((await putComplaint(big.id, { claimAmountFen: 500_001 })).json().causeAnalysis).toMatchObject({
      reason: 'claim_over_threshold',
    });

    const setting = { seriousClaimThresholdFen: 100_000, clusterMinCount: 3, clusterWindowDays: 7 };
    expect(
      (await agentA.request('PUT', `/api/v1/complaint-settings?unitId=${org.storeA.id}`, setting)).statusCode,
    ).toBe(403);
    const set = await supervisor.request(
      'PUT',
      `/api/v1/complaint-settings?unitId=${org.storeA.id}`,
      setting,
    );
    expect(set.json()).toMatchObject({ seriousClaimThresholdFen: 100_000, source: 'own' });
    const medium = await create({});
    expect((await putComplaint(medium.id, { claimAmountFen: 200_000 })).json().causeAnalysis).not.toBeNull();
    await supervisor.request('DELETE', `/api/v1/complaint-settings?unitId=${org.storeA.id}`);

    const hard = await create({ type: 'hard_complaint' });
    const meeting = await agentA.request('PUT', `/api/v1/tickets/${hard.id}/cause-analysis`, {
      invitedDepartments: ['sales', 'technical', 'quality'],
      minutes: '面料批次问题，供应商承担责任',
      responsibility: '供应部 60%，质检部 40%',
      correctiveAction: '整批更换面料',
      preventiveAction: '来料抽检比例提高到 10%',
    });
    expect(meeting.statusCode, meeting.body).toBe(200);
    expect(meeting.json().causeAnalysis).toMatchObject({
      reason: 'hard_complaint',
      invitedDepartments: ['sales', 'technical', 'quality'],
    });
    expect(
      (await act(agentA, hard.id, 'cause-analysis/sign-off', { as: 'quality_manager' })).statusCode,
    ).toBe(403);
    await act(qm, hard.id, 'cause-analysis/sign-off', { as: 'quality_manager' });
    const signed = (await act(gm, hard.id, 'cause-analysis/sign-off', { as: 'general_manager' })).json();
    expect(signed.causeAnalysis.qualityManagerSignedBy.id).toBe(ids.c_qm);
    expect(signed.causeAnalysis.generalManagerSignedBy.id).toBe(ids.c_gm);
  });

  it('CMP-5: close-out carries the opinion and assessment check; only the GM approves; reject sends it back; approval closes and archives', async () => {
    const t = await create({});
    const request = {
      opinion: '物流部处理及时，责任在送货环节',
      assessment: { counts: true, note: '计入物流部当月考核' },
    };
    expect((await act(agentA, t.id, 'close-out', request)).json().code).toBe(
      'complaints.close_out_not_allowed',
    );
    await resolve(t.id);
    expect((await act(agentA, t.id, 'close-out', request)).statusCode).toBe(200);
    const pending = (await gm.get('/api/v1/complaints/close-outs')).json().items;
    expect(pending.map((i: { ticket: { id: string } }) => i.ticket.id)).toContain(t.id);

    const bySupervisor = await act(supervisor, t.id, 'close-out/approve');
    expect(bySupervisor.statusCode).toBe(403);
    const rejected = await act(gm, t.id, 'close-out/reject', { reason: '未附整改照片' });
    expect(rejected.json().state).toBe('in_progress');
    expect((await complaint(t.id)).closeOut).toMatchObject({
      state: 'rejected',
      rejectReason: '未附整改照片',
    });

    await resolve(t.id);
    await act(agentA, t.id, 'close-out', request);
    const approved = await act(gm, t.id, 'close-out/approve');
    expect(approved.json().state).toBe('closed');
    const closed = await complaint(t.id);
    expect(closed.closeOut).toMatchObject({ state: 'approved', decidedBy: { id: ids.c_gm } });
    expect(closed.closeOut.archivedAt).not.toBeNull();
    expect((await act(gm, t.id, 'close-out/approve')).json().code).toBe('complaints.no_pending_close_out');
  });

  it('CMP-5: a state change not allowed answers 409 (the case was reopened while its close-out waited)', async () => {
    const t = await create({});
    await resolve(t.id);
    await act(agentA, t.id, 'close-out', { opinion: '同意', assessment: { counts: false } });
    await act(agentA, t.id, 'transition', { to: 'in_progress', reason: '客户来电补充问题' });
    const res = await act(gm, t.id, 'close-out/approve');
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('tickets.transition_not_allowed');
    expect((await act(gm, crypto.randomUUID(), 'close-out/approve')).statusCode).toBe(404);
  });
});

describe('CMP-8 clusters, CMP-9 praise, CMP-10 statistics, SAT-2 evaluation', () => {
  it('CMP-8: three complaints with the same product and cause within 7 days raise one cluster, once, and notify', async () => {
    const spellings = ['A100 布艺沙发', 'a100  布艺沙发', ' A100 布艺沙发 ', 'A100 布艺沙发'];
    const tickets: string[] = [];
    for (const [i, product] of spellings.entries()) {
      const t = await create({});
      tickets.push(t.id);
      await putComplaint(t.id, { product, cause: '面料起球', productCaused: true, defect: '起球' });
      const clusters = (await supervisor.get(`/api/v1/complaints/clusters?unitId=${org.storeA.id}`)).json()
        .items;
      expect(clusters.filter((c: { cause: string }) => c.cause === '面料起球')).toHaveLength(i < 2 ? 0 : 1);
      kefu.clock.advanceBy(3_600_000);
    }
    await putComplaint(tickets[0]!, { cause: '面料起球' }); // re-checking raises nothing new
    const [cluster] = (await supervisor.get(`/api/v1/complaints/clusters?unitId=${org.storeA.id}`)).json()
      .items;
    expect(cluster).toMatchObject({ product: 'A100 布艺沙发', cause: '面料起球', count: 4 });
    expect(cluster.notifiedIds).toEqual([ids.c_supervisor]);
    expect((await notices(supervisor)).filter((n) => n.kind === 'complaint_cluster')).toHaveLength(1);
  });

  it('CMP-10: product-caused complaints counted by product, defect and cause', async () => {
    const t = await create({});
    await putComplaint(t.id, {
      product: '实木餐桌',
      cause: '木材含水率高',
      defect: '开裂',
      productCaused: true,
    });
    const other = await create({});
    await putComplaint(other.id, {
      product: '实木餐桌',
      cause: '送货磕碰',
      defect: '划痕',
      productCaused: false,
    });
    const res = await qm.get(`/api/v1/complaints/nonconformity?unitId=${org.storeA.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const stats = res.json();
    expect(stats.byProduct).toContainEqual({ key: '实木餐桌', count: 1 });
    expect(stats.byDefect).toContainEqual({ key: '开裂', count: 1 });
    expect(stats.byCause).not.toContainEqual(expect.objectContaining({ key: '送货磕碰' }));
    expect((await agentB.get(`/api/v1/complaints/nonconformity?unitId=${org.storeA.id}`)).statusCode).toBe(
      404,
    );
  });

  it('CMP-9: the praised employee and their department head are notified; praise counts per employee', async () => {
    const t = await create({ type: 'praise', subject: '表扬工程部安装师傅' });
    const res = await act(agentA, t.id, 'praise', { employeeId: ids.c_dept_member });
    expect(res.statusCode, res.body).toBe(200);
    await act(agentA, t.id, 'praise', { employeeId: ids.c_dept_member }); // once per ticket and person
    expect(
      (await notices(deptMember)).filter((n) => n.kind === 'praise' && n.subjectId === t.id),
    ).toHaveLength(1);
    expect((await notices(deptHead)).some((n) => n.kind === 'praise' && n.subjectId === t.id)).toBe(true);
    const summary = (await supervisor.get(`/api/v1/praise/summary?unitId=${org.storeA.id}`)).json().items;
    expect(summary).toEqual([{ employee: { id: ids.c_dept_member, name: 'c_dept_member' }, count: 1 }]);
    const complaintTicket = await create({});
    expect(
      (await act(agentA, complaintTicket.id, 'praise', { employeeId: ids.c_dept_member })).json().code,
    ).toBe('complaints.not_praise');
  });

  it('SAT-2: the customer evaluates the result; dissatisfied reopens the ticket and alerts the supervisor', async () => {
    const t = await create({});
    expect((await act(agentA, t.id, 'evaluation', { result: 'satisfied' })).json().code).toBe(
      'complaints.evaluation_not_allowed',
    );
    await resolve(t.id);
    const res = await act(agentA, t.id, 'evaluation', { result: 'dissatisfied', comment: '沙发腿还是没换' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().state).toBe('in_progress');
    expect((await complaint(t.id)).evaluation).toMatchObject({
      result: 'dissatisfied',
      comment: '沙发腿还是没换',
    });
    expect(
      (await notices(supervisor)).some((n) => n.kind === 'evaluation_dissatisfied' && n.subjectId === t.id),
    ).toBe(true);
    const ok = await create({});
    await resolve(ok.id);
    expect((await act(agentA, ok.id, 'evaluation', { result: 'basically_satisfied' })).json().state).toBe(
      'resolved',
    );
  });
});

describe('ticket extensions', () => {
  it('IN-4: photos attach to a ticket; a store-B agent gets 404 for it', async () => {
    const t = await create({});
    const boundary = '----kefucomplaint';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="subjectType"\r\n\r\nticket\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="subjectId"\r\n\r\n${t.id}\r\n`),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="破损.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      tinyPng(3, 2),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
    const up = await agentA.request('POST', '/api/v1/attachments', body, headers);
    expect(up.statusCode, up.body).toBe(201);
    const listed = await agentA.get(`/api/v1/attachments?subjectType=ticket&subjectId=${t.id}`);
    expect(listed.json().items).toHaveLength(1);
    expect((await agentB.get(`/api/v1/attachments?subjectType=ticket&subjectId=${t.id}`)).statusCode).toBe(
      404,
    );
    expect((await agentB.request('POST', '/api/v1/attachments', body, headers)).statusCode).toBe(404);
  });

  it('CUS-1: the customer card shows the open tickets', async () => {
    const c = await agentA.post('/api/v1/customers', {
      unitId: org.storeA.id,
      name: '李女士',
      phones: [{ number: '13912345678' }],
    });
    expect(c.statusCode, c.body).toBe(201);
    const open = await create({ customerId: c.json().id, subject: '沙发腿磕坏' });
    const done = await create({ customerId: c.json().id, subject: '已处理的投诉' });
    await resolve(done.id);
    const card = (await agentA.get(`/api/v1/customers/${c.json().id}/card`)).json();
    expect(card.openTickets.map((x: { id: string }) => x.id)).toEqual([open.id]);
  });
});
