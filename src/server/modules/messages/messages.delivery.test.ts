import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKefu, type TestKefu } from '../../test/test-app';
import { buildOrganisation } from '../../test/factories';
import { MAX_DELIVERY_ATTEMPTS } from '../../../domain/messages';
import { claimDueMessages, deliverDueMessages, deliveryKeyOf, SENDING_LEASE_MS } from './messages.delivery';
import { loadConfig } from '../../app/config';
import { runWorkerOnce } from '../../jobs/worker';
import {
  outboxProvider,
  providersFromConfig,
  smtpProvider,
  webhookProvider,
  type ProviderSet,
} from './messages.providers';
import { attemptsOf, findMessage } from './messages.repository';
import { enqueueMessage, type OutgoingMessage } from './messages.service';
import {
  startSmtpReceiver,
  startWebhookReceiver,
  type SmtpReceiver,
  type WebhookReceiver,
} from './messages.test-servers';

const SECRET = 'test-webhook-secret-0123456789';

describe('message delivery: providers, retries, exactly-once in effect', () => {
  let kefu: TestKefu;
  let unitId: string;
  let webhook: WebhookReceiver;
  let smtp: SmtpReceiver;
  let providers: ProviderSet;
  beforeAll(async () => {
    kefu = await createTestKefu();
    unitId = (await buildOrganisation(await kefu.login('admin'))).storeA.id;
    webhook = await startWebhookReceiver(SECRET);
    smtp = await startSmtpReceiver();
    providers = {
      sms: webhookProvider({ url: webhook.url, secret: SECRET, timeoutMs: 5000 }),
      email: smtpProvider({ url: smtp.url, from: '上海徐汇店客服 <kefu@example.cn>', timeoutMs: 5000 }),
    };
  });
  afterAll(async () => {
    providers.email.close?.();
    await webhook.close();
    await smtp.close();
    await kefu.close();
  });

  let n = 0;
  const enqueue = (extra: Partial<OutgoingMessage> = {}) =>
    kefu.deps.db.transaction((tx) =>
      enqueueMessage(kefu.deps, tx, {
        unitId,
        customerId: null,
        channel: 'sms',
        to: '13800138000',
        body: `您的服务单已完成 ${++n}`,
        purpose: 'service',
        idempotencyKey: `delivery-test:${n}`,
        ...extra,
      }),
    );
  const deliver = (p: ProviderSet = providers) => deliverDueMessages(kefu.deps, { providers: p });
  const row = async (id: string) => (await findMessage(kefu.deps.db, id))!;

  it('the scheduler pass delivers due messages with the configured providers (outbox by default)', async () => {
    const { id } = await enqueue();
    await runWorkerOnce(kefu.deps);
    expect(await row(id)).toMatchObject({ state: 'sent', provider: 'outbox' });
  });

  it('the outbox provider keeps the message and sends nothing', async () => {
    const { id } = await enqueue();
    const r = await deliver({ sms: outboxProvider, email: outboxProvider });
    expect(r).toMatchObject({ claimed: 1, sent: 1 });
    expect(await row(id)).toMatchObject({
      state: 'sent',
      provider: 'outbox',
      providerMessageId: `outbox-${id}`,
    });
    expect(webhook.posts).toHaveLength(0);
    expect(outboxProvider.sendsForReal).toBe(false);
  });

  it('webhook: a signed JSON POST with the idempotency key; the gateway id is recorded', async () => {
    const { id } = await enqueue();
    await deliver();
    expect(webhook.badSignatures).toBe(0);
    const post = webhook.posts.at(-1)!;
    expect(post.key).toBe(deliveryKeyOf(id));
    expect(post.body).toMatchObject({
      id,
      to: '13800138000',
      channel: 'sms',
      idempotencyKey: deliveryKeyOf(id),
    });
    expect(await row(id)).toMatchObject({
      state: 'sent',
      provider: 'webhook',
      providerMessageId: `gw-${deliveryKeyOf(id)}`,
    });
    // A receiver holding another secret refuses the post: the signature really is checked.
    const wrong = webhookProvider({ url: webhook.url, secret: 'another-secret-0123456789', timeoutMs: 5000 });
    await expect(
      wrong.send({
        messageId: id,
        deliveryKey: 'k',
        channel: 'sms',
        to: '1',
        subject: null,
        body: 'x',
        unitId,
        now: new Date(),
      }),
    ).rejects.toThrow(/401/);
  });

  it('a failing gateway is retried with exponential backoff and the same key; an SMS retry waits for contact hours (CARE-4)', async () => {
    const { id } = await enqueue();
    webhook.failNext(503, 2);
    expect(await deliver()).toMatchObject({ claimed: 1, retrying: 1 });
    let m = await row(id);
    expect(m).toMatchObject({ state: 'queued', attempts: 1 });
    expect(m.lastError).toContain('503');
    expect(m.nextAttemptAt.getTime() - kefu.clock.now().getTime()).toBe(60_000);
    expect(await deliver()).toMatchObject({ claimed: 0 }); // not due yet
    kefu.clock.advanceBy(60_000);
    await deliver();
    m = await row(id);
    expect(m.nextAttemptAt.getTime() - kefu.clock.now().getTime()).toBe(120_000);
    kefu.clock.advanceBy(120_000);
    await deliver();
    expect(await row(id)).toMatchObject({ state: 'sent', attempts: 3 });
    const log = await attemptsOf(kefu.deps.db, id);
    expect(log.map((a) => a.outcome)).toEqual(['failed', 'failed', 'sent']);
    expect(webhook.posts.filter((p) => p.key === deliveryKeyOf(id))).toHaveLength(1);

    // At 20:29 Shanghai a failure's one-minute backoff would land at 20:30: it waits for 09:00.
    kefu.clock.set(new Date('2026-03-02T20:29:00+08:00'));
    const late = await enqueue();
    webhook.failNext(500);
    await deliver();
    expect((await row(late.id)).nextAttemptAt).toEqual(new Date('2026-03-03T09:00:00+08:00'));
    kefu.clock.set(new Date('2026-03-03T09:00:00+08:00'));
    await deliver();
    expect((await row(late.id)).state).toBe('sent');
  });

  it('gives up after the attempt limit, and at once when the gateway refuses the message', async () => {
    const { id } = await enqueue();
    webhook.failNext(500, MAX_DELIVERY_ATTEMPTS);
    for (let i = 0; i < MAX_DELIVERY_ATTEMPTS; i++) {
      await deliver();
      kefu.clock.set(new Date(Math.max(kefu.clock.now().getTime(), (await row(id)).nextAttemptAt.getTime())));
    }
    expect(await row(id)).toMatchObject({
      state: 'failed',
      stateReason: 'attempts_exhausted',
      attempts: MAX_DELIVERY_ATTEMPTS,
    });
    expect(await deliver()).toMatchObject({ claimed: 0 });

    const refused = await enqueue();
    webhook.failNext(400);
    await deliver();
    expect(await row(refused.id)).toMatchObject({ state: 'failed', stateReason: 'refused', attempts: 1 });
  });

  it('a worker that dies after the provider took the message: re-sent with the same key after the lease, sent once in effect', async () => {
    kefu.clock.set(new Date('2026-03-10T10:00:00+08:00'));
    const { id } = await enqueue();
    const [claimed] = await claimDueMessages(kefu.deps.db, kefu.clock.now(), 10, providers);
    expect(claimed!.id).toBe(id);
    expect((await row(id)).state).toBe('sending');
    // The provider receives it, then the worker "dies" before recording.
    await providers.sms.send({
      messageId: id,
      deliveryKey: deliveryKeyOf(id),
      channel: 'sms',
      to: claimed!.recipient,
      subject: null,
      body: claimed!.body,
      unitId,
      now: kefu.clock.now(),
    });
    expect(await deliver()).toMatchObject({ claimed: 0 }); // the lease still holds
    kefu.clock.advanceBy(SENDING_LEASE_MS + 1);
    await deliver();
    expect(await row(id)).toMatchObject({ state: 'sent', attempts: 2 });
    expect(webhook.posts.filter((p) => p.key === deliveryKeyOf(id))).toHaveLength(2);
    expect(webhook.delivered.has(deliveryKeyOf(id))).toBe(true);
    expect((await attemptsOf(kefu.deps.db, id)).map((a) => a.outcome)).toEqual(['interrupted', 'sent']);
  });

  it('SMTP: e-mail reaches a real SMTP server with the delivery key as Message-ID; a refused mailbox fails for good', async () => {
    const { id } = await enqueue({
      channel: 'email',
      to: 'wang@example.cn',
      templateCode: 'survey_invitation_email',
      variables: { customerName: '王女士', storeName: '上海徐汇店', surveyUrl: 'https://k.example.cn/c/abc' },
    });
    await deliver();
    expect(await row(id)).toMatchObject({ state: 'sent', provider: 'smtp' });
    const mail = smtp.mails.find((m) => m.messageId === `<${deliveryKeyOf(id)}@kefu>`)!;
    expect(mail.to).toEqual(['wang@example.cn']);
    expect(mail.raw).toContain(`X-Kefu-Idempotency-Key: ${deliveryKeyOf(id)}`);

    smtp.rejected.add('nobody@example.cn');
    const bad = await enqueue({ channel: 'email', to: 'nobody@example.cn', subject: '通知', body: '您好' });
    await deliver();
    expect(await row(bad.id)).toMatchObject({ state: 'failed', stateReason: 'refused' });
  });
});

describe('provider configuration', () => {
  it('a provider chosen without its settings stops start-up naming the missing variables', () => {
    expect(() => loadConfig({ KEFU_SMS_PROVIDER: 'webhook' })).toThrow(
      /KEFU_SMS_WEBHOOK_URL[\s\S]*KEFU_SMS_WEBHOOK_SECRET/,
    );
    expect(() => loadConfig({ KEFU_EMAIL_PROVIDER: 'smtp', KEFU_SMTP_URL: 'smtp://127.0.0.1:25' })).toThrow(
      /KEFU_SMTP_FROM/,
    );
    expect(() => loadConfig({ KEFU_SMS_PROVIDER: 'carrier-pigeon' })).toThrow(/KEFU_SMS_PROVIDER/);
    const config = loadConfig({
      KEFU_SMS_PROVIDER: 'webhook',
      KEFU_SMS_WEBHOOK_URL: 'https://sms.example.cn/send',
      KEFU_SMS_WEBHOOK_SECRET: SECRET,
    });
    const set = providersFromConfig(config);
    expect([set.sms.name, set.email.name]).toEqual(['webhook', 'outbox']);
    expect(providersFromConfig(loadConfig({})).sms).toBe(outboxProvider);
  });
});
