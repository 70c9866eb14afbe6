/**
 * Appointment rules (预约, REP-2, REP-3): a visit window to the hour, agreed with the customer;
 * installations and deliveries confirmed at least five working days ahead (a warning, not a
 * refusal: the customer may want it sooner); a reminder one hour before; overlapping windows of one
 * technician are conflicts the dispatch board shows.
 */
import { closeOfBusinessAfterWorkingDays, workingMinutesBetween, type WorkingCalendar } from '../calendar';
import { eveningBefore, nextAllowedContactTime, type ContactHours } from '../messages/contact-hours';
import type { WorkOrderType } from './workorders.states';

const HOUR = 3600_000;

export interface VisitWindow {
  start: Date;
  end: Date;
}

export type WindowProblem = 'in_past' | 'not_on_hour' | 'invalid_window' | 'outside_working_time';

export interface AppointmentWarning {
  code: 'install_less_than_5_working_days' | 'outside_business_hours_partly';
  zh: string;
  en: string;
}

/** Deliveries and installations, whose appointment REP-2 wants confirmed ≥ 5 working days ahead. */
export const NEEDS_NOTICE: readonly WorkOrderType[] = ['install', 'delivery', 'return_delivery'];
export const NOTICE_WORKING_DAYS = 5;
/** REP-2: the customer is reminded one hour before arrival. */
export const REMINDER_BEFORE_MS = HOUR;
/** The longest window a customer can be asked to wait at home. */
export const MAX_WINDOW_HOURS = 12;

/**
 * Why a window cannot be agreed (REP-2), or null: it must start in the future, run whole hours
 * (minutes and seconds zero in the unit's zone — all China zones are whole hours), end after it
 * starts within 12 hours, and touch the unit's working time.
 */
export function windowProblem(window: VisitWindow, now: Date, cal: WorkingCalendar): WindowProblem | null {
  const start = window.start.getTime();
  const end = window.end.getTime();
  if (!(end > start) || end - start > MAX_WINDOW_HOURS * HOUR) return 'invalid_window';
  if (start % HOUR !== 0 || end % HOUR !== 0) return 'not_on_hour';
  if (start < now.getTime()) return 'in_past';
  if (workingMinutesBetween(cal, start, end) === 0) return 'outside_working_time';
  return null;
}

/**
 * Warnings for an agreeable window: an installation/delivery less than five working days ahead
 * (the intake day does not count, as in SLA-2), a window partly outside business hours.
 */
export function appointmentWarnings(
  type: WorkOrderType,
  window: VisitWindow,
  now: Date,
  cal: WorkingCalendar,
): AppointmentWarning[] {
  const warnings: AppointmentWarning[] = [];
  // Less than five working days ahead = before close of business of the 4th working day after today.
  if (
    NEEDS_NOTICE.includes(type) &&
    window.start.getTime() < closeOfBusinessAfterWorkingDays(cal, now, NOTICE_WORKING_DAYS - 1)
  ) {
    warnings.push({
      code: 'install_less_than_5_working_days',
      zh: '安装/送货预约不足 5 个工作日，请与客户确认可以提前上门',
      en: 'Installation/delivery booked less than 5 working days ahead; confirm with the customer',
    });
  }
  const minutes = (window.end.getTime() - window.start.getTime()) / 60_000;
  if (workingMinutesBetween(cal, window.start, window.end) < minutes) {
    warnings.push({
      code: 'outside_business_hours_partly',
      zh: '预约时段有一部分不在营业时间内',
      en: 'Part of the window is outside business hours',
    });
  }
  return warnings;
}

/** REP-2: when the customer is reminded of the visit (one hour before the window starts). */
export function reminderAt(window: VisitWindow): Date {
  return new Date(window.start.getTime() - REMINDER_BEFORE_MS);
}

/**
 * JRN-3 / REP-2 / CARE-4: when the one-hour reminder goes out without ever being dropped. One hour
 * before the visit when that is inside the contact hours; otherwise the earliest allowed moment
 * still before the visit; otherwise (a 09:00 visit with contact from 09:00) the evening before.
 */
export function reminderSendAt(window: VisitWindow, hours: ContactHours, timeZone: string): Date {
  const due = reminderAt(window);
  const earliest = nextAllowedContactTime(due, hours, timeZone);
  if (earliest.getTime() < window.start.getTime()) return earliest;
  return eveningBefore(due, hours, timeZone);
}

/** REP-3: a technician still not on site when the window has started is late (they should call ahead). */
export function isLate(window: VisitWindow, arrivedAt: Date | null, now: Date): boolean {
  const at = arrivedAt ?? now;
  return at.getTime() > window.start.getTime();
}

/** Two windows overlap when each starts before the other ends (back-to-back is fine). */
export function windowsOverlap(a: VisitWindow, b: VisitWindow): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}

/** Pairs of a technician's visits whose windows overlap (REP-3 conflicts), by id. */
export function conflictingVisits<T extends VisitWindow & { id: string }>(
  visits: readonly T[],
): [string, string][] {
  const sorted = [...visits].sort((x, y) => x.start.getTime() - y.start.getTime());
  const pairs: [string, string][] = [];
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      if (sorted[j]!.start.getTime() >= sorted[i]!.end.getTime()) break;
      pairs.push([sorted[i]!.id, sorted[j]!.id]);
    }
  }
  return pairs;
}

/** A technician's booked load on a day: number of visits and minutes of windows. */
export function dayLoad(visits: readonly VisitWindow[]): { visits: number; minutesBooked: number } {
  return {
    visits: visits.length,
    minutesBooked: visits.reduce((sum, v) => sum + (v.end.getTime() - v.start.getTime()) / 60_000, 0),
  };
}

/** REP-7: the signed form is checked by close of business of the next working day. */
export function verificationDue(cal: WorkingCalendar, doneAt: Date): Date {
  return new Date(closeOfBusinessAfterWorkingDays(cal, doneAt, 1));
}
