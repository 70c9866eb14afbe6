import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKefu, type TestKefu } from '../../test/test-app';
import { buildOrganisation } from '../../test/factories';
import { deliverDueMessages, deliveryKeyOf } from './messages.delivery';
import { outboxProvider } from './messages.providers';
import { findMessage } from './messages.repository';
import { enqueueMessage } from './messages.service';

const SECRET = 'receipt-test-secret-0123456789';

describe('delivery receipts from the SMS gateway', () => {
  let kefu: TestKefu;
  let unitId: string;
  beforeAll(async () => {
    kefu = await createTestKefu({
      KEFU_SMS_PROVIDER: 'webhook',
      KEFU_SMS_WEBHOOK_URL: 'http://127.0.0.1:9/unused',
      KEFU_SMS_WEBHOOK_SECRET: SECRET,
    });
    unitId = (await buildOrganisation(await kefu.login('admin'))).storeA.id;
  });
  afterAll(() => kefu.close());

  const receipt = (body: unknown, token = SECRET) =>
    kefu.app.inject({
      method: 'POST',
      url: '/api/v1/messages/receipts',
      headers: { authorization: `Bearer ${token}` },
      payload: body as object,
    });

  it('a sent SMS becomes delivered (or failed) on the gateway’s receipt; wrong secret, unknown key or early receipt refused', async () => {
    const enqueue = (key: string) =>
      kefu.deps.db.transaction((tx) =>
        enqueueMessage(kefu.deps, tx, {
          unitId,
          customerId: null,
          channel: 'sms',
          to: '13800138000',
          body: '您好',
          purpose: 'service',
          idempotencyKey: key,
        }),
      );
    const a = await enqueue('receipt:a');
    const b = await enqueue('receipt:b');
    const early = await receipt({ idempotencyKey: deliveryKeyOf(a.id), status: 'delivered' });
    expect([early.statusCode, early.json().code]).toEqual([409, 'messages.receipt_before_sent']);
    await deliverDueMessages(kefu.deps, { providers: { sms: outboxProvider, email: outboxProvider } });

    expect(
      (await receipt({ idempotencyKey: deliveryKeyOf(a.id), status: 'delivered' }, 'wrong-secret-000000000'))
        .statusCode,
    ).toBe(401);
    const ok = await receipt({ idempotencyKey: deliveryKeyOf(a.id), status: 'delivered' });
    expect([ok.statusCode, ok.json()]).toEqual([200, { id: a.id, state: 'delivered' }]);
    expect((await receipt({ idempotencyKey: deliveryKeyOf(a.id), status: 'delivered' })).statusCode).toBe(
      200,
    );
    expect((await findMessage(kefu.deps.db, a.id))!.state).toBe('delivered');

    await receipt({ idempotencyKey: deliveryKeyOf(b.id), status: 'failed', error: '空号' });
    expect(await findMessage(kefu.deps.db, b.id)).toMatchObject({
      state: 'failed',
      stateReason: 'undeliverable',
      lastError: '空号',
    });
    expect(
      (await receipt({ idempotencyKey: 'kefu-00000000-0000-0000-0000-000000000000', status: 'delivered' }))
        .statusCode,
    ).toBe(404);
    expect((await receipt({ idempotencyKey: 'x', status: 'delivered', extra: 1 })).statusCode).toBe(400);
  });
});
