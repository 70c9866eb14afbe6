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
import { recordAudit } from '../audit/audit.repository';
import { PermanentDeliveryError, providersOf, type ProviderSet } from './messages.providers';
import { contactHoursOf } from './messages.service';
import { messageAttempts, outboxMessages } from './messages.table';

/** How long a claimed message belongs to its worker before another may send it again (same key). */
export const SENDING_LEASE_MS = 2 * 60_000;

export interface DeliveryOptions {
  providers?: ProviderSet;
  batchSize?: number;
  /** Messages handed to providers at once. */
  concurrency?: number;
  leaseMs?: number;
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
      returning m.id, m.unit_id as "unitId", m.channel, m.recipient, m.subject, m.body, m.attempts,
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

/** Step 3a: the provider took these messages; recorded together in one transaction. */
async function recordSent(deps: Deps, sent: readonly { c: Claimed; providerMessageId: string | null }[]) {
  if (sent.length === 0) return;
  const now = deps.clock.now();
  const values = sql.join(
    sent.map((s) => sql`(${s.c.id}::uuid, ${s.c.attemptsTotal}::int, ${s.providerMessageId}::text)`),
    sql`, `,
  );
  await deps.db.transaction(async (tx) => {
    // Fenced on the attempt: a worker that lost its lease does not overwrite a newer attempt.
    await tx.execute(sql`update outbox_messages m set state = 'sent', provider_message_id = v.pid,
        sent_at = ${now}, last_error = null, updated_at = ${now}
      from (values ${values}) as v(id, total, pid)
      where m.id = v.id and m.state = 'sending' and m.attempts_total = v.total`);
    await tx.execute(sql`update message_attempts a set outcome = 'sent', finished_at = ${now},
        provider_message_id = v.pid
      from (values ${values}) as v(id, total, pid)
      where a.message_id = v.id and a.number = v.total and a.outcome is null`);
  });
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

/** One delivery pass: claim and send due messages until none is due (or maxRounds). */
export async function deliverDueMessages(deps: Deps, options: DeliveryOptions = {}): Promise<DeliveryResult> {
  const providers = options.providers ?? providersOf(deps.config);
  const result: DeliveryResult = { claimed: 0, sent: 0, retrying: 0, failed: 0 };
  for (let round = 0; round < (options.maxRounds ?? Number.POSITIVE_INFINITY); round++) {
    const claimed = await claimDueMessages(
      deps.db,
      deps.clock.now(),
      options.batchSize ?? 200,
      providers,
      options.leaseMs,
    );
    if (claimed.length === 0) break;
    result.claimed += claimed.length;
    const sent: { c: Claimed; providerMessageId: string | null }[] = [];
    await inParallel(claimed, options.concurrency ?? 8, async (c) => {
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
          unitId: c.unitId,
          now: deps.clock.now(),
        });
      } catch (err) {
        result[await recordFailure(deps, c, err, options.retryDelay ?? retryDelayMs)] += 1;
        return;
      }
      sent.push({ c, providerMessageId: answer.providerMessageId });
    });
    await recordSent(deps, sent);
    result.sent += sent.length;
  }
  return result;
}
