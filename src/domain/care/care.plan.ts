/**
 * CARE-1 planning: the tasks rules ask for, each with the key that makes it unique. The server
 * inserts them under a unique index on that key, so a replayed event or a re-run day adds nothing.
 */
import type { WorkingCalendar } from '../calendar';
import { localDateOf } from '../calendar/time-zone';
import type { ContactHours } from '../messages/contact-hours';
import {
  contactTime,
  dateDueAt,
  dateOccurrences,
  eventDueAt,
  eventOccurrenceKey,
  occurrenceKey,
  type CustomerDates,
} from './care.schedule';
import type { CareEvent, CareRule } from './care.types';

export interface PlannedCareTask {
  rule: CareRule;
  customerId: string;
  assetId: string | null;
  /** Unique per rule + subject + occurrence. */
  occurrenceKey: string;
  /** When contact is due, already out of quiet hours for calls and SMS (CARE-4). */
  dueAt: number;
  /** Local date of dueAt: CARE-3 merges a customer's calls of one day. */
  dueDate: string;
  note: string | null;
  /** What it follows: the announced record ('ticket:<id>') or the date counted from. */
  source: { type: string; id: string };
}

export interface CareContext {
  calendar: WorkingCalendar;
  hours: ContactHours;
  timeZone: string;
}

/** The tasks an announced event asks for (one per enabled event rule of that event). */
export function planEventTasks(
  rules: readonly CareRule[],
  event: {
    type: CareEvent;
    subjectId: string;
    customerId: string | null;
    assetId: string | null;
    at: number;
  },
  ctx: CareContext,
): PlannedCareTask[] {
  if (!event.customerId) return [];
  const out: PlannedCareTask[] = [];
  for (const rule of rules) {
    if (!rule.enabled || rule.trigger.kind !== 'event' || rule.trigger.event !== event.type) continue;
    const due = contactTime(
      rule.channel,
      eventDueAt(event.at, rule.offset, ctx.calendar),
      ctx.hours,
      ctx.timeZone,
    );
    out.push({
      rule,
      customerId: event.customerId,
      assetId: event.assetId,
      occurrenceKey: eventOccurrenceKey(rule.code, event.type, event.subjectId),
      dueAt: due,
      dueDate: localDateOf(due, ctx.timeZone),
      note: null,
      source: { type: event.type.split('.')[0]!, id: event.subjectId },
    });
  }
  return out;
}

/** The tasks date and inactivity rules ask for, for customers, on local days [fromDay, toDay]. */
export function planDateTasks(
  rules: readonly CareRule[],
  customers: readonly CustomerDates[],
  window: { fromDay: number; toDay: number },
  ctx: CareContext,
  holidays: readonly { day: number; name: string }[],
): PlannedCareTask[] {
  const out: PlannedCareTask[] = [];
  const active = rules.filter((r) => r.enabled && r.trigger.kind !== 'event');
  for (const customer of customers) {
    for (const rule of active) {
      for (const o of dateOccurrences(rule, customer, window, ctx.calendar, holidays)) {
        const due = contactTime(
          rule.channel,
          dateDueAt(o.fireDay, ctx.hours, ctx.timeZone),
          ctx.hours,
          ctx.timeZone,
        );
        out.push({
          rule,
          customerId: o.customerId,
          assetId: o.assetId,
          occurrenceKey: occurrenceKey(o),
          dueAt: due,
          dueDate: localDateOf(due, ctx.timeZone),
          note: o.note,
          source: { type: 'date', id: o.anchor },
        });
      }
    }
  }
  return out;
}
