import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createComplaintsWorld, type Ticket } from './complaints.test-world';

let w: Awaited<ReturnType<typeof createComplaintsWorld>>;
beforeAll(async () => {
  w = await createComplaintsWorld();
});
afterAll(() => w.kefu.close());

describe('complaints (CMP-1, 2, 4, 6)', () => {
  it('CMP-1: the w.complaint is recorded field by field and read back', async () => {
    const t = await w.create({});
    const res = await w.putComplaint(t.id, {
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
    expect((await w.putComplaint(t.id, { details: { mood: 'x' } })).statusCode).toBe(400);
    const praise = await w.create({ type: 'praise' });
    expect((await w.putComplaint(praise.id, { product: 'x' })).json().code).toBe('complaints.not_applicable');
  });

  it('CMP-2: a commitment needs a date and an approving w.supervisor (422 otherwise); it sets the committed resolution time of a hard w.complaint (SLA-5)', async () => {
    const t = await w.create({ type: 'hard_complaint' });
    const promise = { text: '3 月 6 日前上门更换', dueDate: '2026-03-06' };
    const none = await w.act(w.agentA, t.id, 'commitments', promise);
    expect(none.statusCode).toBe(422);
    expect(none.json().code).toBe('tickets.commitment_needs_approver');
    const colleague = await w.act(w.agentA, t.id, 'commitments', {
      ...promise,
      approverId: w.ids.c_agent_a2,
    });
    expect(colleague.json().code).toBe('tickets.commitment_needs_approver');
    expect(
      (await w.act(w.agentA, t.id, 'commitments', { text: '尽快', approverId: w.ids.c_supervisor }))
        .statusCode,
    ).toBe(400);
    const ok = await w.act(w.agentA, t.id, 'commitments', { ...promise, approverId: w.ids.c_supervisor });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(w.target(ok.json(), 'resolution')).toMatchObject({
      state: 'on_track',
      dueAt: '2026-03-06T10:00:00.000Z',
    });
    expect((await w.complaint(t.id)).commitments[0]).toMatchObject({
      dueDate: '2026-03-06',
      approver: { id: w.ids.c_supervisor },
    });
  });

  it('CMP-6 / SLA-4 / SLA-5: progress updates are customer-visible and meet verification and second-response targets', async () => {
    const soft = await w.create({});
    const verified: Ticket = (
      await w.act(w.agentA, soft.id, 'progress', { kind: 'verified', body: '已核实：送货时磕碰属实' })
    ).json();
    expect(w.target(verified, 'verification').state).toBe('met');
    const visible = verified.timeline.filter((e) => e.visibility === 'customer');
    expect(visible.at(-1)).toMatchObject({
      type: 'progress',
      body: { kind: 'verified', text: '已核实：送货时磕碰属实' },
    });

    const hard = await w.create({ type: 'hard_complaint' });
    await w.act(w.agentA, hard.id, 'replies', { body: '已收到您的投诉，正在处理' });
    // SLA-5: the second response must say when it will be resolved; that time is the resolution's due.
    const bare = await w.act(w.agentA, hard.id, 'progress', {
      kind: 'second_response',
      body: '处理方案已确定',
    });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().code).toBe('complaints.committed_time_required');
    const committedAt = '2026-03-04T17:00:00+08:00';
    const second: Ticket = (
      await w.act(w.agentA, hard.id, 'progress', {
        kind: 'second_response',
        body: '处理方案已确定，3月4日17点前修好',
        committedAt,
      })
    ).json();
    expect(w.target(second, 'second_response').state).toBe('met');
    expect(w.target(second, 'resolution')).toMatchObject({
      state: 'on_track',
      dueAt: new Date(committedAt).toISOString(),
    });
    expect((await w.act(w.agentA, hard.id, 'progress', { kind: 'gossip', body: 'x' })).statusCode).toBe(400);
  });

  it('CMP-4: by default every product complaint opens a cause-analysis meeting convened by the management representative, sales keeping the minutes, the workshop invited', async () => {
    const service = await w.create({});
    await w.putComplaint(service.id, { details: { whatHappened: '店员态度生硬' } });
    expect((await w.complaint(service.id)).causeAnalysis).toBeNull();
    const notSelected = await w.agentA.request('PUT', `/api/v1/tickets/${service.id}/cause-analysis`, {
      minutes: 'x',
    });
    expect(notSelected.json().code).toBe('complaints.not_serious');

    const product = await w.create({});
    const opened = (
      await w.putComplaint(product.id, { product: 'A100 布艺沙发', productCaused: true })
    ).json();
    expect(opened.settings.causeAnalysisTrigger).toBe('product_complaints');
    expect(opened.causeAnalysis).toMatchObject({
      reason: 'product_complaint',
      convenor: 'management_representative',
      minutesKeeper: 'sales',
      invitedDepartments: ['sales', 'technical', 'quality', 'supply', 'production', 'workshop'],
    });
    const hard = await w.create({ type: 'hard_complaint' });
    expect(
      (await w.putComplaint(hard.id, { details: { emotionalState: 'angry' } })).json().causeAnalysis,
    ).toMatchObject({
      reason: 'hard_complaint',
    });
    const meeting = await w.agentA.request('PUT', `/api/v1/tickets/${hard.id}/cause-analysis`, {
      invitedDepartments: ['sales', 'technical', 'quality', 'workshop'],
      minutes: '面料批次问题，供应商承担责任',
      responsibility: '供应部 60%，质检部 40%',
      correctiveAction: '整批更换面料',
      preventiveAction: '来料抽检比例提高到 10%',
    });
    expect(meeting.statusCode, meeting.body).toBe(200);
    expect(meeting.json().causeAnalysis.invitedDepartments).toEqual([
      'sales',
      'technical',
      'quality',
      'workshop',
    ]);
    expect(
      (await w.act(w.agentA, hard.id, 'cause-analysis/sign-off', { as: 'quality_manager' })).statusCode,
    ).toBe(403);
    await w.act(w.qm, hard.id, 'cause-analysis/sign-off', { as: 'quality_manager' });
    const signed = (await w.act(w.gm, hard.id, 'cause-analysis/sign-off', { as: 'general_manager' })).json();
    expect(signed.causeAnalysis.qualityManagerSignedBy.id).toBe(w.ids.c_qm);
    expect(signed.causeAnalysis.generalManagerSignedBy.id).toBe(w.ids.c_gm);
  });

  it('CMP-4: the trigger is a per-unit setting — serious only (hard, claim over the amount) or off', async () => {
    const url = `/api/v1/complaint-settings?unitId=${w.org.storeA.id}`;
    const seriousOnly = {
      causeAnalysisTrigger: 'serious_only',
      seriousClaimThresholdFen: 100_000,
      clusterMinCount: 3,
      clusterWindowDays: 7,
    };
    expect((await w.agentA.request('PUT', url, seriousOnly)).statusCode).toBe(403);
    const set = await w.supervisor.request('PUT', url, seriousOnly);
    expect(set.json()).toMatchObject({ causeAnalysisTrigger: 'serious_only', source: 'own' });
    const product = await w.create({});
    expect((await w.putComplaint(product.id, { product: '实木餐桌' })).json().causeAnalysis).toBeNull();
    const claim = await w.create({});
    expect((await w.putComplaint(claim.id, { claimAmountFen: 200_000 })).json().causeAnalysis).toMatchObject({
      reason: 'claim_over_threshold',
    });

    await w.supervisor.request('PUT', url, { ...seriousOnly, causeAnalysisTrigger: 'off' });
    const hard = await w.create({ type: 'hard_complaint' });
    expect((await w.putComplaint(hard.id, { product: '实木餐桌' })).json().causeAnalysis).toBeNull();
    // Clearing the store's own setting brings back the default (every product complaint).
    await w.supervisor.request('DELETE', url);
    expect((await w.supervisor.get(url)).json()).toMatchObject({
      causeAnalysisTrigger: 'product_complaints',
      source: 'default',
    });
    expect((await w.putComplaint(hard.id, { product: '实木餐桌' })).json().causeAnalysis).toMatchObject({
      reason: 'hard_complaint',
    });
  });
});

describe('CMP-8 clusters, CMP-9 praise, CMP-10 statistics, SAT-2 evaluation', () => {
  it('CMP-8: three complaints with the same product and cause within 7 days raise one cluster, once, and notify', async () => {
    const spellings = ['A100 布艺沙发', 'a100  布艺沙发', ' A100 布艺沙发 ', 'A100 布艺沙发'];
    const tickets: string[] = [];
    for (const [i, product] of spellings.entries()) {
      const t = await w.create({});
      tickets.push(t.id);
      await w.putComplaint(t.id, { product, cause: '面料起球', productCaused: true, defect: '起球' });
      const clusters = (
        await w.supervisor.get(`/api/v1/complaints/clusters?unitId=${w.org.storeA.id}`)
      ).json().items;
      expect(clusters.filter((c: { cause: string }) => c.cause === '面料起球')).toHaveLength(i < 2 ? 0 : 1);
      w.kefu.clock.advanceBy(3_600_000);
    }
    await w.putComplaint(tickets[0]!, { cause: '面料起球' }); // re-checking raises nothing new
    const [cluster] = (await w.supervisor.get(`/api/v1/complaints/clusters?unitId=${w.org.storeA.id}`)).json()
      .items;
    expect(cluster).toMatchObject({ product: 'A100 布艺沙发', cause: '面料起球', count: 4 });
    expect(cluster.notifiedIds).toEqual([w.ids.c_supervisor]);
    expect((await w.notices(w.supervisor)).filter((n) => n.kind === 'complaint_cluster')).toHaveLength(1);
  });

  it('CMP-9: the praised employee and their department head are notified; praise counts per employee', async () => {
    const t = await w.create({ type: 'praise', subject: '表扬工程部安装师傅' });
    const res = await w.act(w.agentA, t.id, 'praise', { employeeId: w.ids.c_dept_member });
    expect(res.statusCode, res.body).toBe(200);
    await w.act(w.agentA, t.id, 'praise', { employeeId: w.ids.c_dept_member }); // once per ticket and person
    expect(
      (await w.notices(w.deptMember)).filter((n) => n.kind === 'praise' && n.subjectId === t.id),
    ).toHaveLength(1);
    expect((await w.notices(w.deptHead)).some((n) => n.kind === 'praise' && n.subjectId === t.id)).toBe(true);
    const summary = (await w.supervisor.get(`/api/v1/praise/summary?unitId=${w.org.storeA.id}`)).json().items;
    expect(summary).toEqual([{ employee: { id: w.ids.c_dept_member, name: 'c_dept_member' }, count: 1 }]);
    const complaintTicket = await w.create({});
    expect(
      (await w.act(w.agentA, complaintTicket.id, 'praise', { employeeId: w.ids.c_dept_member })).json().code,
    ).toBe('complaints.not_praise');
  });

  it('SAT-2: the customer evaluates the result; dissatisfied reopens the ticket and alerts the supervisor', async () => {
    const t = await w.create({});
    expect((await w.act(w.agentA, t.id, 'evaluation', { result: 'satisfied' })).json().code).toBe(
      'complaints.evaluation_not_allowed',
    );
    await w.resolve(t.id);
    const res = await w.act(w.agentA, t.id, 'evaluation', {
      result: 'dissatisfied',
      comment: '沙发腿还是没换',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().state).toBe('in_progress');
    expect((await w.complaint(t.id)).evaluation).toMatchObject({
      result: 'dissatisfied',
      comment: '沙发腿还是没换',
    });
    expect(
      (await w.notices(w.supervisor)).some(
        (n) => n.kind === 'evaluation_dissatisfied' && n.subjectId === t.id,
      ),
    ).toBe(true);
    const ok = await w.create({});
    await w.resolve(ok.id);
    expect((await w.act(w.agentA, ok.id, 'evaluation', { result: 'basically_satisfied' })).json().state).toBe(
      'resolved',
    );
  });
});
