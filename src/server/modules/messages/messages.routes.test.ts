import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { deliverDueMessages } from './messages.delivery';
import { outboxProvider, type MessageProvider } from './messages.providers';
import { enqueueMessage, type OutgoingMessage } from './messages.service';

const API = '/api/v1';

describe('messages API: templates, outbox, scoping', () => {
  let kefu: TestKefu;
  let admin: HttpSession;
  let supervisorA: HttpSession;
  let agentA: HttpSession;
  let agentB: HttpSession;
  let org: Awaited<ReturnType<typeof buildOrganisation>>;
  beforeAll(async () => {
    kefu = await createTestKefu();
    admin = await kefu.login('admin');
    org = await buildOrganisation(admin);
    await createUser(admin, 'msg_sup_a', org.storeA.id, 'cs_supervisor');
    await createUser(admin, 'msg_agent_a', org.storeA.id, 'agent');
    await createUser(admin, 'msg_agent_b', org.storeB.id, 'agent');
    supervisorA = await kefu.login('msg_sup_a', TEST_PASSWORD);
    agentA = await kefu.login('msg_agent_a', TEST_PASSWORD);
    agentB = await kefu.login('msg_agent_b', TEST_PASSWORD);
  });
  afterAll(() => kefu.close());

  let n = 0;
  const enqueue = (extra: Partial<OutgoingMessage> = {}) =>
    kefu.deps.db.transaction((tx) =>
      enqueueMessage(kefu.deps, tx, {
        unitId: org.storeA.id,
        customerId: null,
        channel: 'sms',
        to: '13800138000',
        templateCode: 'workorder_link',
        variables: { customerName: '王女士', url: 'https://k.example.cn/c/abc' },
        purpose: 'service',
        idempotencyKey: `routes:${++n}`,
        ...extra,
      }),
    );

  it('CUS-4: the outbox masks an SMS number for roles without the right to see full numbers', async () => {
    const queued = await enqueue({ idempotencyKey: 'routes:masking', to: '13912345678' });
    const shown = async (session: HttpSession) =>
      (await session.get(`${API}/messages/${queued.id}`)).json().recipient as string;
    expect(await shown(agentA)).toBe('139****5678');
    const listed = (await agentA.get(`${API}/messages?unitId=${org.storeA.id}`)).json().items as {
      id: string;
      recipient: string;
    }[];
    expect(listed.find((m) => m.id === queued.id)?.recipient).toBe('139****5678');
    expect(await shown(admin)).toBe('13912345678');
  });

  it('templates: shipped defaults listed with the variable catalogue; a unit override wins below it; preview renders samples', async () => {
    const list = await agentA.get(`${API}/messages/templates?unitId=${org.storeA.id}`);
    expect(list.statusCode).toBe(200);
    const codes = list.json().items.map((t: { code: string }) => t.code);
    expect(codes).toEqual(
      expect.arrayContaining(['care_sms_fallback', 'survey_invitation', 'appointment_reminder']),
    );
    expect(list.json().variables.map((v: { name: string }) => v.name)).toContain('customerName');

    // Agents read templates but do not edit them.
    const denied = await agentA.post(`${API}/messages/templates`, {
      unitId: org.storeA.id,
      code: 'workorder_link',
      channel: 'sms',
      name: '服务单链接',
      body: '{{customerName}}您好：{{url}}',
    });
    expect(denied.statusCode).toBe(403);

    const created = await supervisorA.post(`${API}/messages/templates`, {
      unitId: org.storeA.id,
      code: 'workorder_link',
      channel: 'sms',
      name: '服务单链接（徐汇店）',
      body: '【徐汇店】{{customerName}}您好，服务单进度：{{url}}',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      shipped: true,
      inherited: false,
      variables: ['customerName', 'url'],
    });
    const below = await admin.get(`${API}/messages/templates?unitId=${org.storeAEngineering.id}`);
    const effective = below.json().items.find((t: { code: string }) => t.code === 'workorder_link');
    expect(effective).toMatchObject({ inherited: true, unitId: org.storeA.id });
    // The next message of that unit uses it.
    const m = await enqueue({ unitId: org.storeAEngineering.id });
    const detail = await admin.get(`${API}/messages/${m.id}`);
    expect(detail.json().body).toBe('【徐汇店】王女士您好，服务单进度：https://k.example.cn/c/abc');

    const preview = await agentA.post(`${API}/messages/templates/preview`, {
      channel: 'sms',
      body: '{{customerName}}您好，{{technicianName}}将于{{window}}上门',
    });
    expect(preview.json()).toMatchObject({
      body: '王女士您好，张师傅将于3月5日 14:00–16:00上门',
      missing: [],
      unknown: [],
      smsParts: 1,
    });

    // Removing the override falls back to the shipped text.
    const del = await supervisorA.request('DELETE', `${API}/messages/templates/${created.json().id}`);
    expect(del.statusCode).toBe(204);
    const after = await admin.get(`${API}/messages/templates?unitId=${org.storeA.id}`);
    expect(after.json().items.find((t: { code: string }) => t.code === 'workorder_link')).toMatchObject({
      id: null,
      inherited: true,
    });
  });

  it('bad input: an unknown variable is refused at save with its name; e-mail needs a subject; a shipped code keeps its channel', async () => {
    const unknown = await admin.post(`${API}/messages/templates`, {
      unitId: org.hq.id,
      code: 'spring_offer',
      channel: 'sms',
      name: '春季活动',
      body: '{{customerName}}您好，{{discount}}折优惠',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('messages.template_unknown_variables');
    expect(JSON.stringify(unknown.json())).toContain('discount');
    const noSubject = await admin.post(`${API}/messages/templates`, {
      unitId: org.hq.id,
      code: 'newsletter',
      channel: 'email',
      name: '会员通讯',
      body: '{{customerName}}您好',
    });
    expect(noSubject.json().code).toBe('messages.subject_missing');
    const channel = await admin.post(`${API}/messages/templates`, {
      unitId: org.hq.id,
      code: 'care_sms_fallback',
      channel: 'email',
      name: 'x',
      subject: 'x',
      body: 'x',
    });
    expect(channel.json().code).toBe('messages.template_channel_fixed');
    const strict = await admin.post(`${API}/messages/templates`, {
      unitId: org.hq.id,
      code: 'ok_code',
      channel: 'sms',
      name: 'x',
      body: 'x',
      extra: 1,
    });
    expect(strict.statusCode).toBe(400);
    const custom = await admin.post(`${API}/messages/templates`, {
      unitId: org.hq.id,
      code: 'spring_offer',
      channel: 'sms',
      name: '春季活动',
      body: '{{customerName}}您好，{{serviceName}}八折',
    });
    expect(custom.statusCode).toBe(201);
    const edited = await admin.patch(`${API}/messages/templates/${custom.json().id}`, {
      name: '春季活动',
      body: '{{customerName}}您好，{{serviceName}}{{bogus}}',
    });
    expect(edited.json().code).toBe('messages.template_unknown_variables');
  });

  it('outbox: list with filters, detail with attempts, cancel a queued one, retry a failed one; 404 outside the unit', async () => {
    const queued = await enqueue();
    const evening = await enqueue({ notBefore: new Date('2026-03-02T21:00:00+08:00') });
    const failing: MessageProvider = {
      name: 'webhook',
      sendsForReal: true,
      send: () => Promise.reject(new Error('gateway down')),
    };
    // Deliver the first now, with a provider that refuses everything until the attempt limit.
    for (let i = 0; i < 6; i++) {
      await deliverDueMessages(kefu.deps, {
        providers: { sms: failing, email: outboxProvider },
        retryDelay: () => 0,
      });
    }
    const failed = await admin.get(`${API}/messages/${queued.id}`);
    expect(failed.json()).toMatchObject({ state: 'failed', stateReason: 'attempts_exhausted', attempts: 6 });
    expect(failed.json().attemptLog).toHaveLength(6);
    expect(failed.json().attemptLog[0]).toMatchObject({
      number: 1,
      outcome: 'failed',
      error: 'gateway down',
    });

    const list = await supervisorA.get(`${API}/messages?state=queued&channel=sms`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((m: { id: string }) => m.id)).toContain(evening.id);
    expect(list.json().items.every((m: { state: string }) => m.state === 'queued')).toBe(true);
    const byDate = await admin.get(`${API}/messages?from=${encodeURIComponent('2030-01-01T00:00:00Z')}`);
    expect(byDate.json().total).toBe(0);

    // ORG-1: another store's agent sees neither the list entries nor the message.
    expect((await agentB.get(`${API}/messages`)).json().items).toHaveLength(0);
    expect((await agentB.get(`${API}/messages/${evening.id}`)).statusCode).toBe(404);
    // Agents read but do not cancel.
    expect((await agentA.post(`${API}/messages/${evening.id}/cancel`, {})).statusCode).toBe(403);

    const cancelled = await supervisorA.post(`${API}/messages/${evening.id}/cancel`, {
      reason: '客户已到店处理',
    });
    expect(cancelled.json()).toMatchObject({ state: 'cancelled', stateReason: '客户已到店处理' });
    expect((await supervisorA.post(`${API}/messages/${evening.id}/cancel`, {})).json().code).toBe(
      'messages.cannot_cancel',
    );

    const retried = await supervisorA.post(`${API}/messages/${queued.id}/retry`);
    expect(retried.json()).toMatchObject({ state: 'queued' });
    await deliverDueMessages(kefu.deps, { providers: { sms: outboxProvider, email: outboxProvider } });
    expect((await admin.get(`${API}/messages/${queued.id}`)).json()).toMatchObject({
      state: 'sent',
      attempts: 7,
    });
    expect((await supervisorA.post(`${API}/messages/${queued.id}/retry`)).json().code).toBe(
      'messages.cannot_retry',
    );

    const providers = await agentA.get(`${API}/messages/providers`);
    expect(providers.json()).toEqual({
      sms: { provider: 'outbox', sendsForReal: false },
      email: { provider: 'outbox', sendsForReal: false },
    });
    const audit = await admin.get(`${API}/audit?subjectType=outbox_message&subjectId=${evening.id}`);
    expect(JSON.stringify(audit.json())).toContain('message.cancelled');
  });
});
