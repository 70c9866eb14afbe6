/**
 * What other modules use to send a customer an SMS or e-mail: `enqueueMessage` in their own
 * transaction (the message commits with the change that caused it), the unit's contact hours and
 * the marketing opt-out (CARE-4). Delivery happens later, in messages.delivery.ts.
 */
import type { Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { normalizePhone } from '../../../domain/customers';
import {
  DEFAULT_CONTACT_HOURS,
  isEmailAddress,
  nextAllowedContactTime,
  renderTemplate,
  shippedTemplate,
  type ContactHours,
  type MessageChannel,
  type MessagePurpose,
  type MessageState,
} from '../../../domain/messages';
import { recordAudit } from '../audit/audit.service';
import { messageErrors } from './messages.errors';
import {
  contactHoursAlong,
  findMessageByKey,
  nearestTemplate,
  optOutRow,
  unitOrThrow,
  type OutboxRow,
} from './messages.repository';
import { outboxMessages, type MessageAttachment } from './messages.table';

export type { MessageState } from '../../../domain/messages';

export interface OutgoingMessage {
  unitId: string;
  customerId: string | null;
  channel: MessageChannel;
  /** A phone (normalised like the customers module) or an e-mail address. */
  to: string;
  /** Rendered with `variables`; looked up for the unit, its nearest ancestor, then the shipped default. */
  templateCode?: string;
  variables?: Record<string, string>;
  subject?: string;
  body?: string;
  /** E-mail attachments (RPT-6: a report's workbook). */
  attachments?: MessageAttachment[];
  /** CARE-4: marketing to an opted-out customer is not sent (state cancelled with a reason). */
  purpose: MessagePurpose;
  /** One logical message: enqueueing the same key twice returns the first. */
  idempotencyKey: string;
  /** Earliest send; an SMS is moved out of quiet hours on top of it (CARE-4). */
  notBefore?: Date;
  /**
   * A message the customer asked for and is waiting for right now (a sign-in code): it leaves at
   * once, also in quiet hours, which keep the customer from being disturbed, not from being answered.
   */
  awaitedByCustomer?: boolean;
  source?: { type: string; id: string };
  /** Who sent it by hand, when someone did. */
  createdBy?: string | null;
}

export interface EffectiveContactHours extends ContactHours {
  timeZone: string;
  /** The unit whose setting applies; null for the company default. */
  fromUnitId: string | null;
}

/** CARE-4: the unit's contact hours, inherited from the nearest ancestor that sets them (default 09:00–20:30). */
export async function contactHoursOf(db: Db, unitId: string): Promise<EffectiveContactHours> {
  const unit = await unitOrThrow(db, unitId, messageErrors.unitNotFound);
  const row = await contactHoursAlong(db, unit.path);
  return {
    start: row?.start ?? DEFAULT_CONTACT_HOURS.start,
    end: row?.end ?? DEFAULT_CONTACT_HOURS.end,
    timeZone: unit.timezone,
    fromUnitId: row?.unitId ?? null,
  };
}

/** CARE-4: true when the customer asked for no marketing contact. */
export async function isMarketingOptedOut(db: Db, customerId: string): Promise<boolean> {
  return !!(await optOutRow(db, customerId));
}

/** The recipient as the providers take it, or a 400 naming it. */
export function normaliseRecipient(channel: MessageChannel, to: string): string {
  if (channel === 'sms') {
    const phone = normalizePhone(to);
    if (!phone.ok || phone.kind !== 'mobile') throw messageErrors.invalidPhone(to);
    return phone.normalized;
  }
  const email = to.trim().toLowerCase();
  if (!isEmailAddress(email)) throw messageErrors.invalidEmail(to);
  return email;
}

/** Subject and body of a message: its template rendered, or the text given. */
export async function resolveContent(
  db: Db,
  unitPath: readonly string[],
  message: Pick<OutgoingMessage, 'channel' | 'templateCode' | 'variables' | 'subject' | 'body'>,
): Promise<{ subject: string | null; body: string }> {
  let subject = message.subject ?? null;
  let body = message.body ?? null;
  if (message.templateCode) {
    const stored = await nearestTemplate(db, unitPath, message.templateCode);
    const template = stored ?? shippedTemplate(message.templateCode);
    if (!template) throw messageErrors.templateNotFound(message.templateCode);
    if (template.channel !== message.channel)
      throw messageErrors.templateChannelMismatch(message.templateCode, message.channel);
    const values = message.variables ?? {};
    const renderedBody = renderTemplate(template.body, values);
    const renderedSubject = template.subject ? renderTemplate(template.subject, values) : null;
    const missing = [
      ...new Set([
        ...(renderedSubject && !renderedSubject.ok ? renderedSubject.missing : []),
        ...(renderedBody.ok ? [] : renderedBody.missing),
      ]),
    ];
    if (missing.length > 0) throw messageErrors.variablesMissing(missing);
    body = renderedBody.ok ? renderedBody.text : '';
    if (renderedSubject?.ok) subject = renderedSubject.text;
  }
  if (!body?.trim()) throw messageErrors.contentMissing();
  if (message.channel === 'email' && !subject?.trim()) throw messageErrors.subjectMissing();
  return { subject: message.channel === 'email' ? subject : null, body };
}

const answer = (row: OutboxRow, created: boolean) => ({
  id: row.id,
  created,
  state: row.state as MessageState,
  sendAt: row.nextAttemptAt,
});

/**
 * Puts one message in the outbox inside the caller's transaction. The same idempotency key twice
 * is one message. An SMS never goes out in quiet hours: its send time moves to the unit's next
 * contact window (CARE-4). Marketing to an opted-out customer is stored as cancelled, so the
 * outbox shows why nothing went.
 */
export async function enqueueMessage(
  deps: Deps,
  tx: Db,
  message: OutgoingMessage,
): Promise<{ id: string; created: boolean; state: MessageState; sendAt: Date }> {
  const existing = await findMessageByKey(tx, message.idempotencyKey);
  if (existing) return answer(existing, false);
  const now = deps.clock.now();
  const unit = await unitOrThrow(tx, message.unitId, messageErrors.unitNotFound);
  const recipient = normaliseRecipient(message.channel, message.to);
  const content = await resolveContent(tx, unit.path, message);
  const optedOut =
    message.purpose === 'marketing' &&
    message.customerId !== null &&
    (await isMarketingOptedOut(tx, message.customerId));
  let sendAt = message.notBefore && message.notBefore > now ? message.notBefore : now;
  if (message.channel === 'sms' && !message.awaitedByCustomer) {
    const hours = await contactHoursOf(tx, unit.id);
    sendAt = nextAllowedContactTime(sendAt, hours, hours.timeZone);
  }
  const [row] = await tx
    .insert(outboxMessages)
    .values({
      unitId: unit.id,
      customerId: message.customerId,
      channel: message.channel,
      recipient,
      subject: content.subject,
      body: content.body,
      templateCode: message.templateCode ?? null,
      templateVariables: message.templateCode ? (message.variables ?? {}) : null,
      attachments: message.attachments ?? null,
      purpose: message.purpose,
      idempotencyKey: message.idempotencyKey,
      state: optedOut ? 'cancelled' : 'queued',
      stateReason: optedOut ? 'marketing_opt_out' : null,
      nextAttemptAt: sendAt,
      sourceType: message.source?.type ?? null,
      sourceId: message.source?.id ?? null,
      createdBy: message.createdBy ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: outboxMessages.idempotencyKey })
    .returning();
  if (!row) {
    // Another transaction enqueued the same key meanwhile: theirs is the message.
    const theirs = await findMessageByKey(tx, message.idempotencyKey);
    if (!theirs) throw new Error(`outbox key ${message.idempotencyKey} vanished`);
    return answer(theirs, false);
  }
  await recordAudit(tx, now, message.createdBy ? { userId: message.createdBy, ip: null } : null, {
    action: optedOut ? 'message.suppressed' : 'message.queued',
    subjectType: 'outbox_message',
    subjectId: row.id,
    unitId: unit.id,
    after: {
      channel: row.channel,
      templateCode: row.templateCode,
      purpose: row.purpose,
      state: row.state,
      sendAt: row.nextAttemptAt,
      source: message.source ?? null,
    },
  });
  return answer(row, true);
}
export { deliverDueMessages } from './messages.delivery';
export {
  PermanentDeliveryError,
  registerSmsGateway,
  type DeliveryRequest,
  type MessageProvider,
} from './messages.providers';
export { recordReceipt } from './receipts.usecases';
