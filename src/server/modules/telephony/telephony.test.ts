import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';

const TOKEN = 'telephony-test-token-0123456789';
let kefu: TestKefu;
let base: string;
let admin: HttpSession;
let agentA: HttpSession;
let colleague: HttpSession;
let agentAId: string;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
let customerId: string;

/** An open SSE stream read the way a browser's EventSource would. */
async function openStream(session: HttpSession) {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/v1/telephony/stream`, {
    headers: { cookie: [...session.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  /** The next `event: call` message, or null when none arrives within `ms`. */
  const nextCall = async (ms: number): Promise<Record<string, unknown> | null> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const match = /event: call\ndata: (.*)\n\n/.exec(buffer);
      if (match) {
        buffer = buffer.slice(match.index + match[0].length);
        return JSON.parse(match[1]!) as Record<string, unknown>;
      }
      const left = deadline - Date.now();
      if (left <= 0) return null;
      const chunk = await Promise.race([
        reader.read(),
        new Promise<null>((r) => setTimeout(() => r(null), left)),
      ]);
      if (chunk === null) return null;
      if (chunk.done) return null;
      buffer += decoder.decode(chunk.value, { stream: true });
    }
  };
  return { nextCall, close: () => controller.abort() };
}

beforeAll(async () => {
  kefu = await createTestKefu({ KEFU_TELEPHONY_TOKEN: TOKEN });
  admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  agentAId = (await createUser(admin, 'tel.agent.a', org.storeA.id, 'agent')).id;
  await createUser(admin, 'tel.colleague', org.storeA.id, 'agent');
  await createUser(admin, 'tel.trainee', org.storeA.id, 'trainee');
  agentA = await kefu.login('tel.agent.a', TEST_PASSWORD);
  colleague = await kefu.login('tel.colleague', TEST_PASSWORD);
  const c = await agentA.post('/api/v1/customers', {
    unitId: org.storeA.id,
    name: '陈美玲',
    phones: [{ number: '021-6432 1234' }],
    specialAttention: { reason: 'VIP 业主' },
    assets: [{ kind: 'product', name: '中央空调', model: 'KFR-72' }],
  });
  customerId = c.json().id;
  expect(
    (await agentA.request('PUT', `/api/v1/telephony/extensions/${agentAId}`, { extension: '8001' }))
      .statusCode,
  ).toBe(200);
  await kefu.app.listen({ port: 0, host: '127.0.0.1' });
  const address = kefu.app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => kefu.close());

const bearer = { authorization: `Bearer ${TOKEN}` };
const postEvent = (body: Record<string, unknown>, headers: Record<string, string> = bearer) =>
  fetch(`${base}/api/v1/telephony/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('IN-3 caller identification', () => {
  // The 1-second target is measured by bench/caller-pop.bench.ts, not here: a timed assertion fails on a busy machine.
  it("IN-3: a ringing call pops the known customer's card on the agent's stream only", async () => {
    const mine = await openStream(agentA);
    const theirs = await openStream(colleague);
    const res = await postEvent({
      event: 'ringing',
      callId: 'c-1',
      callerNumber: '+86 21 64321234',
      agentExtension: '8001',
    });
    expect(res.status).toBe(202);
    // SLA-9: the ringing call already has its contact-log row (the ringing instant).
    expect(await res.json()).toEqual({ delivered: 1, contactId: expect.any(String) });
    const pop = await mine.nextCall(10_000);
    expect(pop).toMatchObject({ callId: 'c-1', known: true, callerNumber: '021-****1234' });
    const card = pop!.card as Record<string, unknown>;
    expect(card).toMatchObject({
      id: customerId,
      name: '陈美玲',
      specialAttention: { reason: 'VIP 业主' },
      openTickets: [],
    });
    expect((card.phones as { number: string }[])[0]!.number).toBe('021-****1234');
    expect((card.assets as { name: string }[])[0]!.name).toBe('中央空调');
    expect(await theirs.nextCall(300)).toBeNull();
    mine.close();
    theirs.close();
  });

  it('IN-3: an unknown number opens a new-customer draft (simulated by the signed-in agent)', async () => {
    const mine = await openStream(agentA);
    const res = await agentA.post('/api/v1/telephony/events', {
      event: 'ringing',
      callId: 'sim-1',
      callerNumber: '13700001111',
    });
    expect(res.statusCode, res.body).toBe(202);
    const pop = await mine.nextCall(10_000);
    expect(pop).toMatchObject({
      unknown: true,
      draft: { phone: '137 0000 1111', phoneValid: true, unitId: org.storeA.id },
    });
    mine.close();
  });

  it('IN-3 / IN-2: answered then ended writes one contact-log row with the duration', async () => {
    expect(
      (
        await postEvent({
          event: 'answered',
          callId: 'c-2',
          callerNumber: '02164321234',
          agentExtension: '8001',
          line: '400-820-1234',
          at: '2026-03-02T01:00:00Z',
        })
      ).status,
    ).toBe(202);
    const ended = await postEvent({
      event: 'ended',
      callId: 'c-2',
      callerNumber: '02164321234',
      agentExtension: '8001',
      at: '2026-03-02T01:03:20Z',
    });
    expect((await ended.json()).contactId).toBeTruthy();
    const log = (await agentA.get(`/api/v1/contacts?customerId=${customerId}`)).json();
    // The first test's ringing call c-1 has its own row since SLA-9; c-2 has exactly one.
    const rows = (log.items as { callId: string }[]).filter((c) => c.callId === 'c-2');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      channel: 'hotline_400',
      direction: 'inbound',
      durationSeconds: 200,
      agent: { id: agentAId },
    });
    const missed = await postEvent({
      event: 'ended',
      callId: 'c-3',
      callerNumber: '13700002222',
      agentExtension: '8001',
    });
    expect(missed.status).toBe(202);
    const missedLog = (await agentA.get('/api/v1/contacts?q=2222')).json();
    expect(missedLog.items[0]).toMatchObject({ summary: '未接来电', channel: 'phone', durationSeconds: 0 });
  });

  it('IN-3: a wrong token, an unknown extension, a trainee and a stranger are refused', async () => {
    expect(
      (
        await postEvent(
          { event: 'ringing', callId: 'x', callerNumber: '1' },
          { authorization: 'Bearer wrong' },
        )
      ).status,
    ).toBe(401);
    expect((await postEvent({ event: 'ringing', callId: 'x', callerNumber: '1' }, {})).status).toBe(401);
    const noExt = await postEvent({
      event: 'ringing',
      callId: 'x',
      callerNumber: '13700001111',
      agentExtension: '9999',
    });
    expect(noExt.status).toBe(404);
    expect(((await noExt.json()) as { code: string }).code).toBe('telephony.extension_not_found');
    const trainee = await kefu.login('tel.trainee', TEST_PASSWORD);
    expect(
      (
        await trainee.post('/api/v1/telephony/events', {
          event: 'ringing',
          callId: 'x',
          callerNumber: '13700001111',
        })
      ).statusCode,
    ).toBe(403);
    const extra = await postEvent({
      event: 'ringing',
      callId: 'x',
      callerNumber: '13700001111',
      agentExtension: '8001',
      vip: 1,
    });
    expect(extra.status).toBe(400);
    const taken = await colleague.request('PUT', `/api/v1/telephony/extensions/${agentAId}`, {
      extension: '8002',
    });
    expect(taken.statusCode).toBe(404);
  });

  it('IN-3 / ORG-1: a signed-in agent of another store can neither ring nor log calls on our extension', async () => {
    const storeBAgentId = (await createUser(admin, 'tel.agent.b', org.storeB.id, 'agent')).id;
    const agentB = await kefu.login('tel.agent.b', TEST_PASSWORD);
    expect(
      (await agentB.request('PUT', `/api/v1/telephony/extensions/${storeBAgentId}`, { extension: '8101' }))
        .statusCode,
    ).toBe(200);
    const mine = await openStream(agentA);
    const before = (await agentA.get(`/api/v1/contacts?customerId=${customerId}`)).json().total as number;
    const answers = [];
    for (const [event, agentExtension] of [
      ['ringing', '8001'],
      ['answered', '8001'],
      ['ended', '8001'],
      ['ringing', '7777'],
    ] as const) {
      const res = await agentB.post('/api/v1/telephony/events', {
        event,
        callId: `cross-${event}`,
        callerNumber: '02164321234',
        agentExtension,
      });
      answers.push([res.statusCode, res.json().code]);
      expect(res.body).not.toContain(customerId);
    }
    // The same refusal for a colleague's extension in another store and for one nobody has.
    expect(answers).toEqual(Array(4).fill([403, 'telephony.extension_not_own']));
    expect(await mine.nextCall(300)).toBeNull();
    expect((await agentA.get(`/api/v1/contacts?customerId=${customerId}`)).json().total).toBe(before);
    mine.close();
    // Their own extension works, and the answer says nothing about the caller.
    const own = await agentB.post('/api/v1/telephony/events', {
      event: 'ended',
      callId: 'own-b',
      callerNumber: '02164321234',
      agentExtension: '8101',
    });
    expect(own.statusCode, own.body).toBe(202);
    expect(Object.keys(own.json()).sort()).toEqual(['contactId', 'delivered']);
  });

  it('IN-3: the integration token may name any extension, and its answer reveals no customer', async () => {
    const res = await postEvent({
      event: 'ended',
      callId: 'tok-1',
      callerNumber: '02164321234',
      agentExtension: '8001',
    });
    expect(res.status).toBe(202);
    const answer = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(answer).sort()).toEqual(['contactId', 'delivered']);
    expect(JSON.stringify(answer)).not.toContain(customerId);
  });
});
