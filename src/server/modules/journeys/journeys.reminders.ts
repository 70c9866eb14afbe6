/**
 * JRN-3: the customer is texted one hour before the visit whose start a journey has on file. A job
 * is enqueued when the start is recorded (its id carries the start); when it runs it texts the
 * reminder only if that is still the journey's visit — a rescheduled visit's old job finds another
 * start and does nothing. Quiet hours never drop it: its time is the earliest allowed moment before
 * the visit, or the evening before (reminderSendAt, as for work orders).
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { StageDefinition } from '../../../domain/journeys';
import { normalizePhone } from '../../../domain/customers/phone';
import { reminderSendAt } from '../../../domain/workorders/workorders.appointments';
import type { Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { enqueueJobs } from '../../jobs/jobs.repository';
import type { JobDefinition } from '../../jobs/jobs.types';
import { customerPhones, customers } from '../customers/customers.table';
import { contactHoursOf, enqueueMessage } from '../messages/messages.service';
import { findUnit } from '../org/org.service';
import { journeys } from './journeys.table';

export const JOURNEY_REMINDER_JOB = 'journey.visit_reminder';
const HOUR = 3_600_000;

const startOf = (value: unknown): number | null => {
  const at = typeof value === 'string' || typeof value === 'number' ? new Date(value).getTime() : NaN;
  return Number.isFinite(at) ? at : null;
};

export const reminderKey = (journeyId: string, start: number) => `journey:${journeyId}:reminder:${start}`;

/**
 * Enqueues the reminder of the visit the stage's field now holds (in the caller's transaction); a
 * visit already begun gets none. Returns when it will be sent, or null.
 */
export async function scheduleVisitReminder(
  tx: Db,
  now: Date,
  row: { id: string; unitId: string },
  stage: StageDefinition,
  fields: Readonly<Record<string, unknown>>,
): Promise<Date | null> {
  if (!stage.visitReminder) return null;
  const start = startOf(fields[stage.visitReminder.field]);
  if (start === null || start <= now.getTime()) return null;
  const hours = await contactHoursOf(tx, row.unitId);
  const window = { start: new Date(start), end: new Date(start + HOUR) };
  const sendAt = reminderSendAt(window, hours, hours.timeZone);
  await enqueueJobs(tx, now, [
    {
      id: reminderKey(row.id, start),
      kind: JOURNEY_REMINDER_JOB,
      payload: { journeyId: row.id, field: stage.visitReminder.field, start },
      runAt: sendAt.getTime() < now.getTime() ? now : sendAt,
    },
  ]);
  return sendAt;
}

const visitText = (start: Date, timeZone: string) =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone,
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(start);

/** Texts the reminder of a visit that is still the journey's; returns whether a message was queued. */
export async function sendVisitReminder(
  deps: Deps,
  tx: Db,
  payload: { journeyId: string; field: string; start: number },
): Promise<boolean> {
  const [row] = await tx.select().from(journeys).where(eq(journeys.id, payload.journeyId));
  if (!row || row.stage === null) return false;
  if (startOf(row.fields[payload.field]) !== payload.start) return false;
  if (deps.clock.now().getTime() >= payload.start) return false;
  const [customer] = await tx
    .select({ name: customers.name })
    .from(customers)
    .where(eq(customers.id, row.customerId));
  const phones = await tx
    .select({ number: customerPhones.display, primary: customerPhones.isPrimary })
    .from(customerPhones)
    .where(eq(customerPhones.customerId, row.customerId));
  const mobile = phones
    .sort((a, b) => Number(b.primary) - Number(a.primary))
    .map((p) => normalizePhone(p.number))
    .find((p) => p.ok && p.kind === 'mobile');
  if (!mobile?.ok) return false;
  const unit = await findUnit(tx, row.unitId);
  await enqueueMessage(deps, tx, {
    unitId: row.unitId,
    customerId: row.customerId,
    channel: 'sms',
    to: mobile.normalized,
    templateCode: 'appointment_reminder',
    variables: {
      customerName: customer?.name || '您',
      technicianName: '服务',
      technicianPhone: '（将提前来电）',
      window: visitText(new Date(payload.start), unit?.timezone ?? 'Asia/Shanghai'),
    },
    purpose: 'service',
    idempotencyKey: reminderKey(row.id, payload.start),
    source: { type: 'journey', id: row.id },
  });
  return true;
}

const payload = z.object({ journeyId: z.string(), field: z.string(), start: z.number() });

/** The reminder job of JRN-3, listed with the journeys module in app/modules.ts. */
export const journeyReminderJob: JobDefinition<z.infer<typeof payload>> = {
  kind: JOURNEY_REMINDER_JOB,
  payload,
  async handle(deps, tx, jobs) {
    for (const job of jobs) {
      try {
        await tx.transaction((sp) => sendVisitReminder(deps, sp, job.payload));
      } catch (err) {
        deps.logger.error({ err, job: job.id }, 'journey visit reminder not sent');
      }
    }
  },
};
