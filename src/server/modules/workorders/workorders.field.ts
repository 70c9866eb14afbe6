/**
 * Dispatch and field work (REP-1…REP-6): assigning a technician, agreeing and moving the visit
 * window, the pre-departure checklist, departure, arrival, parts and the on-site record (the end
 * of the visit is in workorders.completion.ts).
 */
import { eq } from 'drizzle-orm';
import { localDateBounds, localDateOf } from '../../../domain/calendar';
import {
  appointmentWarnings,
  conflictingVisits,
  dayLoad,
  liabilityOf,
  NEEDS_NOTICE,
  reminderSendAt,
  windowProblem,
  type AppointmentWarning,
  type FaultFinding,
  type VisitWindow,
} from '../../../domain/workorders';
import { publishBusinessEvent } from '../../app/business-events';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { effectiveCalendar } from '../calendar/calendar.service';
import { contactHoursOf } from '../messages/messages.service';
import type { UnitRow } from '../org/org.service';
import { workOrderSlaEvent } from './workorders.sla';
import { takeAction, type ActionContext } from './workorders.access';
import { workOrderErrors } from './workorders.errors';
import { techniciansFor, visitsBetween, type WorkOrderRow } from './workorders.repository';
import { fieldRecordApproved, quoteGap, quoteGapError } from './workorders.approvals';
import { requireDispatchFacts } from './workorders.facts';
import { scheduleReminder } from './workorders.reminders';
import { workOrderAppointments, workOrderParts, type Diagnosis } from './workorders.table';

/** Start and end instants of a local day 'YYYY-MM-DD' in a time zone. */
export function dayBounds(localDate: string, timeZone: string): { from: Date; to: Date } {
  const { from, to } = localDateBounds(localDate, timeZone);
  return { from: new Date(from), to: new Date(to) };
}

/** A technician's booked visits on the order's day: load and conflicts with `window` (REP-1, REP-3). */
export async function technicianDay(
  db: Db,
  technicianId: string,
  unit: Pick<UnitRow, 'timezone'>,
  day: Date,
  window: VisitWindow | null,
  exceptOrderId: string,
) {
  const { from, to } = dayBounds(localDateOf(day, unit.timezone), unit.timezone);
  const visits = (await visitsBetween(db, [technicianId], from, to)).filter((v) => v.id !== exceptOrderId);
  const windows = visits.map((v) => ({
    id: v.id,
    number: v.number,
    start: v.appointmentStart!,
    end: v.appointmentEnd!,
  }));
  const conflicts = window
    ? conflictingVisits([{ id: exceptOrderId, number: '', ...window }, ...windows])
        .map(([a, b]) => (a === exceptOrderId ? b : b === exceptOrderId ? a : null))
        .filter((x): x is string => x !== null)
        .map((id) => windows.find((w) => w.id === id)!)
    : [];
  return { load: dayLoad(windows), conflicts };
}

const windowOf = (o: WorkOrderRow): VisitWindow | null =>
  o.appointmentStart && o.appointmentEnd ? { start: o.appointmentStart, end: o.appointmentEnd } : null;

export interface AssignResult {
  order: WorkOrderRow;
  load: { visits: number; minutesBooked: number };
  conflicts: { workOrderId: string; number: string; start: Date; end: Date }[];
  skillMissing: boolean;
  areaMismatch: boolean;
}

/** REP-1: the supervisor assigns a technician of the unit's line, considering skill, area and the day's load. */
export async function assignTechnician(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { technicianId: string; allowWithoutSkill?: boolean | undefined },
): Promise<AssignResult> {
  let facts: Omit<AssignResult, 'order'> | null = null;
  const order = await takeAction(deps, actor, id, 'assign', async ({ tx, loaded, order, now }) => {
    await requireDispatchFacts(tx, order);
    const technician = (await techniciansFor(tx, loaded.unit)).find((t) => t.id === input.technicianId);
    if (!technician) throw workOrderErrors.notATechnician({ technicianId: input.technicianId });
    const skillMissing = !!order.requiredSkill && !technician.skills.includes(order.requiredSkill);
    if (skillMissing && !input.allowWithoutSkill)
      throw workOrderErrors.skillMissing({ requiredSkill: order.requiredSkill, skills: technician.skills });
    const areaMismatch =
      !!order.area && technician.areas.length > 0 && !technician.areas.includes(order.area);
    const window = windowOf(order);
    const day = await technicianDay(tx, technician.id, loaded.unit, window?.start ?? now, window, order.id);
    facts = {
      load: day.load,
      conflicts: day.conflicts.map((c) => ({
        workOrderId: c.id,
        number: c.number,
        start: c.start,
        end: c.end,
      })),
      skillMissing,
      areaMismatch,
    };
    return {
      set: { technicianId: technician.id, assignedAt: now },
      audit: {
        technicianId: technician.id,
        previousTechnicianId: order.technicianId,
        skillMissing,
        areaMismatch,
      },
      after: async (saved) => {
        if (saved.technicianId === order.technicianId) return;
        await publishBusinessEvent(deps, tx, {
          type: 'work.assigned',
          subjectType: 'work_order',
          subjectId: saved.id,
          number: saved.number,
          summary: saved.problem.slice(0, 60),
          unitId: saved.unitId,
          assigneeId: technician.id,
          actorId: actor.userId,
          at: now,
        });
      },
    };
  });
  return { order, ...facts! };
}

async function checkedWindow(tx: Db, ctx: ActionContext, window: VisitWindow) {
  const cal = await effectiveCalendar(tx, ctx.loaded.unit);
  const problem = windowProblem(window, ctx.now, cal);
  if (problem === 'in_past') throw workOrderErrors.appointmentInPast();
  if (problem === 'not_on_hour') throw workOrderErrors.appointmentNotOnHour();
  if (problem === 'invalid_window') throw workOrderErrors.appointmentInvalidWindow();
  if (problem === 'outside_working_time') throw workOrderErrors.appointmentOutsideWorkingTime();
  return appointmentWarnings(ctx.order.type, window, ctx.now, cal);
}

export interface WindowInput {
  start: Date;
  end: Date;
}

/**
 * Checks a visit window and records it in the order's appointment history (always with the
 * customer's consent — REP-3); answers the warnings and the order fields every window sets.
 */
async function recordWindow(
  ctx: ActionContext,
  actorId: string,
  kind: 'agreed' | 'rescheduled' | 'return',
  input: WindowInput & { reason?: string },
) {
  const warnings = await checkedWindow(ctx.tx, ctx, input);
  await ctx.tx.insert(workOrderAppointments).values({
    workOrderId: ctx.order.id,
    kind,
    start: input.start,
    end: input.end,
    ...(input.reason !== undefined ? { reason: input.reason } : {}),
    customerConsent: true,
    by: actorId,
    at: ctx.now,
  });
  // JRN-3: the reminder's time already out of quiet hours — the earliest allowed moment or the evening before.
  const hours = await contactHoursOf(ctx.tx, ctx.order.unitId);
  const set = {
    appointmentStart: input.start,
    appointmentEnd: input.end,
    reminderAt: reminderSendAt(input, hours, hours.timeZone),
  };
  return { warnings, set };
}

/** JRN-3: an installation/delivery window booked or moved: care plans the reconfirmation call. */
async function announceAppointment(deps: Deps, tx: Db, order: WorkOrderRow, at: Date): Promise<void> {
  if (!NEEDS_NOTICE.includes(order.type) || !order.appointmentStart || !order.appointmentEnd) return;
  await publishBusinessEvent(deps, tx, {
    type: 'workorder.appointment_agreed',
    workOrderId: order.id,
    workOrderNumber: order.number,
    workOrderType: order.type,
    unitId: order.unitId,
    customerId: order.customerId,
    assetId: order.assetId,
    technicianId: order.technicianId,
    appointmentStart: order.appointmentStart,
    appointmentEnd: order.appointmentEnd,
    at,
  });
}

/** REP-2: the first visit window agreed with the customer; SLA-6's "contact within 1 day" is met. */
export async function agreeAppointment(
  deps: Deps,
  actor: Actor,
  id: string,
  input: WindowInput,
): Promise<{ order: WorkOrderRow; warnings: AppointmentWarning[] }> {
  let warnings: AppointmentWarning[] = [];
  const order = await takeAction(deps, actor, id, 'appointment', async (ctx) => {
    const recorded = await recordWindow(ctx, actor.userId, 'agreed', input);
    warnings = recorded.warnings;
    return {
      set: { ...recorded.set, appointmentAgreedAt: ctx.now },
      audit: { start: input.start, end: input.end, warnings: warnings.map((w) => w.code) },
      after: async (order) => {
        await workOrderSlaEvent(deps, ctx.tx, order, 'customer_contacted', ctx.now);
        await scheduleReminder(ctx.tx, ctx.now, order);
        await announceAppointment(deps, ctx.tx, order, ctx.now);
      },
    };
  });
  return { order, warnings };
}

/** REP-3: a new window only with a reason and the customer's consent, kept in the order's history. */
export async function rescheduleAppointment(
  deps: Deps,
  actor: Actor,
  id: string,
  input: WindowInput & { reason: string; customerConsent: boolean },
): Promise<{ order: WorkOrderRow; warnings: AppointmentWarning[] }> {
  if (!input.customerConsent) throw workOrderErrors.customerConsentRequired();
  if (!input.reason.trim()) throw workOrderErrors.rescheduleReasonRequired();
  let warnings: AppointmentWarning[] = [];
  const order = await takeAction(deps, actor, id, 'reschedule', async (ctx) => {
    const kind = ctx.order.state === 'carried_in' ? 'return' : 'rescheduled';
    const recorded = await recordWindow(ctx, actor.userId, kind, { ...input, reason: input.reason.trim() });
    warnings = recorded.warnings;
    return {
      set: { ...recorded.set, lateNotice: null },
      audit: {
        from: { start: ctx.order.appointmentStart, end: ctx.order.appointmentEnd },
        start: input.start,
        end: input.end,
        reason: input.reason,
      },
      after: async (order) => {
        await scheduleReminder(ctx.tx, ctx.now, order);
        await announceAppointment(deps, ctx.tx, order, ctx.now);
      },
    };
  });
  return { order, warnings };
}

/** REP-6: the return delivery of a repaired item is booked with the customer. */
export async function bookReturn(
  deps: Deps,
  actor: Actor,
  id: string,
  input: WindowInput,
): Promise<{ order: WorkOrderRow; warnings: AppointmentWarning[] }> {
  let warnings: AppointmentWarning[] = [];
  const order = await takeAction(deps, actor, id, 'return_appointment', async (ctx) => {
    const recorded = await recordWindow(ctx, actor.userId, 'return', input);
    warnings = recorded.warnings;
    return {
      set: { ...recorded.set, returnBooked: true },
      audit: { start: input.start, end: input.end },
      after: (order) => scheduleReminder(ctx.tx, ctx.now, order),
    };
  });
  return { order, warnings };
}

export interface ChecklistInput {
  partsPrepared: boolean;
  partsRequested?: boolean | undefined;
  documentsPrinted: boolean;
  addressConfirmed: boolean;
  arrivalTimeConfirmed: boolean;
  note?: string | undefined;
}

/** REP-4: what was prepared before leaving (parts — or requested from the warehouse —, forms, address, time). */
export async function recordChecklist(deps: Deps, actor: Actor, id: string, input: ChecklistInput) {
  return takeAction(deps, actor, id, 'checklist', async ({ now }) => {
    const checklist = {
      partsPrepared: input.partsPrepared,
      partsRequested: input.partsRequested ?? false,
      documentsPrinted: input.documentsPrinted,
      addressConfirmed: input.addressConfirmed,
      arrivalTimeConfirmed: input.arrivalTimeConfirmed,
      note: input.note ?? '',
      at: now.toISOString(),
      by: actor.userId,
    };
    return { set: { checklist }, audit: { checklist } };
  });
}

/**
 * REP-4/REP-8/PAY-3: the technician leaves once the checklist is done, a complaint visit's field
 * record is approved and a charged order's quote is approved and signed by the customer.
 */
export async function depart(deps: Deps, actor: Actor, id: string) {
  return takeAction(deps, actor, id, 'depart', async ({ tx, order, loaded, now }) => {
    await requireDispatchFacts(tx, order);
    const c = order.checklist;
    if (
      !c ||
      !(c.partsPrepared || c.partsRequested) ||
      !c.documentsPrinted ||
      !c.addressConfirmed ||
      !c.arrivalTimeConfirmed
    )
      throw workOrderErrors.checklistIncomplete();
    if (order.complaintDriven && !(await fieldRecordApproved(tx, id)))
      throw workOrderErrors.approvalRequired();
    const gap = await quoteGap(tx, order, loaded.unit, now, 'depart');
    if (gap) throw quoteGapError(gap);
    return { set: { departedAt: now } };
  });
}

/** REP-3: the technician called ahead to say they will be late. */
export async function reportLate(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { expectedArrivalAt: Date; note?: string | undefined },
) {
  return takeAction(deps, actor, id, 'late', async ({ now }) => {
    const lateNotice = {
      expectedArrivalAt: input.expectedArrivalAt.toISOString(),
      note: input.note ?? '',
      at: now.toISOString(),
    };
    return { set: { lateNotice }, audit: { lateNotice } };
  });
}

export async function arrive(deps: Deps, actor: Actor, id: string) {
  return takeAction(deps, actor, id, 'arrive', async ({ order, now }) => ({
    set: { arrivedAt: now },
    audit: { late: !!order.appointmentStart && now > order.appointmentStart },
  }));
}

export interface PartUsedInput {
  name: string;
  priceItemId?: string | undefined;
  quantityUsed: number;
  quantityReturned: number;
  unitPriceFen?: number | undefined;
}

/** REP-5: parts used on the visit and unused ones returned to the warehouse (the list replaces the last). */
export async function recordParts(deps: Deps, actor: Actor, id: string, items: PartUsedInput[]) {
  for (const p of items)
    if (p.quantityUsed < 0 || p.quantityReturned < 0)
      throw workOrderErrors.negativeQuantity({ name: p.name });
  return takeAction(deps, actor, id, 'parts', async ({ tx }) => {
    await tx.delete(workOrderParts).where(eq(workOrderParts.workOrderId, id));
    if (items.length)
      await tx.insert(workOrderParts).values(
        items.map((p, position) => ({
          workOrderId: id,
          position,
          name: p.name,
          priceItemId: p.priceItemId ?? null,
          quantityUsed: p.quantityUsed,
          quantityReturned: p.quantityReturned,
          unitPriceFen: p.unitPriceFen ?? null,
        })),
      );
    return { audit: { parts: items } };
  });
}

export interface VisitInput {
  workDone: string;
  minutesSpent: number;
  notes?: string | undefined;
}

export interface DiagnosisInput {
  finding: FaultFinding;
  note?: string | undefined;
}

/**
 * 故障原因 as stored, with the liability it implies (PAY-5) unless the caller states one; "other"
 * needs words (400).
 */
export function diagnosisSet(input: DiagnosisInput, by: string, now: Date) {
  const note = input.note?.trim() ?? '';
  if (input.finding === 'other' && !note) throw workOrderErrors.faultCauseNoteRequired();
  const diagnosis: Diagnosis = { finding: input.finding, note, at: now.toISOString(), by };
  const liability = liabilityOf(input.finding);
  return { diagnosis, ...(liability ? { faultCause: liability } : {}) };
}

/**
 * REP-5: the work done and time spent, and the fault cause found, before the customer signs
 * (possibly on their own phone).
 */
export async function recordVisit(
  deps: Deps,
  actor: Actor,
  id: string,
  input: VisitInput & { diagnosis?: DiagnosisInput | undefined },
) {
  return takeAction(deps, actor, id, 'visit', async ({ now }) => {
    const visit = { workDone: input.workDone, minutesSpent: input.minutesSpent, notes: input.notes ?? '' };
    const found = input.diagnosis ? diagnosisSet(input.diagnosis, actor.userId, now) : {};
    return { set: { visit, ...found }, audit: { visit, ...found } };
  });
}
