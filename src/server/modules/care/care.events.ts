/**
 * CARE-1 event rules: a closed ticket, a completed or closed work order → the follow-up tasks of
 * the unit's rules, inside the announcing transaction (they commit with the change or not at all).
 * A completed work order is also a visit: inactivity and maintenance rules count from it.
 */
import { and, eq, isNotNull, or } from 'drizzle-orm';
import { mergeKeyOf, planEventTasks, type CareEvent, type PlannedCareTask } from '../../../domain/care';
import { nextAllowedContactTime } from '../../../domain/messages';
import { localDateOf } from '../../../domain/calendar';
import { onBusinessEvent, type WorkOrderAppointmentAgreedEvent } from '../../app/business-events';
import type { Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { findUnit } from '../org/org.service';
import { recordVisit, rulesInForce, type CareTaskRow } from './care.repository';
import { careContextOf, storePlannedTasks } from './care.scheduling';
import { careTasks } from './care.table';
import { workOrderIdsOfTicket } from '../workorders/workorders.service';
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
  } else if (!e.type.startsWith('workorder.')) {
    sources.push({ type: e.type.split('.')[0]!, id: e.subjectId });
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

/**
 * JRN-3: an installation/delivery visit booked → the reconfirmation call of the unit's rules,
 * counted back from the visit over the working calendar. Booked too late for that, the call is due
 * now; a visit moved to a new window moves the call still open with it.
 */
export async function applyAppointmentRules(
  deps: Deps,
  tx: Db,
  e: WorkOrderAppointmentAgreedEvent,
): Promise<void> {
  const unit = await findUnit(tx, e.unitId);
  if (!unit || !e.customerId) return;
  const ctx = await careContextOf(tx, unit);
  const rules = (await rulesInForce(tx, unit.path)).map((r) => r.rule);
  const now = deps.clock.now();
  const soonest = nextAllowedContactTime(now, ctx.hours, ctx.timeZone).getTime();
  const window = `${formatLocal(e.appointmentStart, ctx.timeZone)}–${formatLocal(e.appointmentEnd, ctx.timeZone).slice(-5)}`;
  const planned = planEventTasks(
    rules,
    {
      type: e.type,
      subjectId: e.workOrderId,
      customerId: e.customerId,
      assetId: e.assetId,
      at: e.appointmentStart.getTime(),
    },
    ctx,
  ).map((p) => {
    const dueAt = Math.max(p.dueAt, soonest);
    return {
      ...p,
      dueAt,
      dueDate: localDateOf(dueAt, ctx.timeZone),
      note: `预约上门 ${window}（${e.workOrderNumber}）`,
    };
  });
  const created = await storePlannedTasks(deps, tx, unit, planned, { employeeId: e.technicianId });
  const taken = new Set(created.map((c) => c.occurrenceKey));
  for (const p of planned) {
    if (taken.has(p.occurrenceKey)) continue;
    await tx
      .update(careTasks)
      .set({
        dueAt: new Date(p.dueAt),
        dueDate: p.dueDate,
        mergeKey: mergeKeyOf(p.customerId, p.dueDate, p.rule.channel),
        note: p.note,
        updatedAt: now,
      })
      .where(and(eq(careTasks.occurrenceKey, p.occurrenceKey), eq(careTasks.state, 'open')));
  }
}

const formatLocal = (d: Date, timeZone: string) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(d);

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

  onBusinessEvent('workorder.appointment_agreed', 'care.rules', applyAppointmentRules);

  // CARE-1: 出厂 recorded by the front-desk advisor — the SMS names that advisor.
  onBusinessEvent('workorder.left_shop', 'care.rules', (deps, tx, e) =>
    applyEventRules(deps, tx, {
      type: e.type,
      subjectId: e.workOrderId,
      unitId: e.unitId,
      customerId: e.customerId,
      assetId: e.assetId,
      employeeId: e.advisorId,
      at: e.at,
    }).then(() => undefined),
  );

  // CARE-1 retail: the sale starts the 24-hour call (with the store satisfaction form) and the letter.
  onBusinessEvent('order.placed', 'care.rules', (deps, tx, e) =>
    applyEventRules(deps, tx, {
      type: e.type,
      subjectId: e.orderId,
      unitId: e.unitId,
      customerId: e.customerId,
      assetId: null,
      employeeId: null,
      at: e.at,
    }).then(() => undefined),
  );

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
