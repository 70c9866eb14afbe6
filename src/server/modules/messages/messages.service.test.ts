import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../app/errors';
import { createTestKefu, type TestKefu } from '../../test/test-app';
import { buildOrganisation, createUser, TEST_PASSWORD, type UnitRef } from '../../test/factories';
import type { HttpSession } from '../../test/test-app';
import {
  contactHoursOf,
  enqueueMessage,
  isMarketingOptedOut,
  type OutgoingMessage,
} from './messages.service';
import { findMessage } from './messages.repository';

describe('enqueueMessage, contact hours and opt-out (CARE-4)', () => {
  let kefu: TestKefu;
  let admin: HttpSession;
  let org: Awaited<ReturnType<typeof buildOrganisation>>;
  let customerId: string;
  beforeAll(async () => {
    kefu = await createTestKefu();
    admin = await kefu.login('admin');
    org = await buildOrganisation(admin);
    const res = await admin.post('/api/v1/customers', {
      unitId: org.storeA.id,
      name: '王芳',
      phones: [{ number: '13912345678' }],
    });
    expect(res.statusCode).toBe(201);
    customerId = res.json().id;
  });
  afterAll(() => kefu.close());

  let n = 0;
  const base = (unit: UnitRef, extra: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
    unitId: unit.id,
    customerId,
    channel: 'sms',
    to: '139 1234 5678',
    templateCode: 'survey_invitation',
    variables: { customerName: '王女士', storeName: '徐汇店', surveyUrl: 'https://k.example.cn/c/x' },
    purpose: 'service',
    idempotencyKey: `test:${++n}`,
    ...extra,
  });
  const enqueue = (m: OutgoingMessage) => kefu.deps.db.transaction((tx) => enqueueMessage(kefu.deps, tx, m));
  const failure = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  };

  it('renders the shipped template, normalises the phone, and the same key twice is one message', async () => {
    const m = base(org.storeA);
    const first = await enqueue(m);
    expect(first).toMatchObject({ created: true, state: 'queued' });
    expect(first.sendAt).toEqual(kefu.clock.now()); // 10:00 in Shanghai: inside the window
    const row = (await findMessage(kefu.deps.db, first.id))!;
    expect(row.recipient).toBe('13912345678');
    expect(row.body).toBe(
      '王女士您好，感谢您选择徐汇店。耽误您一分钟，请对本次服务打个分：https://k.example.cn/c/x',
    );
    const again = await enqueue({ ...m, variables: { ...m.variables, customerName: '别人' } });
    expect(again).toEqual({ ...first, created: false });
  });

  it('a missing template variable is a clear error naming it, and nothing is queued', async () => {
    const err = await failure(enqueue(base(org.storeA, { variables: { customerName: '王女士' } })));
    expect(err.code).toBe('messages.template_variables_missing');
    expect(err.messageZh).toContain('storeName');
    expect(err.messageZh).toContain('surveyUrl');
    expect((await failure(enqueue(base(org.storeA, { templateCode: 'no_such' })))).code).toBe(
      'messages.template_not_found',
    );
    expect((await failure(enqueue(base(org.storeA, { to: '010-88886666' })))).code).toBe(
      'messages.invalid_phone',
    );
    expect(
      (
        await failure(
          enqueue(base(org.storeA, { channel: 'email', to: 'not-an-address', templateCode: undefined })),
        )
      ).code,
    ).toBe('messages.invalid_email');
    expect(
      (
        await failure(
          enqueue(
            base(org.storeA, { channel: 'email', to: 'w@example.cn', templateCode: undefined, body: '你好' }),
          ),
        )
      ).code,
    ).toBe('messages.subject_missing');
  });

  it('CARE-4: an SMS in quiet hours moves to the next allowed time; e-mail is not held', async () => {
    const evening = new Date('2026-03-02T21:10:00+08:00');
    const sms = await enqueue(base(org.storeA, { notBefore: evening }));
    expect(sms.sendAt).toEqual(new Date('2026-03-03T09:00:00+08:00'));
    const mail = await enqueue(
      base(org.storeA, {
        channel: 'email',
        to: 'Wang@Example.cn',
        templateCode: 'survey_invitation_email',
        notBefore: evening,
      }),
    );
    expect(mail.sendAt).toEqual(evening);
    expect((await findMessage(kefu.deps.db, mail.id))!.recipient).toBe('wang@example.cn');
  });

  it('CARE-4: a sign-in code the customer is waiting for leaves at once, also in quiet hours', async () => {
    const night = new Date('2026-03-02T23:40:00+08:00');
    kefu.clock.set(night);
    try {
      const code = await enqueue(
        base(org.storeA, { templateCode: undefined, body: '验证码 123456', awaitedByCustomer: true }),
      );
      expect(code.sendAt).toEqual(night);
      const notice = await enqueue(base(org.storeA));
      expect(notice.sendAt).toEqual(new Date('2026-03-03T09:00:00+08:00'));
    } finally {
      kefu.clock.set(new Date('2026-03-02T10:00:00+08:00'));
    }
  });

  it('CARE-4: contact hours are set per unit and inherited down the tree; the default is 09:00–20:30 China time', async () => {
    expect(await contactHoursOf(kefu.deps.db, org.storeA.id)).toEqual({
      start: '09:00',
      end: '20:30',
      timeZone: 'Asia/Shanghai',
      fromUnitId: null,
    });
    const set = await admin.request('PUT', `/api/v1/messages/contact-hours/${org.east.id}`, {
      hours: { start: '10:00', end: '18:00' },
    });
    expect(set.statusCode).toBe(200);
    expect(await contactHoursOf(kefu.deps.db, org.storeAEngineering.id)).toMatchObject({
      start: '10:00',
      end: '18:00',
      fromUnitId: org.east.id,
    });
    expect((await contactHoursOf(kefu.deps.db, org.storeB.id)).start).toBe('09:00');
    // A store in the region is now held until 10:00.
    const early = await enqueue(base(org.storeA, { notBefore: new Date('2026-03-03T09:30:00+08:00') }));
    expect(early.sendAt).toEqual(new Date('2026-03-03T10:00:00+08:00'));
    const bad = await admin.request('PUT', `/api/v1/messages/contact-hours/${org.east.id}`, {
      hours: { start: '18:00', end: '10:00' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('messages.invalid_contact_hours');
    const reset = await admin.request('PUT', `/api/v1/messages/contact-hours/${org.east.id}`, {
      hours: null,
    });
    expect(reset.json()).toMatchObject({ start: '09:00', fromUnitId: null });
    const audit = await admin.get(`/api/v1/audit?subjectType=unit&subjectId=${org.east.id}`);
    expect(JSON.stringify(audit.json())).toContain('unit.contact_hours_set');
  });

  it('CARE-4: an opted-out customer gets service messages but no marketing; opt-out is set by API and audited', async () => {
    await createUser(admin, 'msg_agent_b', org.storeB.id, 'agent');
    const outsider = await kefu.login('msg_agent_b', TEST_PASSWORD);
    expect(
      (await outsider.request('PUT', `/api/v1/customers/${customerId}/marketing-opt-out`, { optedOut: true }))
        .statusCode,
    ).toBe(404);

    const put = await admin.request('PUT', `/api/v1/customers/${customerId}/marketing-opt-out`, {
      optedOut: true,
      reason: '客户来电要求不要再发促销短信',
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ optedOut: true, reason: '客户来电要求不要再发促销短信' });
    expect(await isMarketingOptedOut(kefu.deps.db, customerId)).toBe(true);

    const marketing = await enqueue(
      base(org.storeA, { purpose: 'marketing', templateCode: undefined, body: '春季空调清洗八折' }),
    );
    expect(marketing.state).toBe('cancelled');
    expect((await findMessage(kefu.deps.db, marketing.id))!.stateReason).toBe('marketing_opt_out');
    const service = await enqueue(base(org.storeA));
    expect(service.state).toBe('queued');

    await admin.request('PUT', `/api/v1/customers/${customerId}/marketing-opt-out`, { optedOut: false });
    expect(await isMarketingOptedOut(kefu.deps.db, customerId)).toBe(false);
    const audit = await admin.get(`/api/v1/audit?subjectType=customer&subjectId=${customerId}`);
    const actions = JSON.stringify(audit.json());
    expect(actions).toContain('customer.marketing_opt_out');
    expect(actions).toContain('customer.marketing_opt_in');
  });
});
