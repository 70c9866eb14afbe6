/**
 * REP-2: the customer is reminded one hour before the visit. A job is enqueued with each agreed
 * window (its id carries the window's start); when it runs it texts the reminder only if that is
 * still the order's window — a rescheduled visit's old job finds another start and does nothing.
 * Quiet hours never drop it (JRN-3): its time is the earliest allowed moment before the visit, or
 * the evening before (reminderSendAt).
 */
import { normalizePhone } from '../../../domain/customers/phone';
import type { Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { enqueueJobs } from '../../jobs/jobs.repository';
import { enqueueMessage } from '../messages/messages.service';
import { peopleOf } from './workorders.queries';
import { loadWorkOrder, type WorkOrderRow } from './workorders.repository';

export const WORK_ORDER_REMINDER_JOB = 'workorder.reminder';
const REMINDED_STATES: readonly WorkOrderRow['state'][] = ['appointment_agreed', 'en_route', 'carried_in'];

/** Enqueues the reminder of the order's current window (in the caller's transaction). */
export async function scheduleReminder(tx: Db, now: Date, order: WorkOrderRow): Promise<void> {
  if (!order.appointmentStart || !order.reminderAt) return;
  const start = order.appointmentStart.getTime();
  await enqueueJobs(tx, now, [
    {
      id: `workorder:${order.id}:reminder:${start}`,
      kind: WORK_ORDER_REMINDER_JOB,
      payload: { workOrderId: order.id, start },
      runAt: order.reminderAt,
    },
  ]);
}

const windowText = (start: Date, end: Date, timeZone: string) => {
  const day = new Intl.DateTimeFormat('zh-CN', { timeZone, month: 'numeric', day: 'numeric' }).format(start);
  const hm = (d: Date) =>
    new Intl.DateTimeFormat('zh-CN', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(
      d,
    );
  return `${day} ${hm(start)}–${hm(end)}`;
};

/** Texts the reminder for a still-current window; returns whether a message was queued. */
export async function sendReminder(
  deps: Deps,
  tx: Db,
  payload: { workOrderId: string; start: number },
): Promise<boolean> {
  const loaded = await loadWorkOrder(tx, payload.workOrderId);
  if (!loaded) return false;
  const o = loaded.order;
  if (!REMINDED_STATES.includes(o.state) || !o.appointmentStart || !o.appointmentEnd) return false;
  if (o.appointmentStart.getTime() !== payload.start) return false;
  const phone = normalizePhone(o.contactPhone);
  if (!phone.ok || phone.kind !== 'mobile') return false;
  // The job runs at a time already out of quiet hours (reminderSendAt); only a visit that has begun
  // makes a reminder pointless.
  if (deps.clock.now().getTime() >= o.appointmentStart.getTime()) return false;
  const tech = o.technicianId ? (await peopleOf(tx, [o.technicianId])).get(o.technicianId) : undefined;
  await enqueueMessage(deps, tx, {
    unitId: o.unitId,
    customerId: o.customerId,
    channel: 'sms',
    to: phone.normalized,
    templateCode: 'appointment_reminder',
    variables: {
      customerName: o.contactName || '您',
      technicianName: tech?.name || '服务',
      // The template needs a number to call; a technician without one gives the customer a cue instead.
      technicianPhone: tech?.phone || '（将提前来电）',
      window: windowText(o.appointmentStart, o.appointmentEnd, loaded.unit.timezone),
    },
    purpose: 'service',
    idempotencyKey: `workorder:${o.id}:reminder:${payload.start}`,
    source: { type: 'work_order', id: o.id },
  });
  return true;
}
