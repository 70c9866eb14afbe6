import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorkerOnce } from '../../jobs/worker';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';

let kefu: TestKefu;
let admin: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
const people: Record<string, { id: string }> = {};
const sessions = new Map<string, HttpSession>();
let sessionsAt = 0;
const sh = (local: string) => new Date(`${local}+08:00`);
const iso = (local: string) => sh(local).toISOString();

interface TaskOut {
  id: string;
  kind: string;
  assigneeId: string;
  dueAt: string;
  escalateAt: string;
  state: string;
  overdue: boolean;
  escalatedAt: string | null;
  escalatedTo: string[];
}
interface NoticeOut {
  kind: string;
  subjectType: string;
  subjectId: string;
}

/** A logged-in session; everyone logs in again after the clock moved, since idle sessions expire. */
async function as(name: string): Promise<HttpSession> {
  const now = kefu.clock.now().getTime();
  if (now !== sessionsAt) {
    sessions.clear();
    sessionsAt = now;
  }
  const cached = sessions.get(name);
  if (cached) return cached;
  const session = name === 'admin' ? await kefu.login('admin') : await kefu.login(name, TEST_PASSWORD);
  sessions.set(name, session);
  return session;
}
const at = (local: string) => kefu.clock.set(sh(local));

async function create(by: string, body: Record<string, unknown>): Promise<TaskOut> {
  const res = await (
    await as(by)
  ).post('/api/v1/tasks', { unitId: org.storeA.id, callerPhone: '13800138000', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
async function noticesOf(name: string, taskId: string): Promise<NoticeOut[]> {
  const res = await (await as(name)).get('/api/v1/notifications?pageSize=200');
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as NoticeOut[]).filter((n) => n.subjectType === 'task' && n.subjectId === taskId);
}

beforeAll(async () => {
  kefu = await createTestKefu();
  admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  const add = async (name: string, unitId: string, role: string) =>
    (people[name] = await createUser(admin, name, unitId, role));
  await add('sup_a', org.storeA.id, 'cs_supervisor');
  await add('agent_a1', org.storeA.id, 'agent');
  await add('agent_a2', org.storeA.id, 'agent');
  await add('absent_a', org.storeA.id, 'agent');
  await add('trainee_a', org.storeA.id, 'trainee');
  await add('gone_a', org.storeA.id, 'agent');
  await add('agent_b', org.storeB.id, 'agent');
  const disabled = await admin.post(`/api/v1/users/${people.gone_a!.id}/disable`, {});
  expect(disabled.statusCode, disabled.body).toBe(200);
});
afterAll(() => kefu.close());

describe('IN-5: call-back deadline', () => {
  it('IN-5: taken at 17:50, due at 18:00 the same day; taken at 19:00, due at the next working day’s close', async () => {
    at('2026-03-03T17:50');
    const late = await create('agent_a1', { kind: 'call_back', callerName: '王女士' });
    expect(late).toMatchObject({ kind: 'call_back', assigneeId: people.agent_a1!.id, state: 'open' });
    expect(late.dueAt).toBe(iso('2026-03-03T18:00'));
    at('2026-03-03T19:00');
    const evening = await create('agent_a1', { kind: 'call_back' });
    expect(evening.dueAt).toBe(iso('2026-03-04T18:00'));
  });

  it('IN-5: on the Friday evening before National Day 2025 the call-back is due on the make-up Sunday', async () => {
    at('2025-09-26T19:00');
    expect((await create('agent_a1', { kind: 'call_back' })).dueAt).toBe(iso('2025-09-28T18:00'));
    at('2025-09-30T19:00');
    expect((await create('agent_a1', { kind: 'call_back' })).dueAt).toBe(iso('2025-10-09T18:00'));
  });

  it('IN-5: a call-back still open at its deadline reminds the agent once, then reaches the supervisor', async () => {
    at('2026-03-09T10:00');
    await runWorkerOnce(kefu.deps); // earlier tests' steps
    const task = await create('agent_a1', {
      kind: 'call_back',
      assigneeId: people.agent_a2!.id,
      note: '询问安装时间',
    });
    expect(task.assigneeId).toBe(people.agent_a2!.id);
    at('2026-03-09T18:00');
    await runWorkerOnce(kefu.deps);
    await runWorkerOnce(kefu.deps);
    expect((await noticesOf('agent_a2', task.id)).map((n) => n.kind)).toEqual(['breached']);
    const overdue = await (await as('agent_a2')).get('/api/v1/tasks?due=overdue');
    expect(overdue.json().items.map((t: TaskOut) => t.id)).toContain(task.id);
    expect(await noticesOf('sup_a', task.id)).toEqual([]);
    at('2026-03-10T10:00'); // one working hour after the missed close of business
    await runWorkerOnce(kefu.deps);
    expect((await noticesOf('sup_a', task.id)).map((n) => n.kind)).toEqual(['escalated']);
  });
});

describe('IN-6: messages for colleagues', () => {
  it('IN-6: a message left for a colleague who never logged in escalates to the supervisor after 4 working hours', async () => {
    at('2026-03-11T10:00');
    const task = await create('agent_a1', {
      kind: 'message',
      assigneeId: people.absent_a!.id,
      callerName: '李先生',
      note: '请回电确认送货地址',
    });
    expect(task.escalateAt).toBe(iso('2026-03-11T15:30')); // 10:00–12:00, lunch, 13:30–15:30
    // Their supervisor already sees it in the colleague's list.
    const list = await (await as('sup_a')).get(`/api/v1/tasks?assigneeId=${people.absent_a!.id}`);
    expect(list.json().items.map((t: TaskOut) => t.id)).toContain(task.id);
    at('2026-03-11T15:29');
    await runWorkerOnce(kefu.deps);
    expect(await noticesOf('sup_a', task.id)).toEqual([]);
    at('2026-03-11T15:30');
    await runWorkerOnce(kefu.deps);
    await runWorkerOnce(kefu.deps);
    expect((await noticesOf('sup_a', task.id)).map((n) => n.kind)).toEqual(['escalated']);
    const escalated = (await (await as('sup_a')).get(`/api/v1/tasks/${task.id}`)).json() as TaskOut;
    expect(escalated).toMatchObject({ state: 'open', escalatedTo: [people.sup_a!.id] });
    expect(escalated.escalatedAt).toBe(iso('2026-03-11T15:30'));
    // When the colleague finally logs in, the message is the first thing in their worklist.
    const mine = await (await as('absent_a')).get('/api/v1/tasks');
    expect(mine.json().items.map((t: TaskOut) => t.id)).toContain(task.id);
  });

  it('IN-6: a message dealt with in time does not escalate', async () => {
    at('2026-03-12T10:00');
    const task = await create('agent_a1', {
      kind: 'message',
      assigneeId: people.agent_a2!.id,
      note: '客户来电找您',
    });
    at('2026-03-12T11:00');
    const done = await (
      await as('agent_a2')
    ).post(`/api/v1/tasks/${task.id}/done`, { outcome: '已回电，客户已确认' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      state: 'done',
      doneBy: people.agent_a2!.id,
      outcome: '已回电，客户已确认',
    });
    at('2026-03-13T10:00');
    await runWorkerOnce(kefu.deps);
    expect(await noticesOf('sup_a', task.id)).toEqual([]);
    expect((await (await as('agent_a2')).get(`/api/v1/tasks/${task.id}`)).json().escalatedAt).toBeNull();
    const again = await (await as('agent_a2')).post(`/api/v1/tasks/${task.id}/done`, { outcome: '再次' });
    expect(again.statusCode).toBe(409);
    const audit = await (await as('admin')).get(`/api/v1/audit?subjectType=task&subjectId=${task.id}`);
    expect(
      audit
        .json()
        .items.map((e: { action: string }) => e.action)
        .sort(),
    ).toEqual(['task.created', 'task.done']);
  });

  it('IN-7: trainees receive messages but not call-backs; disabled colleagues receive nothing', async () => {
    at('2026-03-12T10:00');
    const agent = await as('agent_a1');
    const base = { unitId: org.storeA.id, callerPhone: '13800138000' };
    const callBack = await agent.post('/api/v1/tasks', {
      ...base,
      kind: 'call_back',
      assigneeId: people.trainee_a!.id,
    });
    expect(callBack.statusCode).toBe(422);
    expect(callBack.json().code).toBe('task.trainee_cannot_take_call_back');
    const message = await agent.post('/api/v1/tasks', {
      ...base,
      kind: 'message',
      assigneeId: people.trainee_a!.id,
      note: '留言',
    });
    expect(message.statusCode, message.body).toBe(201);
    const gone = await agent.post('/api/v1/tasks', {
      ...base,
      kind: 'message',
      assigneeId: people.gone_a!.id,
      note: '留言',
    });
    expect(gone.statusCode).toBe(422);
  });
});

describe('scoping and actions', () => {
  it('IN-5/ORG-1: another store’s agent gets 404 for a task, its actions and the store’s list', async () => {
    at('2026-03-16T10:00');
    const task = await create('agent_a1', { kind: 'call_back' });
    const b = await as('agent_b');
    expect((await b.get(`/api/v1/tasks/${task.id}`)).statusCode).toBe(404);
    expect((await b.post(`/api/v1/tasks/${task.id}/done`, { outcome: 'x' })).statusCode).toBe(404);
    expect(
      (await b.post(`/api/v1/tasks/${task.id}/reassign`, { assigneeId: people.agent_b!.id })).statusCode,
    ).toBe(404);
    expect((await b.get(`/api/v1/tasks?unitId=${org.storeA.id}`)).statusCode).toBe(404);
    // Nor can they leave work in store A, or give store B's task to store A's people.
    const there = await b.post('/api/v1/tasks', {
      unitId: org.storeA.id,
      kind: 'call_back',
      callerPhone: '13800138000',
    });
    expect(there.statusCode).toBe(404);
    const across = await b.post('/api/v1/tasks', {
      unitId: org.storeB.id,
      kind: 'message',
      callerPhone: '13800138000',
      assigneeId: people.agent_a1!.id,
      note: '留言',
    });
    expect(across.statusCode).toBe(404);
    expect((await b.get('/api/v1/tasks')).json().items).toEqual([]);
  });

  it('IN-5: a colleague of the same store without tasks.read gets 404; the supervisor sees and reassigns', async () => {
    at('2026-03-16T10:00');
    const task = await create('agent_a1', { kind: 'call_back' });
    expect((await (await as('agent_a2')).get(`/api/v1/tasks/${task.id}`)).statusCode).toBe(404);
    const sup = await as('sup_a');
    const store = await sup.get(`/api/v1/tasks?unitId=${org.storeA.id}&due=today`);
    expect(store.json().items.map((t: TaskOut) => t.id)).toContain(task.id);
    const moved = await sup.post(`/api/v1/tasks/${task.id}/reassign`, { assigneeId: people.agent_a2!.id });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({
      assigneeId: people.agent_a2!.id,
      dueAt: task.dueAt,
      escalateAt: task.escalateAt,
    });
    const cancelled = await (
      await as('agent_a1')
    ).post(`/api/v1/tasks/${task.id}/cancel`, { reason: '客户已再次来电' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().state).toBe('cancelled');
    const audit = await (await as('admin')).get(`/api/v1/audit?subjectType=task&subjectId=${task.id}`);
    expect(
      audit
        .json()
        .items.map((e: { action: string }) => e.action)
        .sort(),
    ).toEqual(['task.cancelled', 'task.created', 'task.reassigned']);
  });

  it('IN-5: bad input — unknown assignee 404, a past deadline 400, unknown fields 400, a message without text 400', async () => {
    at('2026-03-16T10:00');
    const agent = await as('agent_a1');
    const base = { unitId: org.storeA.id, kind: 'call_back', callerPhone: '13800138000' };
    const unknown = await agent.post('/api/v1/tasks', { ...base, assigneeId: randomUUID() });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('task.assignee_not_found');
    const past = await agent.post('/api/v1/tasks', { ...base, dueAt: iso('2026-03-16T09:00') });
    expect(past.statusCode).toBe(400);
    expect(past.json().code).toBe('task.due_in_past');
    expect((await agent.post('/api/v1/tasks', { ...base, priority: 'high' })).statusCode).toBe(400);
    expect((await agent.post('/api/v1/tasks', { ...base, kind: 'message' })).statusCode).toBe(400);
    expect((await agent.post('/api/v1/tasks', { ...base, callerPhone: 'call me' })).statusCode).toBe(400);
    const explicit = await agent.post('/api/v1/tasks', { ...base, dueAt: iso('2026-03-17T15:00') });
    expect(explicit.json().dueAt).toBe(iso('2026-03-17T15:00'));
    const missing = await agent.post(`/api/v1/tasks/${randomUUID()}/done`, { outcome: 'x' });
    expect(missing.statusCode).toBe(404);
    const noOutcome = await agent.post(`/api/v1/tasks/${explicit.json().id}/done`, {});
    expect(noOutcome.statusCode).toBe(400);
  });

  it('IN-5 / ORG-1: a task may point only at a customer and a ticket the caller sees — another store’s or a made-up id is 404', async () => {
    at('2026-03-16T10:30');
    const agentB = await as('agent_b');
    const customerB = await agentB.post('/api/v1/customers', {
      unitId: org.storeB.id,
      name: '成都客户',
      phones: [{ number: '13911112222' }],
    });
    expect(customerB.statusCode, customerB.body).toBe(201);
    const ticketB = await agentB.post('/api/v1/tickets', {
      unitId: org.storeB.id,
      channel: 'phone',
      type: 'consultation_direct',
      subject: '成都门店的咨询',
    });
    expect(ticketB.statusCode, ticketB.body).toBe(201);
    const agent = await as('agent_a1');
    const base = { unitId: org.storeA.id, kind: 'call_back', callerPhone: '13800138000' };
    const before = (await agent.get('/api/v1/tasks?pageSize=100')).json().total as number;
    for (const [ref, code] of [
      [{ customerId: customerB.json().id }, 'customers.not_found'],
      [{ ticketId: ticketB.json().id }, 'tickets.not_found'],
      [{ customerId: randomUUID() }, 'customers.not_found'],
      [{ ticketId: randomUUID() }, 'tickets.not_found'],
    ] as const) {
      const res = await agent.post('/api/v1/tasks', { ...base, ...ref });
      expect([res.statusCode, res.json().code]).toEqual([404, code]);
    }
    expect((await agent.get('/api/v1/tasks?pageSize=100')).json().total).toBe(before);
  });
});
