/**
 * Delivery receipts: the SMS gateway tells Kefu that a sent message reached the phone (delivered)
 * or bounced (failed). It authenticates with the webhook secret as a bearer token.
 */
import { timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Deps } from '../../app/context';
import { recordAudit } from '../audit/audit.service';
import { messageErrors } from './messages.errors';
import { outboxMessages } from './messages.table';

const KEY = /^kefu-([0-9a-f-]{36})$/;

/** True when the Authorization header carries the configured webhook secret. */
export function receiptAuthorised(deps: Deps, header: string | undefined): boolean {
  const secret = deps.config.smsWebhookSecret;
  if (!secret || !header?.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice(7).trim());
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Records a receipt; repeated receipts are harmless, and one for a message not yet sent is refused. */
export async function recordReceipt(
  deps: Deps,
  receipt: { idempotencyKey: string; status: 'delivered' | 'failed'; error?: string | undefined },
): Promise<{ id: string; state: string }> {
  const id = KEY.exec(receipt.idempotencyKey)?.[1];
  if (!id) throw messageErrors.notFound();
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(outboxMessages).where(eq(outboxMessages.id, id)).for('update');
    if (!row) throw messageErrors.notFound();
    const target = receipt.status;
    if (row.state === target) return { id, state: row.state };
    if (row.state !== 'sent') throw messageErrors.receiptTooEarly({ state: row.state });
    await tx
      .update(outboxMessages)
      .set({
        state: target,
        stateReason: target === 'failed' ? 'undeliverable' : null,
        lastError: target === 'failed' ? (receipt.error?.slice(0, 1000) ?? 'undeliverable') : row.lastError,
        updatedAt: now,
      })
      .where(eq(outboxMessages.id, id));
    await recordAudit(tx, now, null, {
      action: `message.${target}`,
      subjectType: 'outbox_message',
      subjectId: id,
      unitId: row.unitId,
      before: { state: row.state },
      after: { state: target, error: receipt.error ?? null },
    });
    return { id, state: target };
  });
}
