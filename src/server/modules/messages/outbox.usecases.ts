/** The outbox as people see it: list, detail with the attempt log, cancel, retry. */
import { and, count, desc, eq, gte, ilike, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { canCancel, canRetry, nextAllowedContactTime, type MessageState } from '../../../domain/messages';
import { recordAudit } from '../audit/audit.service';
import { assertCan, scopeOf, unitNames, unitsWithin, unitPaths } from '../org/org.service';
import { maskTypedPhone } from '../../../domain/customers/phone';
import { seesFullNumbers } from '../customers/customers.service';
import { organisationUnits } from '../org/org.table';
import { messageErrors } from './messages.errors';
import { attemptsOf, findMessage, unitOrThrow, type AttemptRow, type OutboxRow } from './messages.repository';
import type { listMessagesQuery } from './messages.schemas';
import { contactHoursOf, isMarketingOptedOut } from './messages.service';
import { outboxMessages } from './messages.table';
import type { z } from 'zod';

export type ListMessagesQuery = z.infer<typeof listMessagesQuery>;
export type OutboxItem = OutboxRow & { unitName: string | null };

/** Outbox rows in the caller's units (ORG-1), newest first, with filters. */
export async function listMessages(
  deps: Deps,
  actor: Actor,
  q: ListMessagesQuery,
): Promise<{ items: OutboxItem[]; total: number }> {
  let roots: string[];
  if (q.unitId) {
    const unit = await unitOrThrow(deps.db, q.unitId, messageErrors.unitNotFound);
    assertCan(actor, 'messages.read', unit.path, messageErrors.unitNotFound);
    roots = [unit.id];
  } else roots = scopeOf(actor, 'messages.read');
  const like = q.q ? `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = and(
    // Scoping reads the organisation table in a sub-select; the org module has no helper for joins.
    inArray(
      outboxMessages.unitId,
      deps.db.select({ id: organisationUnits.id }).from(organisationUnits).where(unitsWithin(roots)),
    ),
    q.state ? eq(outboxMessages.state, q.state) : undefined,
    q.channel ? eq(outboxMessages.channel, q.channel) : undefined,
    q.purpose ? eq(outboxMessages.purpose, q.purpose) : undefined,
    q.from ? gte(outboxMessages.createdAt, new Date(q.from)) : undefined,
    q.to ? lt(outboxMessages.createdAt, new Date(q.to)) : undefined,
    like
      ? (or(
          ilike(outboxMessages.recipient, like),
          ilike(outboxMessages.body, like),
          ilike(outboxMessages.templateCode, like),
        ) as SQL)
      : undefined,
  );
  const [rows, [total]] = await Promise.all([
    deps.db
      .select()
      .from(outboxMessages)
      .where(where)
      .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    deps.db.select({ n: count() }).from(outboxMessages).where(where),
  ]);
  const unitIds = [...new Set(rows.map((r) => r.unitId))];
  const [names, paths] = await Promise.all([unitNames(deps.db, unitIds), unitPaths(deps.db, unitIds)]);
  return {
    items: rows.map((r) => ({
      ...r,
      recipient: shownRecipient(actor, r, paths.get(r.unitId) ?? []),
      unitName: names.get(r.unitId) ?? null,
    })),
    total: total?.n ?? 0,
  };
}

/** CUS-4: an SMS recipient's number is masked like the customer's own numbers for roles without the right. */
function shownRecipient(actor: Actor, row: OutboxRow, unitPath: readonly string[]): string {
  if (row.channel !== 'sms' || seesFullNumbers(actor, unitPath)) return row.recipient;
  return maskTypedPhone(row.recipient);
}

async function messageInScope(
  db: Db,
  actor: Actor,
  id: string,
  permission: 'messages.read' | 'messages.manage',
) {
  const row = await findMessage(db, id);
  if (!row) throw messageErrors.notFound();
  const path = (await unitPaths(db, [row.unitId])).get(row.unitId) ?? [];
  assertCan(actor, permission, path, messageErrors.notFound);
  return row;
}

/** One message with its attempt log; 404 outside the caller's units. */
export async function getMessage(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<OutboxItem & { attemptLog: AttemptRow[] }> {
  const row = await messageInScope(deps.db, actor, id, 'messages.read');
  const names = await unitNames(deps.db, [row.unitId]);
  const path = (await unitPaths(deps.db, [row.unitId])).get(row.unitId) ?? [];
  return {
    ...row,
    recipient: shownRecipient(actor, row, path),
    unitName: names.get(row.unitId) ?? null,
    attemptLog: await attemptsOf(deps.db, id),
  };
}

/** Stops a queued message; one already with a provider cannot be called back. */
export async function cancelMessage(deps: Deps, actor: Actor, id: string, reason: string | undefined) {
  await messageInScope(deps.db, actor, id, 'messages.manage');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    // The row lock waits for a claim in progress, so a message is never both cancelled and sent.
    const [row] = await tx.select().from(outboxMessages).where(eq(outboxMessages.id, id)).for('update');
    if (!row || !canCancel(row.state as MessageState))
      throw messageErrors.cannotCancel({ state: row?.state });
    await tx
      .update(outboxMessages)
      .set({ state: 'cancelled', stateReason: reason?.trim() || 'cancelled_by_user', updatedAt: now })
      .where(eq(outboxMessages.id, id));
    await recordAudit(tx, now, actor, {
      action: 'message.cancelled',
      subjectType: 'outbox_message',
      subjectId: id,
      unitId: row.unitId,
      before: { state: row.state },
      after: { state: 'cancelled', reason: reason ?? null },
    });
  });
  return getMessage(deps, actor, id);
}

/** Puts a failed (or cancelled) message back in the queue now, with a fresh attempt count. */
export async function retryMessage(deps: Deps, actor: Actor, id: string) {
  await messageInScope(deps.db, actor, id, 'messages.manage');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(outboxMessages).where(eq(outboxMessages.id, id)).for('update');
    if (!row || !canRetry(row.state as MessageState)) throw messageErrors.cannotRetry({ state: row?.state });
    // The gateway already took this one and reported it undeliverable; sending the same key again
    // would be deduplicated away, so a corrected message has to be a new one.
    if (row.stateReason === 'undeliverable')
      throw messageErrors.cannotRetry({ state: row.state, reason: row.stateReason });
    // CARE-4: marketing stays suppressed while the customer still refuses it.
    if (row.purpose === 'marketing' && row.customerId && (await isMarketingOptedOut(tx, row.customerId)))
      throw messageErrors.optedOut();
    let sendAt = now;
    if (row.channel === 'sms') {
      const hours = await contactHoursOf(tx, row.unitId);
      sendAt = nextAllowedContactTime(now, hours, hours.timeZone);
    }
    await tx
      .update(outboxMessages)
      .set({ state: 'queued', stateReason: null, attempts: 0, nextAttemptAt: sendAt, updatedAt: now })
      .where(eq(outboxMessages.id, id));
    await recordAudit(tx, now, actor, {
      action: 'message.retried',
      subjectType: 'outbox_message',
      subjectId: id,
      unitId: row.unitId,
      before: { state: row.state, attempts: row.attempts, lastError: row.lastError },
      after: { state: 'queued' },
    });
  });
  return getMessage(deps, actor, id);
}
