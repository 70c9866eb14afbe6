import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICIES } from '../../../domain/sla';
import { TICKET_TYPES } from '../../../domain/tickets';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { auditLog } from '../audit/audit.table';

let kefu: TestKefu;
let admin: HttpSession;
let agentA: HttpSession;
let agentB: HttpSession;
let trainee: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
let ids: { agentA: string; trainee: string; colleague: string };
const iso = (local: string) => new Date(`${local}+08:00`).toISOString();
const HOUR = 3_600_000;

type Target = { key: string; state: string; dueAt: string | null; intakeAt: string; metAt: string | null };
type Ticket = {
  id: string;
  number: string;
  state: string;
  type: string;
  channel: string;
  receivedAt: string;
  slaTargets: Target[];
  timeline: { type: string; visibility: string; body: Record<string, unknown> }[];
  missingEssentials: string[];
  assigneeUser: { id: string } | null;
  mergedIntoId: string | null;
};

beforeAll(async () => {
  kefu = await createTestKefu(); // the clock stands at Monday 2 March 2026, 10:00 in Shanghai
  admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  const a = await createUser(admin, 'agent_a', org.storeA.id, 'agent');
  const c = await createUser(admin, 'agent_a2', org.storeA.id, 'agent');
  await createUser(admin, 'agent_b', org.storeB.id, 'agent');
  const t = await createUser(admin, 'trainee_a', org.storeA.id, 'trainee');
  ids = { agentA: a.id, trainee: t.id, colleague: c.id };
  agentA = await kefu.login('agent_a', TEST_PASSWORD);
  agentB = await kefu.login('agent_b', TEST_PASSWORD);
  trainee = await kefu.login('trainee_a', TEST_PASSWORD);
});
afterAll(() => kefu.close());

const body = (extra: Record<string, unknown> = {}) => ({
  unitId: org.storeA.id,
  type: 'consultation_direct',
  channel: 'phone',
  subject: '询问沙发保养方法',
  ...extra,
});
async function create(session: HttpSession, extra: Record<string, unknown> = {}): Promise<Ticket> {
  const res = await session.post('/api/v1/tickets', body(extra));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const act = (session: HttpSession, id: string, action: string, payload: unknown) =>
  session.post(`/api/v1/tickets/${id}/${action}`, payload);
const target = (t: Ticket, key: string) => t.slaTargets.find((x) => x.key === key)!;

describe('intake', () => {
  it('IN-1: the channel is recorded; the ticket gets a T + date + sequence number and a timeline', async () => {
    const t = await create(agentA, { channel: 'letter', subject: '来函：要求上门复尺' });
    expect(t.channel).toBe('letter');
    expect(t.number).toMatch(/^T20260302\d{5}$/);
    expect(t.state).toBe('new');
    expect(t.timeline[0]).toMatchObject({ type: 'created', body: { channel: 'letter' } });
    const next = await create(agentA, { channel: 'walk_in' });
    expect(Number(next.number.slice(-5))).toBe(Number(t.number.slice(-5)) + 1);
  });

  it('IN-10: the same key and body answer the same ticket; a different body under that key is refused with 409', async () => {
    const headers = { 'idempotency-key': 'desk-7f3a-0001' };
    const payload = body({ subject: '重试的来电登记', contactPhone: '13800001111' });
    const first = await agentA.request('POST', '/api/v1/tickets', payload, headers);
    expect(first.statusCode).toBe(201);
    const again = await agentA.request(
      'POST',
      '/api/v1/tickets',
      { contactPhone: '13800001111', ...payload },
      headers,
    );
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    const changed = await agentA.request(
      'POST',
      '/api/v1/tickets',
      { ...payload, subject: '另一件事' },
      headers,
    );
    expect(changed.statusCode).toBe(409);
    expect(changed.json().code).toBe('tickets.idempotency_conflict');
    const list = (await agentA.get(`/api/v1/tickets?unitId=${org.storeA.id}&pageSize=200`)).json();
    expect(list.items.filter((x: { subject: string }) => x.subject === '重试的来电登记')).toHaveLength(1);
  });

  it('IN-9: a complaint posted publicly is registered with the post link, and the public reply is recorded with it', async () => {
    const postUrl = 'https://weibo.example.cn/status/4890001';
    const t = await create(agentA, { type: 'soft_complaint', channel: 'forum_post', publicPostUrl: postUrl });
    expect((await agentA.get(`/api/v1/tickets/${t.id}`)).json().publicPostUrl).toBe(postUrl);
    const replied = await act(agentA, t.id, 'replies', {
      body: '您好，已安排师傅明天上门处理。',
      postedPublicly: true,
    });
    expect(replied.statusCode, replied.body).toBe(200);
    const reply = (replied.json() as Ticket).timeline.find((e) => e.type === 'reply')!;
    expect(reply.visibility).toBe('customer');
    expect(reply.body).toMatchObject({ postedPublicly: true, publicPostUrl: postUrl });
    // A ticket without a post link cannot claim a public reply.
    const plain = await create(agentA, { type: 'soft_complaint' });
    const refused = await act(agentA, plain.id, 'replies', { body: '已公开回复', postedPublicly: true });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('ticket.no_public_post');
    expect((await act(agentA, t.id, 'replies', { body: 'x', postedPublicly: 'yes' })).statusCode).toBe(400);
  });

  it('IN-7: a trainee can read tickets but cannot take intake, nor be assigned one', async () => {
    const refused = await trainee.post('/api/v1/tickets', body());
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('tickets.trainee_cannot_take_intake');
    const t = await create(agentA);
    expect((await trainee.get(`/api/v1/tickets/${t.id}`)).statusCode).toBe(200);
    const assign = await act(agentA, t.id, 'assign', { userId: ids.trainee });
    expect(assign.statusCode).toBe(403);
    expect(assign.json().code).toBe('tickets.trainee_cannot_take_intake');
    const ok = await act(agentA, t.id, 'assign', { userId: ids.colleague });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'assigned', assigneeUser: { id: ids.colleague } });
  });

  it('IN-4: a repair without address, model and purchase date shows what is missing until it is completed', async () => {
    const t = await create(agentA, { type: 'repair', subject: '冰箱不制冷', contactPhone: '13800002222' });
    expect(t.missingEssentials).toEqual(['address', 'assetModel', 'purchaseDate']);
    const res = await agentA.patch(`/api/v1/tickets/${t.id}`, {
      address: '徐汇区漕溪北路 88 号',
      assetModel: 'BCD-520',
      purchaseDate: '2024-05-01',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().missingEssentials).toEqual([]);
    expect(res.json().timeline.at(-1)).toMatchObject({ type: 'updated' });
  });

  it('bad input: future receivedAt, unknown customer or unit, unknown fields, over-long subject, missing rectification kind', async () => {
    const future = await agentA.post(
      '/api/v1/tickets',
      body({ receivedAt: new Date(kefu.clock.now().getTime() + HOUR).toISOString() }),
    );
    expect([future.statusCode, future.json().code]).toEqual([400, 'tickets.received_at_in_future']);
    const customer = await agentA.post(
      '/api/v1/tickets',
      body({ customerId: '00000000-0000-4000-8000-000000000001' }),
    );
    expect([customer.statusCode, customer.json().code]).toEqual([404, 'customers.not_found']);
    const unit = await agentA.post(
      '/api/v1/tickets',
      body({ unitId: '00000000-0000-4000-8000-000000000002' }),
    );
    expect([unit.statusCode, unit.json().code]).toEqual([404, 'org.unit_not_found']);
    const unknown = await agentA.post('/api/v1/tickets', body({ colour: 'red' }));
    expect([unknown.statusCode, unknown.json().code]).toEqual([400, 'validation.failed']);
    const long = await agentA.post('/api/v1/tickets', body({ subject: '长'.repeat(201) }));
    expect(long.statusCode).toBe(400);
    const kind = await agentA.post('/api/v1/tickets', body({ type: 'rectification' }));
    expect([kind.statusCode, kind.json().code]).toEqual([400, 'tickets.rectification_kind_required']);
    const otherStore = await agentA.post('/api/v1/tickets', body({ unitId: org.storeB.id }));
    expect(otherStore.statusCode).toBe(404);
  });
});

describe('classification and SLA', () => {
  it('CL-1: every type can be created and starts the targets of its policy', async () => {
    for (const type of TICKET_TYPES) {
      const t = await create(agentA, {
        type,
        subject: `类型 ${type}`,
        ...(type === 'rectification' ? { rectificationKind: 'marketing' } : {}),
      });
      const policy = DEFAULT_SLA_POLICIES[type];
      expect(
        t.slaTargets.map((x) => x.key),
        type,
      ).toEqual(policy.targets.map((x) => x.key));
      for (const [i, def] of policy.targets.entries()) {
        expect(t.slaTargets[i]!.state, `${type}.${def.key}`).toBe(
          def.startsOn === 'intake' ? 'on_track' : 'pending',
        );
      }
    }
  });

  it('SLA-4: a soft complaint logged 30 minutes late counts from the real intake: respond by 09:45, verified by 10:00', async () => {
    const t = await create(agentA, {
      type: 'soft_complaint',
      channel: 'walk_in',
      subject: '店员态度差',
      receivedAt: iso('2026-03-02T09:30'),
    });
    expect(t.receivedAt).toBe(iso('2026-03-02T09:30'));
    expect(target(t, 'first_response').dueAt).toBe(iso('2026-03-02T09:45'));
    expect(target(t, 'verification').dueAt).toBe(iso('2026-03-02T10:00'));
  });

  it('SLA-3/SLA-2: a letter received Friday 27 Feb is answered within 2 working days — Sat 28 Feb is a 调休 working day', async () => {
    const t = await create(agentA, {
      type: 'consultation_indirect',
      channel: 'letter',
      subject: '来函咨询',
      receivedAt: iso('2026-02-27T15:00'),
    });
    expect(target(t, 'customer_reply').dueAt).toBe(iso('2026-03-02T18:00'));
    const direct = await create(agentA, { receivedAt: iso('2026-03-02T09:00') });
    expect(target(direct, 'customer_reply').dueAt).toBe(iso('2026-03-03T18:00'));
  });

  it('CL-5: re-classifying soft → hard recomputes from the original intake and is recorded and audited', async () => {
    const t = await create(agentA, {
      type: 'soft_complaint',
      subject: '送货延误',
      receivedAt: iso('2026-03-02T09:00'),
    });
    kefu.clock.advanceBy(5 * 60_000);
    const res = await act(agentA, t.id, 'reclassify', {
      type: 'hard_complaint',
      reason: '客户出示了破损照片',
    });
    expect(res.statusCode, res.body).toBe(200);
    const after: Ticket = res.json();
    expect(after.type).toBe('hard_complaint');
    expect(target(after, 'first_response')).toMatchObject({
      intakeAt: iso('2026-03-02T09:00'),
      dueAt: iso('2026-03-02T10:00'),
    });
    expect(after.slaTargets.find((x) => x.key === 'verification')?.state).toBe('ended');
    expect(after.timeline.at(-1)).toMatchObject({
      type: 'reclassified',
      body: { from: { type: 'soft_complaint' }, to: { type: 'hard_complaint' } },
    });
    const same = await act(agentA, t.id, 'reclassify', { type: 'hard_complaint' });
    expect([same.statusCode, same.json().code]).toEqual([409, 'tickets.type_unchanged']);
  });

  it('SLA-7: pending customer pauses the clock and leaving it resumes with the due time moved; waiting on a department does not pause', async () => {
    const t = await create(agentA, { subject: '等客户提供订单号' });
    const due = target(t, 'customer_reply').dueAt!;
    const paused: Ticket = (await act(agentA, t.id, 'transition', { to: 'pending_customer' })).json();
    expect(target(paused, 'customer_reply').state).toBe('paused');
    kefu.clock.advanceBy(2 * HOUR);
    const resumed: Ticket = (await act(agentA, t.id, 'transition', { to: 'in_progress' })).json();
    expect(target(resumed, 'customer_reply').state).toBe('on_track');
    expect(Date.parse(target(resumed, 'customer_reply').dueAt!)).toBeGreaterThan(Date.parse(due));
    const waiting: Ticket = (await act(agentA, t.id, 'transition', { to: 'waiting_department' })).json();
    expect(target(waiting, 'customer_reply').state).toBe('on_track');
  });

  it('SLA-4/SLA-6: the first customer-visible reply meets first-response targets; an internal note does not', async () => {
    const t = await create(agentA, { type: 'soft_complaint', subject: '电话没人接' });
    const noted: Ticket = (await act(agentA, t.id, 'notes', { body: '先核实当班人员' })).json();
    expect(target(noted, 'first_response').state).toBe('on_track');
    expect(noted.timeline.at(-1)).toMatchObject({ type: 'note', visibility: 'internal' });
    const replied: Ticket = (
      await act(agentA, t.id, 'replies', { body: '您好，已收到您的反映，我们正在核实。' })
    ).json();
    expect(target(replied, 'first_response').state).toBe('met');
    expect(target(replied, 'verification').state).toBe('on_track');
    expect(replied.timeline.at(-1)).toMatchObject({ type: 'reply', visibility: 'customer' });
  });

  it('state machine: resolving meets resolution targets; refused moves answer 409 with the code; cancel needs a reason', async () => {
    const t = await create(agentA, {
      type: 'installation',
      subject: '衣柜门安装不平',
      contactPhone: '13800003333',
    });
    await act(agentA, t.id, 'replies', { body: '明天上午安排师傅上门' });
    const resolved: Ticket = (await act(agentA, t.id, 'transition', { to: 'resolved' })).json();
    expect(resolved.state).toBe('resolved');
    expect(target(resolved, 'resolution').state).toBe('met');
    const closed: Ticket = (await act(agentA, t.id, 'transition', { to: 'closed' })).json();
    expect(closed.state).toBe('closed');
    const back = await act(agentA, t.id, 'transition', { to: 'resolved' });
    expect([back.statusCode, back.json().code]).toEqual([409, 'tickets.transition_not_allowed']);
    const reopen = await act(agentA, t.id, 'transition', { to: 'in_progress' });
    expect([reopen.statusCode, reopen.json().code]).toEqual([400, 'tickets.reason_required']);
    const other = await create(agentA);
    const cancel = await act(agentA, other.id, 'transition', { to: 'cancelled', reason: '客户打错电话' });
    expect(cancel.json().slaTargets.every((x: Target) => x.state === 'ended')).toBe(true);
    const badTarget = await act(agentA, other.id, 'transition', { to: 'merged' });
    expect(badTarget.statusCode).toBe(400);
  });

  it('merge: the duplicate closes as merged, both timelines say so, its targets end (SLA-10)', async () => {
    const main = await create(agentA, { subject: '洗衣机漏水' });
    const dup = await create(agentA, { subject: '洗衣机漏水（重复来电）' });
    const res = await act(agentA, dup.id, 'merge', { intoTicketId: main.id });
    expect(res.statusCode, res.body).toBe(200);
    const merged: Ticket = res.json();
    expect(merged).toMatchObject({ state: 'merged', mergedIntoId: main.id });
    expect(merged.slaTargets.every((x) => x.state === 'ended')).toBe(true);
    const into: Ticket = (await agentA.get(`/api/v1/tickets/${main.id}`)).json();
    expect(into.timeline.at(-1)).toMatchObject({ type: 'merge_received', body: { fromTicketId: dup.id } });
    const again = await act(agentA, dup.id, 'merge', { intoTicketId: main.id });
    expect(again.statusCode).toBe(409);
  });
});

describe('scope, lists and audit', () => {
  it('ORG-1: an agent of store B gets 404 for a store A ticket, cannot act on it and does not see it in lists', async () => {
    const t = await create(agentA, { subject: '徐汇店的私密工单' });
    expect((await agentB.get(`/api/v1/tickets/${t.id}`)).statusCode).toBe(404);
    expect((await act(agentB, t.id, 'notes', { body: 'x' })).statusCode).toBe(404);
    const list = (await agentB.get('/api/v1/tickets?pageSize=200')).json();
    expect(list.items.some((x: { id: string }) => x.id === t.id)).toBe(false);
    expect((await agentB.get(`/api/v1/tickets?unitId=${org.storeA.id}`)).statusCode).toBe(404);
  });

  it('views: my queue, due today, breached and waiting on a department come from assignments and SLA targets', async () => {
    const mine = await create(agentA, { type: 'soft_complaint', subject: '排队视图测试' });
    const queue = (await agentA.get('/api/v1/tickets?view=my_queue&pageSize=200')).json();
    expect(queue.items.some((x: { id: string }) => x.id === mine.id)).toBe(true);
    const today = (await agentA.get('/api/v1/tickets?view=due_today&pageSize=200')).json();
    expect(today.items.some((x: { id: string }) => x.id === mine.id)).toBe(true);
    kefu.clock.advanceBy(2 * HOUR);
    const breached = (await agentA.get('/api/v1/tickets?view=breached&pageSize=200')).json();
    const row = breached.items.find((x: { id: string }) => x.id === mine.id);
    expect(row?.sla.state).toBe('breached');
    const waiting = (await agentA.get('/api/v1/tickets?view=waiting_department&type=soft_complaint')).json();
    expect(waiting.items.some((x: { id: string }) => x.id === mine.id)).toBe(false);
    const filtered = (
      await agentA.get('/api/v1/tickets?type=soft_complaint&state=new,assigned&channel=phone')
    ).json();
    expect(filtered.items.every((x: { type: string }) => x.type === 'soft_complaint')).toBe(true);
    expect(filtered.total).toBeGreaterThan(0);
  });

  it('ORG-4: create, assign and reclassify leave audit rows', async () => {
    const t = await create(agentA, { subject: '审计测试' });
    await act(agentA, t.id, 'assign', { userId: ids.colleague });
    await act(agentA, t.id, 'reclassify', { type: 'consultation_indirect' });
    const rows = await kefu.deps.db
      .select({ action: auditLog.action, actorId: auditLog.actorId })
      .from(auditLog)
      .where(and(eq(auditLog.subjectType, 'ticket'), eq(auditLog.subjectId, t.id)))
      .orderBy(auditLog.id);
    const own = rows.filter((r) => r.action.startsWith('tickets.'));
    expect(own.map((r) => r.action)).toEqual(['tickets.created', 'tickets.assigned', 'tickets.reclassified']);
    expect(own.every((r) => r.actorId === ids.agentA)).toBe(true);
    expect(rows.map((r) => r.action)).toContain('sla.targets.recomputed');
  });
});

describe('what a ticket shows about its customer', () => {
  // Earlier tests move the clock by hours; fresh sessions keep these independent of that.
  beforeAll(async () => {
    admin = await kefu.login('admin');
    agentA = await kefu.login('agent_a', TEST_PASSWORD);
  });

  it('CUS-4: the contact number is masked for agents without the right and whole for those with it', async () => {
    const t = await create(agentA, { subject: '咨询安装时间', contactPhone: '138-0000-4444' });
    const asAgent = (await agentA.get(`/api/v1/tickets/${t.id}`)).json();
    expect(asAgent.contactPhone).toBe('138****4444');
    const listed = (await agentA.get('/api/v1/tickets?pageSize=100'))
      .json()
      .items.find((i: { id: string }) => i.id === t.id);
    expect(listed.contactPhone).toBe('138****4444');
    expect((await admin.get(`/api/v1/tickets/${t.id}`)).json().contactPhone).toBe('138-0000-4444');
  });

  it('CUS-6: lists carry the customer name and the special-attention flag', async () => {
    const customer = await admin.post('/api/v1/customers', {
      unitId: org.storeA.id,
      name: '赵女士',
      phones: [{ number: '13900005555' }],
      specialAttention: { reason: '多次投诉送货延误' },
    });
    expect(customer.statusCode, customer.body).toBe(201);
    const t = await create(agentA, { subject: '催促送货', customerId: customer.json().id });
    const listed = (await agentA.get('/api/v1/tickets?pageSize=100'))
      .json()
      .items.find((i: { id: string }) => i.id === t.id);
    expect(listed.customer).toEqual({ id: customer.json().id, name: '赵女士', specialAttention: true });
  });
});
