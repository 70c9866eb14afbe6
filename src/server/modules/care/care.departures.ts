/**
 * CARE-1 anchors the desk records by hand: the vehicle/item leaving the shop (出厂, by the
 * front-desk service advisor) and a retail thank-you letter actually sent. Each is audited and
 * starts the rules counted from it, in the same transaction.
 */
import { and, eq } from 'drizzle-orm';
import { can } from '../../../domain/permissions';
import { publishBusinessEvent } from '../../app/business-events';
import type { Actor, Deps } from '../../app/context';
import { recordAudit } from '../audit/audit.service';
import { findUnit } from '../org/org.service';
import { workOrders } from '../workorders/workorders.table';
import { careErrors } from './care.errors';
import { applyEventRules } from './care.events';
import { careDepartures, careTasks } from './care.table';
import { taskInScope } from './care.usecases';

/** Work order states in which the work is done and the vehicle/item may be handed back. */
const DONE_STATES = new Set(['completed', 'returned', 'verified', 'closed']);

export interface DepartureInput {
  workOrderNumber: string;
  /** When it left; now by default. */
  leftAt?: string | undefined;
}

/**
 * The front-desk advisor records that the vehicle/item of a finished work order left the shop.
 * Once per work order; the SMS within 30 minutes names the advisor (the caller), not the technician.
 */
export async function recordDeparture(deps: Deps, actor: Actor, input: DepartureInput) {
  const now = deps.clock.now();
  const leftAt = input.leftAt ? new Date(input.leftAt) : now;
  if (leftAt.getTime() > now.getTime() + 60_000) throw careErrors.timeInFuture();
  const candidates = await deps.db
    .select()
    .from(workOrders)
    .where(eq(workOrders.number, input.workOrderNumber.trim()));
  let found: {
    order: (typeof candidates)[number];
    unit: NonNullable<Awaited<ReturnType<typeof findUnit>>>;
  } | null = null;
  for (const order of candidates) {
    const unit = await findUnit(deps.db, order.unitId);
    if (unit && can(actor.grants, 'care.work', unit.path)) {
      found = { order, unit };
      break;
    }
  }
  if (!found) throw careErrors.workOrderNotFound();
  const { order, unit } = found;
  if (!DONE_STATES.has(order.state)) throw careErrors.workNotDone({ state: order.state });
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(careDepartures)
      .values({ workOrderId: order.id, unitId: unit.id, advisorId: actor.userId, leftAt, recordedAt: now })
      .onConflictDoNothing()
      .returning();
    if (!row) throw careErrors.alreadyLeft();
    await recordAudit(tx, now, actor, {
      action: 'care.left_shop_recorded',
      subjectType: 'work_order',
      subjectId: order.id,
      unitId: unit.id,
      after: { workOrderNumber: order.number, leftAt: leftAt.toISOString(), advisorId: actor.userId },
    });
    await publishBusinessEvent(deps, tx, {
      type: 'workorder.left_shop',
      workOrderId: order.id,
      workOrderNumber: order.number,
      unitId: unit.id,
      customerId: order.customerId,
      assetId: order.assetId,
      advisorId: actor.userId,
      at: leftAt,
    });
    return {
      workOrderId: order.id,
      workOrderNumber: order.number,
      advisorId: actor.userId,
      leftAt: leftAt.toISOString(),
    };
  });
}

/**
 * A thank-you letter task is marked sent, with the day it actually went out; the rules counted from
 * a sent letter (the retail second call on the 7th day after) are planned from that moment.
 */
export async function recordLetterSent(deps: Deps, actor: Actor, id: string, sentAt: string | undefined) {
  const { task, unit } = await taskInScope(deps, actor, id, 'care.work');
  if (task.channel !== 'letter') throw careErrors.notALetter();
  if (task.state !== 'open') throw careErrors.notOpen({ state: task.state });
  const now = deps.clock.now();
  const at = sentAt ? new Date(sentAt) : now;
  if (at.getTime() > now.getTime() + 60_000) throw careErrors.timeInFuture();
  return deps.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(careTasks)
      .set({ state: 'done', letterSentAt: at, doneBy: actor.userId, doneAt: now, updatedAt: now })
      .where(and(eq(careTasks.id, task.id), eq(careTasks.state, 'open')))
      .returning();
    if (!updated) throw careErrors.notOpen();
    await recordAudit(tx, now, actor, {
      action: 'care.letter_sent',
      subjectType: 'care_task',
      subjectId: task.id,
      unitId: unit.id,
      before: { state: task.state },
      after: { state: 'done', letterSentAt: at.toISOString() },
    });
    await applyEventRules(deps, tx, {
      type: 'care.letter_sent',
      subjectId: task.id,
      unitId: unit.id,
      customerId: task.customerId,
      assetId: task.assetId,
      employeeId: actor.userId,
      at,
    });
    return updated;
  });
}
