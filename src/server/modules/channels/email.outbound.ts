/**
 * Outbound e-mail: an agent's answer to an e-mail conversation, sent by SMTP from the mailbox's
 * own address with the thread's headers (In-Reply-To, References, a Message-ID of ours) so the
 * customer's client shows it in the same thread and the customer's answer comes back to the same
 * ticket. The answer is queued in the same transaction as its contact record and sent after the
 * commit; a server that is down is retried with back-off (the Message-ID stays the same across
 * attempts, so a receiving server that saw it already drops the copy), and each failure is written
 * on the account for the admin page.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Actor, Deps } from '../../app/context';
import { logContact } from '../contacts/contacts.service';
import { channelAccounts, channelConversations, channelMessages } from './channels.table';
import { conversationInScope, noteAccountError, secretsOf, type AccountRow } from './channels.usecases';
import { emailSettingsOf } from './email.inbound';
import { backoffMs, MAX_SEND_ATTEMPTS, messageIdFor, replyReferences, replySubject } from './email.protocol';

const TIMEOUT_MS = 20_000;
/** A message being sent is not claimed again by another pass for this long. */
const SENDING_LEASE_MS = 2 * 60_000;

/** An agent's answer: logged as an outbound contact on the conversation's ticket and queued. */
export async function replyByEmail(
  deps: Deps,
  actor: Actor,
  conversationId: string,
  text: string,
): Promise<{ id: string; status: string }> {
  const { conv, account } = await conversationInScope(deps, actor, conversationId);
  const s = emailSettingsOf(account);
  const now = deps.clock.now();
  // The message answered: the customer's latest mail on this conversation.
  const [answered] = await deps.db
    .select()
    .from(channelMessages)
    .where(and(eq(channelMessages.conversationId, conv.id), eq(channelMessages.direction, 'inbound')))
    // The one the mailbox received last (the Date header is the sender's clock).
    .orderBy(desc(channelMessages.createdAt), desc(sql`(${channelMessages.meta} ->> 'uid')::bigint`))
    .limit(1);
  const answeredMeta = (answered?.meta ?? {}) as { subject?: string; references?: string[] };
  const ticketId = answered?.ticketId ?? conv.ticketId;
  const messageId = messageIdFor(randomUUID(), s.address);
  const meta = {
    to: conv.externalId,
    from: s.address,
    subject: replySubject(answeredMeta.subject),
    inReplyTo: answered?.providerMessageId ?? null,
    references: answered
      ? replyReferences([...(answeredMeta.references ?? [])].reverse(), answered.providerMessageId)
      : [],
  };
  const id = await deps.db.transaction(async (tx) => {
    const contact = await logContact({ ...deps, db: tx }, actor, {
      unitId: account.unitId,
      customerId: conv.customerId,
      channel: 'email',
      direction: 'outbound',
      summary: `${meta.subject}：${text}`.slice(0, 500),
      ticketId,
    });
    const [row] = await tx
      .insert(channelMessages)
      .values({
        conversationId: conv.id,
        direction: 'outbound',
        providerMessageId: messageId,
        kind: 'email',
        body: text,
        occurredAt: now,
        contactId: contact.contact.id,
        ticketId,
        sentBy: actor.userId,
        createdAt: now,
        status: 'queued',
        nextAttemptAt: now,
        meta,
      })
      .returning();
    return row!.id;
  });
  // Sent at once when the server answers; otherwise the worker's passes try again.
  await deliverDueEmail(deps, { only: [id] }).catch((err: unknown) =>
    deps.logger.warn({ err, id }, 'e-mail reply left queued'),
  );
  const [after] = await deps.db.select().from(channelMessages).where(eq(channelMessages.id, id));
  return { id, status: after!.status ?? 'queued' };
}

export function smtpTransport(deps: Deps, account: AccountRow) {
  const s = emailSettingsOf(account);
  return nodemailer.createTransport({
    host: s.smtpHost,
    port: s.smtpPort,
    secure: s.smtpSecurity === 'tls',
    requireTLS: s.smtpSecurity === 'starttls',
    ignoreTLS: s.smtpSecurity === 'none',
    auth: { user: s.username, pass: secretsOf(deps, account).password! },
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
}

export interface EmailDeliveryResult {
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * Sends the queued answers that are due. Each is claimed first (its next attempt moved past the
 * lease), so two passes or two instances never send the same one at the same time; a 5xx answer
 * (mailbox unknown, refused) or the last attempt marks it failed, anything else is tried again.
 */
export async function deliverDueEmail(
  deps: Deps,
  options: { only?: string[]; limit?: number } = {},
): Promise<EmailDeliveryResult> {
  const result: EmailDeliveryResult = { sent: 0, retrying: 0, failed: 0 };
  const now = deps.clock.now();
  const due = await deps.db
    .select({ m: channelMessages, c: channelConversations, a: channelAccounts })
    .from(channelMessages)
    .innerJoin(channelConversations, eq(channelConversations.id, channelMessages.conversationId))
    .innerJoin(channelAccounts, eq(channelAccounts.id, channelConversations.accountId))
    .where(
      and(
        eq(channelMessages.status, 'queued'),
        lte(channelMessages.nextAttemptAt, now),
        eq(channelAccounts.kind, 'email'),
        options.only ? inArray(channelMessages.id, options.only) : undefined,
      ),
    )
    .orderBy(channelMessages.nextAttemptAt)
    .limit(options.limit ?? 50);
  for (const { m, c, a } of due) {
    const [claimed] = await deps.db
      .update(channelMessages)
      .set({ nextAttemptAt: new Date(now.getTime() + SENDING_LEASE_MS) })
      .where(
        and(
          eq(channelMessages.id, m.id),
          eq(channelMessages.status, 'queued'),
          eq(channelMessages.nextAttemptAt, m.nextAttemptAt!),
        ),
      )
      .returning({ id: channelMessages.id });
    if (!claimed) continue;
    const meta = (m.meta ?? {}) as { subject?: string; inReplyTo?: string | null; references?: string[] };
    const s = emailSettingsOf(a);
    const transport = smtpTransport(deps, a);
    const attempts = m.attempts + 1;
    try {
      await transport.sendMail({
        from: s.displayName ? { name: s.displayName, address: s.address } : s.address,
        to: c.externalId,
        subject: meta.subject ?? '',
        text: m.body ?? '',
        messageId: `<${m.providerMessageId}>`,
        ...(meta.inReplyTo ? { inReplyTo: `<${meta.inReplyTo}>` } : {}),
        ...(meta.references?.length ? { references: meta.references.map((r) => `<${r}>`) } : {}),
        // RFC 3834: our answers are written by a person; the header keeps mail loops recognisable.
        headers: { 'X-Kefu-Conversation': c.id },
      });
      await deps.db
        .update(channelMessages)
        .set({ status: 'sent', attempts, nextAttemptAt: null, lastError: null, occurredAt: deps.clock.now() })
        .where(eq(channelMessages.id, m.id));
      if (a.lastError?.startsWith('SMTP')) await noteAccountError(deps.db, a.id, deps.clock.now(), null);
      result.sent++;
    } catch (err) {
      const code = (err as { responseCode?: number }).responseCode;
      const permanent = code !== undefined && code >= 500 && code < 600;
      const gaveUp = permanent || attempts >= MAX_SEND_ATTEMPTS;
      const message = (err as Error).message.slice(0, 1000);
      await deps.db
        .update(channelMessages)
        .set({
          status: gaveUp ? 'failed' : 'queued',
          attempts,
          nextAttemptAt: gaveUp ? null : new Date(now.getTime() + backoffMs(attempts)),
          lastError: message,
        })
        .where(eq(channelMessages.id, m.id));
      await noteAccountError(
        deps.db,
        a.id,
        deps.clock.now(),
        `SMTP: ${gaveUp ? '发送失败，已放弃 / given up' : '发送失败，稍后重试 / will retry'}: ${message}`,
      );
      if (gaveUp) result.failed++;
      else result.retrying++;
    } finally {
      transport.close();
    }
  }
  return result;
}
