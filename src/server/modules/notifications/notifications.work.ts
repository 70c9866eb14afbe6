/**
 * Notices about one person's own work (issue 22): a ticket or work order assigned to them, and a
 * care call of theirs falling due. Written like every other notice (createNotifications), so they
 * reach the in-app list and — for a person an administrator mapped to WeCom/DingTalk — go out as
 * staff app messages through the channels module, like SLA and approval notices.
 */
import { and, eq, gt, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import { onBusinessEvent } from '../../app/business-events';
import type { Deps } from '../../app/context';
import { careTasks } from '../care/care.table';
import { createNotifications } from './notifications.repository';
import { notifications } from './notifications.table';

/** A care task that fell due longer ago than this is not announced any more (a server down for days). */
export const CARE_DUE_LOOKBACK_MS = 24 * 60 * 60_000;
/** The page a care task's notice opens (its unit's worklist). */
export const CARE_TASK_SUBJECT = 'care_task';

export function registerNotificationEvents(): void {
  onBusinessEvent('work.assigned', 'notifications.assigned', async (_deps, tx, event) => {
    // Nobody is told about work they took themselves.
    if (event.actorId === event.assigneeId) return;
    await createNotifications(tx, [
      {
        recipientId: event.assigneeId,
        kind: 'assigned',
        subjectType: event.subjectType,
        subjectId: event.subjectId,
        stepId: `assigned:${event.subjectType}:${event.subjectId}:${event.at.toISOString()}`,
        payload: { number: event.number, subject: event.summary },
        createdAt: event.at,
      },
    ]);
  });
}

/**
 * Tells the person a care task belongs to (its owner, else whoever claimed it) that it is due now,
 * once per task. Tasks without a person are the whole unit's worklist and are not announced. Run
 * on every scheduler pass; a transaction-scoped advisory lock keeps two instances from announcing
 * the same task twice. Answers how many notices were written.
 */
export async function notifyDueCareTasks(deps: Pick<Deps, 'db' | 'clock'>): Promise<number> {
  const now = deps.clock.now();
  const since = new Date(now.getTime() - CARE_DUE_LOOKBACK_MS);
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727222)`);
    const recipient = sql<string>`coalesce(${careTasks.ownerId}, ${careTasks.claimedBy})`;
    const due = await tx
      .select({ id: careTasks.id, recipientId: recipient, ruleName: careTasks.ruleName })
      .from(careTasks)
      .leftJoin(
        notifications,
        and(
          eq(notifications.stepId, sql`'care:' || ${careTasks.id}::text || ':due'`),
          eq(notifications.kind, 'care_task_due'),
        ),
      )
      .where(
        and(
          eq(careTasks.state, 'open'),
          lte(careTasks.dueAt, now),
          gt(careTasks.dueAt, since),
          isNotNull(recipient),
          isNull(notifications.id),
        ),
      )
      .limit(500);
    if (due.length === 0) return 0;
    await createNotifications(
      tx,
      due.map((d) => ({
        recipientId: d.recipientId,
        kind: 'care_task_due' as const,
        subjectType: CARE_TASK_SUBJECT,
        subjectId: d.id,
        stepId: `care:${d.id}:due`,
        payload: { title: d.ruleName },
        createdAt: now,
      })),
    );
    return due.length;
  });
}
