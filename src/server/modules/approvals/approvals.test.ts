import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorkerOnce } from '../../jobs/worker';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { auditLog } from '../audit/audit.table';
import { notifications } from '../notifications/notifications.table';
import { slaTargets } from '../sla/sla.table';
import { approvalRequests } from './approvals.table';

let kefu: TestKefu;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
const people: Record<string, { id: string }> = {};
const sh = (local: string) => new Date(`${local}+08:00`);
const iso = (local: string) => sh(local).toISOString();
let orderSeq = 0;

async function as(name: string): Promise<HttpSession> {
  return name === 'admin' ? kefu.login('admin') : kefu.login(name, TEST_PASSWORD);
}

/** A change-of-mind return of a delivered order, checked, signed and submitted by the store's clerk. */
async function submittedReturn(clerk: HttpSession, kind: 'return' | 'exchange' = 'return') {
  const order = await clerk.post('/api/v1/orders', {
    unitId: org.storeA.id,
    orderNo: `SO-AP-${++orderSeq}`,
    customerName: '李娜',
    customerPhone: '13900139000',
    fulfilment: 'delivery',
    orderedAt: new Date(kefu.clock.now().getTime() - 3 * 86_400_000).toISOString(),
    deliveredAt: new Date(kefu.clock.now().getTime() - 86_400_000).toISOString(),
    lines: [{ product: '餐桌', priceFen: 300_000, paidFen: 300_000 }],
  });
  expect(order.statusCode, order.body).toBe(201);
  const r = (
    await clerk.post('/api/v1/returns', {
      orderLineId: order.json().lines[0].id,
      kind,
      reason: 'change_of_mind',
      reasonDetail: '尺寸不合适',
    })
  ).json();
  await clerk.post(`/api/v1/returns/${r.id}/documents`, { documents: r.requiredDocuments });
  await clerk.post(`/api/v1/returns/${r.id}/signature`, { onPaper: true });
  const submitted = await clerk.post(`/api/v1/returns/${r.id}/submit`);
  expect(submitted.statusCode, submitted.body).toBe(200);
  return { returnId: r.id as string, approvalId: submitted.json().approval.id as string };
}

async function noticesOf(name: string, approvalSubject: string) {
  return kefu.deps.db
    .select()
    .from(notifications)
    .where(
      and(eq(notifications.recipientId, people[name]!.id), eq(notifications.subjectId, approvalSubject)),
    );
}

beforeAll(async () => {
  kefu = await createTestKefu();
  const admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  const add = async (name: string, unitId: string, role: string) =>
    (people[name] = await createUser(admin, name, unitId, role));
  await add('clerk', org.storeA.id, 'agent');
  await add('manager', org.storeA.id, 'store_manager');
  // In the store's installation department: they inspect the store's returns (RET-8).
  await add('tech', org.storeAEngineering.id, 'technician');
  await add('head', org.hq.id, 'self_operated_head');
  await add('fin', org.hq.id, 'finance');
  // Another store's agent: no role anywhere on store A's path.
  await add('stand_in', org.storeB.id, 'agent');
  kefu.clock.set(sh('2026-03-10T10:00:00'));
});
afterAll(async () => {
  await kefu?.close();
});

describe('approval time limits through the SLA engine', () => {
  it('SLA-2 / SLA-8 (RET-8): a stage runs its chain limit in working days on the store calendar; reminded before due, overdue and escalated when breached, met when decided; audited', async () => {
    kefu.clock.set(sh('2026-03-10T10:00:00'));
    await runWorkerOnce(kefu.deps);
    const clerk = await as('clerk');
    const { returnId, approvalId } = await submittedReturn(clerk);

    // 1 working day on the store's calendar (09:00–18:00 with lunch): close of business tomorrow (SLA-2).
    const inbox = (await (await as('tech')).get('/api/v1/approvals/inbox')).json();
    const mineWaiting = inbox.waiting.find((w: { id: string }) => w.id === approvalId);
    expect(mineWaiting.due).toEqual({
      stage: 'inspection',
      dueAt: iso('2026-03-11T18:00:00'),
      state: 'on_track',
    });
    // The department's technician was told it is their turn (their unit is below the request's).
    expect((await noticesOf('tech', returnId)).map((n) => n.kind)).toEqual(['approval_turn']);

    kefu.clock.set(sh('2026-03-11T17:00:00'));
    await runWorkerOnce(kefu.deps);
    expect((await noticesOf('tech', returnId)).map((n) => n.kind).sort()).toEqual([
      'approval_reminder',
      'approval_turn',
    ]);
    expect((await (await as('tech')).get(`/api/v1/approvals/${approvalId}`)).json().due.state).toBe(
      'at_risk',
    );

    kefu.clock.set(sh('2026-03-11T18:30:00'));
    await runWorkerOnce(kefu.deps);
    expect((await noticesOf('tech', returnId)).map((n) => n.kind).sort()).toEqual([
      'approval_overdue',
      'approval_reminder',
      'approval_turn',
    ]);
    // Escalated to the store's manager; the requester is not asked about their own request.
    expect((await noticesOf('manager', returnId)).map((n) => n.kind)).toEqual(['approval_escalated']);
    expect(await noticesOf('clerk', returnId)).toEqual([]);
    expect((await (await as('tech')).get(`/api/v1/approvals/${approvalId}`)).json().due.state).toBe(
      'overdue',
    );

    // Decided late: the inspection's limit is met late, the division head's starts now.
    expect((await (await as('tech')).post(`/api/v1/approvals/${approvalId}/approve`)).statusCode).toBe(200);
    const clocks = await kefu.deps.db
      .select()
      .from(slaTargets)
      .where(and(eq(slaTargets.subjectType, 'approval_request'), eq(slaTargets.subjectId, approvalId)))
      .orderBy(slaTargets.createdAt);
    expect(clocks.map((c) => [c.key, c.state])).toEqual([
      ['inspection', 'met_late'],
      ['division_head', 'on_track'],
    ]);
    expect(clocks[1]!.dueAt!.toISOString()).toBe(iso('2026-03-12T18:00:00'));
    const audit = await kefu.deps.db.select().from(auditLog).where(eq(auditLog.subjectId, approvalId));
    expect(audit.filter((a) => a.action === 'sla.targets.started')).toHaveLength(2);
    const step = audit.find((a) => a.action === 'approval.step_approved')!.after as {
      timeLimit: { stage: string; state: string }[];
    };
    expect(step.timeLimit).toEqual([
      { stage: 'inspection', state: 'met_late', dueAt: iso('2026-03-11T18:00:00') },
    ]);

    // Sent back: the running limit is met (decided); nothing runs while it waits on the requester.
    await (await as('head')).post(`/api/v1/approvals/${approvalId}/send-back`, { reason: '缺送货单' });
    const after = await kefu.deps.db
      .select()
      .from(slaTargets)
      .where(and(eq(slaTargets.subjectType, 'approval_request'), eq(slaTargets.subjectId, approvalId)));
    expect(after.map((c) => c.state).sort()).toEqual(['met', 'met_late']);
  });

  it('SLA-10: a withdrawn request ends the limit it runs', async () => {
    kefu.clock.set(sh('2026-03-12T10:00:00'));
    const clerk = await as('clerk');
    const { returnId, approvalId } = await submittedReturn(clerk);
    await clerk.post(`/api/v1/returns/${returnId}/withdraw`, { reason: '客户改主意' });
    const [clock] = await kefu.deps.db
      .select()
      .from(slaTargets)
      .where(and(eq(slaTargets.subjectType, 'approval_request'), eq(slaTargets.subjectId, approvalId)));
    expect(clock).toMatchObject({ state: 'ended', endReason: 'subject_cancelled' });
  });
});

describe('the approval inbox', () => {
  it('RET-8: the inbox is one scoped page in SQL, soonest due first, with the total', async () => {
    kefu.clock.set(sh('2026-03-13T10:00:00'));
    const clerk = await as('clerk');
    const first = await submittedReturn(clerk);
    kefu.clock.set(sh('2026-03-13T11:00:00'));
    const second = await submittedReturn(clerk);
    // A shorter limit on the later one's stage puts it first (the clock says which is due sooner).
    await kefu.deps.db
      .update(slaTargets)
      .set({ dueAt: sh('2026-03-13T15:00:00') })
      .where(
        and(eq(slaTargets.subjectType, 'approval_request'), eq(slaTargets.subjectId, second.approvalId)),
      );
    const tech = await as('tech');
    const all = (await tech.get('/api/v1/approvals/inbox?pageSize=200')).json();
    const ids = all.waiting.map((w: { id: string }) => w.id);
    expect(ids.indexOf(second.approvalId)).toBeLessThan(ids.indexOf(first.approvalId));
    expect(all.waitingTotal).toBe(all.waiting.length);
    const dues = all.waiting.map((w: { due: { dueAt: string } | null }) => w.due?.dueAt ?? '9');
    expect(dues).toEqual([...dues].sort());
    const page2 = (await tech.get('/api/v1/approvals/inbox?page=2&pageSize=1')).json();
    expect(page2.waiting.map((w: { id: string }) => w.id)).toEqual([ids[1]]);
    expect(page2.waitingTotal).toBe(all.waitingTotal);
    // Scoped: another store's agent, and finance (not its stage yet), see none of them.
    expect((await (await as('stand_in')).get('/api/v1/approvals/inbox')).json().waitingTotal).toBe(0);
    const fin = (await (await as('fin')).get('/api/v1/approvals/inbox')).json();
    expect(fin.waiting.map((w: { id: string }) => w.id)).not.toContain(first.approvalId);
    const bad = await tech.get('/api/v1/approvals/inbox?pageSize=0');
    expect(bad.statusCode).toBe(400);
    // The stored stage columns the query filters on follow the engine.
    const [row] = await kefu.deps.db
      .select()
      .from(approvalRequests)
      .where(eq(approvalRequests.id, first.approvalId));
    expect(row).toMatchObject({
      currentStage: 'inspection',
      awaitedRoles: ['technician', 'installation_supervisor', 'quality_manager'],
    });
  });

  it('delegates: a stand-in without a role in the unit opens the request and its return page, finds it in the inbox and is told of it', async () => {
    kefu.clock.set(sh('2026-03-16T10:00:00'));
    const clerk = await as('clerk');
    const { returnId, approvalId } = await submittedReturn(clerk, 'exchange');
    const standIn = await as('stand_in');
    expect((await standIn.get(`/api/v1/approvals/${approvalId}`)).statusCode).toBe(404);
    expect((await standIn.get(`/api/v1/returns/${returnId}`)).statusCode).toBe(404);
    const away = await (
      await as('tech')
    ).post('/api/v1/approvals/delegations', {
      toUserId: people.stand_in!.id,
      startsAt: iso('2026-03-16T00:00:00'),
      endsAt: iso('2026-03-20T00:00:00'),
      reason: '休假',
    });
    expect(away.statusCode, away.body).toBe(201);
    const page = await standIn.get(`/api/v1/approvals/${approvalId}`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().can.decide).toBe(true);
    expect((await standIn.get(`/api/v1/returns/${returnId}`)).statusCode).toBe(200);
    const inbox = (await standIn.get('/api/v1/approvals/inbox')).json();
    expect(inbox.waiting.map((w: { id: string }) => w.id)).toContain(approvalId);
    // A request opened while the delegation runs tells the stand-in too.
    const next = await submittedReturn(clerk, 'exchange');
    expect((await noticesOf('stand_in', next.returnId)).map((n) => n.kind)).toEqual(['approval_turn']);
    const done = await standIn.post(`/api/v1/approvals/${approvalId}/approve`);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().steps.at(-1)).toMatchObject({ stage: 'inspection', onBehalfOf: people.tech!.id });
  });
});
