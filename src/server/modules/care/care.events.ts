/**
 * CARE-1 event rules: a closed ticket, a completed or closed work order → the follow-up tasks of
 * the unit's rules, inside the announcing transaction (they commit with the change or not at all).
 * A completed work order is also a visit: inactivity and maintenance rules count from it.
 */
import { and, eq, isNotNull, or } from 'drizzle-orm';
import { planEventTasks, type CareEvent, type PlannedCareTask } from '../../../domain/care';
import { localDateOf } from '../../../domain/calendar';
import { onBusinessEvent } from '../../app/business-events';
import type { Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { findUnit } from '../org/org.service';
import { recordVisit, rulesInForce, type CareTaskRow } from './care.repository';
import { careContextOf, storePlannedTasks } from './care.scheduling';
import { careTasks } from './care.table';
import { workOrderIdsOfTicket } from '../workorders/workorders.satisfaction';
import { workOrders } from '../workorders/workorders.table';

export interface CareEventInput {
  type: CareEvent;
  subjectId: string;
  unitId: string;
  customerId: string | null;
  assetId: string | null;
  employeeId: string | null;
  /** SAT-1: who makes the satisfaction call of this service. */
  ownerId?: string | null;
  at: Date;
}

/** Creates the tasks the unit's event rules ask for; an event announced again creates nothing. */
export async function applyEventRules(deps: Deps, tx: Db, e: CareEventInput): Promise<CareTaskRow[]> {
  const unit = await findUnit(tx, e.unitId);
  if (!unit) return [];
  if (!e.customerId) return [];
  const ctx = await careContextOf(tx, unit);
  const rules = (await rulesInForce(tx, unit.path)).map((r) => r.rule);
  const planned = planEventTasks(
    rules,
    {
      type: e.type,
      subjectId: e.subjectId,
      customerId: e.customerId,
      assetId: e.assetId,
      at: e.at.getTime(),
    },
    ctx,
  );
  const once = await withoutRepeatedSatisfactionCall(tx, e, planned);
  return storePlannedTasks(deps, tx, unit, once, { employeeId: e.employeeId, ownerId: e.ownerId ?? null });
}

/**
 * CARE-1 / SAT-1: one satisfaction call per service (不可多人重复回访). A survey call is left out when
 * the service already has one: the same work order, the ticket a work order was dispatched from,
 * or a work order of the closed ticket.
 */
async function withoutRepeatedSatisfactionCall(
  tx: Db,
  e: CareEventInput,
  planned: readonly PlannedCareTask[],
): Promise<PlannedCareTask[]> {
  if (!planned.some((p) => p.rule.surveyTemplateCode)) return [...planned];
  const sources: { type: string; id: string }[] = [];
  if (e.type === 'ticket.closed') {
    sources.push({ type: 'ticket', id: e.subjectId });
    for (const id of await workOrderIdsOfTicket(tx, e.subjectId)) sources.push({ type: 'workorder', id });
  } else {
    sources.push({ type: 'workorder', id: e.subjectId });
    const [order] = await tx
      .select({ ticketId: workOrders.ticketId })
      .from(workOrders)
      .where(eq(workOrders.id, e.subjectId));
    if (order?.ticketId) sources.push({ type: 'ticket', id: order.ticketId });
  }
  const [existing] = await tx
    .select({ id: careTasks.id })
    .from(careTasks)
    .where(
      and(
        isNotNull(careTasks.surveyTemplateCode),
        eq(careTasks.channel, 'call'),
        or(...sources.map((s) => and(eq(careTasks.sourceType, s.type), eq(careTasks.sourceId, s.id)))),
      ),
    )
    .limit(1);
  if (!existing) {
    // Two survey rules on the same event still make one call.
    let first = true;
    return planned.filter((p) => {
      if (!p.rule.surveyTemplateCode || p.rule.channel !== 'call') return true;
      const keep = first;
      first = false;
      return keep;
    });
  }
  return planned.filter((p) => !(p.rule.surveyTemplateCode && p.rule.channel === 'call'));
}

/** Subscribes CARE-1's event rules; app/modules.ts calls it at start-up. */
export function registerCareEvents(): void {
  onBusinessEvent('ticket.closed', 'care.rules', (deps, tx, e) =>
    applyEventRules(deps, tx, {
      type: e.type,
      subjectId: e.ticketId,
      unitId: e.unitId,
      customerId: e.customerId,
      assetId: null,
      employeeId: e.ownerId,
      ownerId: e.ownerId,
      at: e.at,
    }).then(() => undefined),
  );

  onBusinessEvent('workorder.completed', 'care.rules', async (deps, tx, e) => {
    const unit = await findUnit(tx, e.unitId);
    if (e.customerId && unit)
      await recordVisit(tx, {
        customerId: e.customerId,
        assetId: e.assetId,
        date: localDateOf(e.at.getTime(), unit.timezone),
        at: deps.clock.now(),
      });
    await applyEventRules(deps, tx, {
      type: e.type,
      subjectId: e.workOrderId,
      unitId: e.unitId,
      customerId: e.customerId,
      assetId: e.assetId,
      employeeId: e.technicianId,
      ownerId: e.ownerId,
      at: e.at,
    });
  });

  // ORG-3: a leaver's open satisfaction calls go to the successor, or to anyone of the unit.
  onBusinessEvent('user.disabled', 'care.hand-over', async (_deps, tx, e) => {
    await tx
      .update(careTasks)
      .set({ ownerId: e.successorId })
      .where(and(eq(careTasks.ownerId, e.userId), eq(careTasks.state, 'open')));
  });

  onBusinessEvent('workorder.closed', 'care.rules', (deps, tx, e) =>
    applyEventRules(deps, tx, {
      type: e.type,
      subjectId: e.workOrderId,
      unitId: e.unitId,
      customerId: e.customerId,
      assetId: e.assetId,
      employeeId: e.technicianId,
      at: e.at,
    }).then(() => undefined),
  );
}
