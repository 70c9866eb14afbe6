/**
 * The delivery loop of the outbox, exactly-once in effect:
 *   1. claim: in a committed transaction, due rows become `sending` with a lease, attempt logged;
 *   2. hand each message to its provider with the message's delivery key;
 *   3. record the answer (sent, or queued again with backoff, or failed for good) — fenced on the
 *      attempt number, so a worker that lost its lease cannot overwrite a newer attempt.
 * A worker that dies between 1 and 3 leaves the row `sending`; when the lease runs out the row is
 * claimed again and sent with the same key, which the provider deduplicates. Nothing queued is
 * ever dropped: every path ends in sent, failed (after the attempt limit) or cancelled by a person.
 * Claiming uses FOR UPDATE SKIP LOCKED, so any number of workers may run side by side.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Deps } from '../../app/context';
import { rowsOf, type Db } from '../../app/db';
import {
  MAX_DELIVERY_ATTEMPTS,
  nextAllowedContactTime,
  retryDelayMs,
  type MessageChannel,
} from '../../../domain/messages';
import { recordAudit } from '../audit/audit.service';
import { PermanentDeliveryError, providersOf, withSmsGateway, type ProviderSet } from './messages.providers';
import { contactHoursOf } from './messages.service';
import { messageAttempts, outboxMessages, type MessageAttachment } from './messages.table';

/** How long a claimed message belongs to its worker before another may send it again (same key). */
export const SENDING_LEASE_MS = 2 * 60_000;
/** The longest a provider call takes: both providers give up after 20 s. */
export const PROVIDER_CALL_MS = 20_000;

export interface DeliveryOptions {
  providers?: ProviderSet;
  batchSize?: number;
  /** Messages handed to providers at once. */
  concurrency?: number;
  leaseMs?: number;
  /** The longest one provider call may take (its timeout); a claim holds what can be sent within the lease. */
  callTimeoutMs?: number;
  /** Backoff after the n-th failed attempt; the domain's schedule unless a test needs it shorter. */
  retryDelay?: (failedAttempts: number) => number;
  /** Stop after this many claim rounds (tests); default: until nothing is due. */
  maxRounds?: number;
}

export interface DeliveryResult {
  claimed: number;
  sent: number;
  retrying: number;
  failed: number;
}

interface Claimed {
  id: string;
  unitId: string;
  channel: MessageChannel;
  recipient: string;
  subject: string | null;
  body: string;
  attachments: MessageAttachment[] | null;
  templateCode: string | null;
  templateVariables: Record<string, string> | null;
  attempts: number;
  attemptsTotal: number;
  provider: string;
}

/** The key a provider deduplicates on: one per message, the same on every attempt. */
export function deliveryKeyOf(messageId: string): string {
  return `kefu-${messageId}`;
}

/** Step 1: takes up to `limit` due messages (queued and due, or sending with a lapsed lease). */
export async function claimDueMessages(
  db: Db,
  now: Date,
  limit: number,
  providers: ProviderSet,
  leaseMs = SENDING_LEASE_MS,
): Promise<Claimed[]> {
  return db.transaction(async (tx) => {
    const result = await tx.execute(sql`
      with due as (
        select id from outbox_messages
        where state in ('queued', 'sending') and next_attempt_at <= ${now}
        order by next_attempt_at
        limit ${limit}
        for update skip locked
      )
      update outbox_messages m set
        state = 'sending',
        attempts = m.attempts + 1,
        attempts_total = m.attempts_total + 1,
        next_attempt_at = ${new Date(now.getTime() + leaseMs)},
        provider = case m.channel when 'sms' then ${providers.sms.name} else ${providers.email.name} end,
        updated_at = ${now}
      from due where m.id = due.id
      returning m.id, m.unit_id as "unitId", m.channel, m.recipient, m.subject, m.body, m.attachments, m.attempts,
        m.template_code as "templateCode", m.template_variables as "templateVariables",
        m.attempts_total as "attemptsTotal", m.provider`);
    const claimed = rowsOf<Claimed>(result);
    if (claimed.length === 0) return claimed;
    const ids = sql.join(
      claimed.map((c) => sql`${c.id}::uuid`),
      sql`, `,
    );
    // An earlier attempt still open means its worker died before recording: say so in the log.
    await tx.execute(sql`update message_attempts set outcome = 'interrupted', finished_at = ${now}
      where message_id in (${ids}) and outcome is null`);
    await tx.insert(messageAttempts).values(
      claimed.map((c) => ({
        messageId: c.id,
        number: c.attemptsTotal,
        provider: c.provider,
        startedAt: now,
      })),
    );
    return claimed;
  });
}

const stillOurs = (c: Claimed) =>
  and(
    eq(outboxMessages.id, c.id),
    eq(outboxMessages.state, 'sending'),
    eq(outboxMessages.attemptsTotal, c.attemptsTotal),
  );
const attemptOf = (c: Claimed) =>
  and(
    eq(messageAttempts.messageId, c.id),
    eq(messageAttempts.number, c.attemptsTotal),
    isNull(messageAttempts.outcome),
  );

/** Step 3a: the provider took this message; recorded at once, so a lease lost later cannot send it again. */
async function recordSent(deps: Deps, c: Claimed, providerMessageId: string | null) {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    // Fenced on the attempt: a worker that lost its lease does not overwrite a newer attempt.
    await tx
      .update(outboxMessages)
      .set({ state: 'sent', providerMessageId, sentAt: now, lastError: null, updatedAt: now })
      .where(stillOurs(c));
    await tx
      .update(messageAttempts)
      .set({ outcome: 'sent', finishedAt: now, providerMessageId })
      .where(attemptOf(c));
  });
}

/**
 * Step 1b: extends the lease of the claimed messages not recorded yet, fenced on the attempt like
 * the record. Answers whether the lease still holds them all (false: one was taken over or the
 * database could not be reached, so the rest are left to whoever claims them next).
 */
async function renewLease(deps: Deps, open: readonly Claimed[], leaseMs: number): Promise<boolean> {
  if (open.length === 0) return true;
  const now = deps.clock.now();
  const pairs = sql.join(
    open.map((c) => sql`(${c.id}::uuid, ${c.attemptsTotal}::int)`),
    sql`, `,
  );
  const renewed = rowsOf<{ id: string }>(
    await deps.db
      .execute(sql`update outbox_messages set next_attempt_at = ${new Date(now.getTime() + leaseMs)}
      where state = 'sending' and (id, attempts_total) in (${pairs})
      returning id`),
  );
  return renewed.length === open.length;
}

/** Step 3b: the provider failed; back off (an SMS never retried in quiet hours) or give up. */
async function recordFailure(
  deps: Deps,
  c: Claimed,
  err: unknown,
  retryDelay: (failedAttempts: number) => number,
): Promise<'retrying' | 'failed'> {
  const now = deps.clock.now();
  const error = (err instanceof Error ? err.message : String(err)).slice(0, 1000) || 'unknown error';
  const final = err instanceof PermanentDeliveryError || c.attempts >= MAX_DELIVERY_ATTEMPTS;
  let next = new Date(now.getTime() + retryDelay(c.attempts));
  if (!final && c.channel === 'sms') {
    const hours = await contactHoursOf(deps.db, c.unitId);
    next = nextAllowedContactTime(next, hours, hours.timeZone);
  }
  await deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(outboxMessages)
      .set({
        state: final ? 'failed' : 'queued',
        stateReason: final
          ? err instanceof PermanentDeliveryError
            ? 'refused'
            : 'attempts_exhausted'
          : null,
        nextAttemptAt: final ? now : next,
        lastError: error,
        updatedAt: now,
      })
      .where(stillOurs(c))
      .returning({ id: outboxMessages.id });
    await tx.update(messageAttempts).set({ outcome: 'failed', finishedAt: now, error }).where(attemptOf(c));
    if (final && updated.length > 0)
      await recordAudit(tx, now, null, {
        action: 'message.failed',
        subjectType: 'outbox_message',
        subjectId: c.id,
        unitId: c.unitId,
        after: { attempts: c.attempts, error },
      });
  });
  return final ? 'failed' : 'retrying';
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}

/**
 * One delivery pass: claim and send due messages until none is due (or maxRounds). A claim takes
 * only what its lanes can send within the lease even if every call ran to its timeout; each
 * outcome is recorded as soon as the provider answers; the lease of the messages still waiting is
 * renewed while the batch works. So another instance never finds a lapsed lease on a message this
 * one is still going to send, however slow the provider — only a worker that died leaves one.
 */
export async function deliverDueMessages(deps: Deps, options: DeliveryOptions = {}): Promise<DeliveryResult> {
  const providers = options.providers ?? (await withSmsGateway(deps, providersOf(deps.config)));
  const leaseMs = options.leaseMs ?? SENDING_LEASE_MS;
  const callMs = Math.min(options.callTimeoutMs ?? PROVIDER_CALL_MS, leaseMs / 2);
  const concurrency = options.concurrency ?? 8;
  const claimSize = Math.min(
    options.batchSize ?? 200,
    concurrency * Math.max(1, Math.floor(leaseMs / callMs)),
  );
  const result: DeliveryResult = { claimed: 0, sent: 0, retrying: 0, failed: 0 };
  for (let round = 0; round < (options.maxRounds ?? Number.POSITIVE_INFINITY); round++) {
    const claimedAt = Date.now();
    const claimed = await claimDueMessages(deps.db, deps.clock.now(), claimSize, providers, leaseMs);
    if (claimed.length === 0) break;
    result.claimed += claimed.length;
    const open = new Set(claimed);
    // Until when this worker may still start a call and finish it inside its lease.
    let leaseUntil = claimedAt + leaseMs;
    const renewal = setInterval(() => {
      const renewedAt = Date.now();
      renewLease(deps, [...open], leaseMs)
        .then((all) => {
          if (all) leaseUntil = renewedAt + leaseMs;
        })
        .catch((err: unknown) => deps.logger.warn({ err }, 'outbox lease not renewed'));
    }, leaseMs / 3);
    try {
      await inParallel(claimed, concurrency, async (c) => {
        // A message whose lease might run out during the call is left to the next claim (same key).
        if (Date.now() + callMs > leaseUntil) return;
        const provider = c.channel === 'sms' ? providers.sms : providers.email;
        let answer: { providerMessageId: string | null };
        try {
          answer = await provider.send({
            messageId: c.id,
            deliveryKey: deliveryKeyOf(c.id),
            channel: c.channel,
            to: c.recipient,
            subject: c.subject,
            body: c.body,
            ...(c.attachments ? { attachments: c.attachments } : {}),
            templateCode: c.templateCode,
            templateVariables: c.templateVariables,
            unitId: c.unitId,
            now: deps.clock.now(),
          });
        } catch (err) {
          open.delete(c);
          result[await recordFailure(deps, c, err, options.retryDelay ?? retryDelayMs)] += 1;
          return;
        }
        open.delete(c);
        await recordSent(deps, c, answer.providerMessageId);
        result.sent += 1;
      });
    } finally {
      clearInterval(renewal);
    }
  }
  return result;
}
