/**
 * When a care rule fires and when its contact is due (CARE-1), kept clear of quiet hours (CARE-4).
 * Days are day numbers (days since 1970-01-01, local calendar dates); instants are epoch ms.
 */
import { nextWorkingInstant, type WorkingCalendar } from '../calendar';
import {
  getZone,
  instantOfLocal,
  localDayOf,
  localDayStart,
  dayFromIsoDate,
  isoDateFromDay,
} from '../calendar/time-zone';
import { minutesOfDay, nextAllowedContactTime, type ContactHours } from '../messages/contact-hours';
import type { AssetKind, CareChannel, CareOffset, CareRule } from './care.types';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** True when the unit works at some time of local day `day`. */
export function isWorkingDay(cal: WorkingCalendar, day: number): boolean {
  const zone = getZone(cal.timeZone);
  const start = localDayStart(zone, day);
  return nextWorkingInstant(cal, start) < localDayStart(zone, day + 1);
}

function addMonths(day: number, months: number): number {
  const d = new Date(day * DAY_MS);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastOfTarget = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Math.floor(Date.UTC(y, m, Math.min(d.getUTCDate(), lastOfTarget)) / DAY_MS);
}

/** The local day `offset` away from `day` (minutes and hours do not move a date rule's day). */
export function shiftDay(day: number, offset: CareOffset, cal: WorkingCalendar): number {
  switch (offset.unit) {
    case 'days':
      return day + offset.amount;
    case 'months':
      return addMonths(day, offset.amount);
    case 'working_days': {
      let d = day;
      let left = Math.abs(offset.amount);
      const step = offset.amount < 0 ? -1 : 1;
      while (left > 0) {
        d += step;
        if (isWorkingDay(cal, d)) left -= 1;
      }
      return d;
    }
    default:
      return day;
  }
}

/** CARE-1: an event rule's due instant — the event time plus the rule's offset (wall-clock days). */
export function eventDueAt(at: number, offset: CareOffset, cal: WorkingCalendar): number {
  if (offset.unit === 'minutes') return at + offset.amount * MINUTE_MS;
  if (offset.unit === 'hours') return at + offset.amount * 60 * MINUTE_MS;
  const zone = getZone(cal.timeZone);
  const day = localDayOf(zone, at);
  const minute = Math.round((at - localDayStart(zone, day)) / MINUTE_MS);
  return instantOfLocal(zone, shiftDay(day, offset, cal), minute);
}

/** A date rule's task is due on its day when contact hours open (contact hours' start, local). */
export function dateDueAt(day: number, hours: ContactHours, timeZone: string): number {
  return instantOfLocal(getZone(timeZone), day, minutesOfDay(hours.start) ?? 9 * 60);
}

/** CARE-4: calls and SMS move out of quiet hours to the next allowed time; letters and e-mail do not. */
export function contactTime(
  channel: CareChannel,
  due: number,
  hours: ContactHours,
  timeZone: string,
): number {
  if (channel !== 'call' && channel !== 'sms') return due;
  return nextAllowedContactTime(new Date(due), hours, timeZone).getTime();
}

/** What a date rule may count from for one customer. */
export interface CustomerDates {
  customerId: string;
  /** 'YYYY-MM-DD' */
  birthday: string | null;
  /** Last visit (service completed) 'YYYY-MM-DD', for inactivity rules. */
  lastVisit: string | null;
  assets: readonly {
    id: string;
    kind: AssetKind;
    purchaseDate: string | null;
    lastServiceDate: string | null;
    serviceIntervalDays: number | null;
  }[];
  /** The main move-in date of the estate/project (the customer's unit), 'YYYY-MM-DD', if it has one. */
  estateMoveIn?: string | null;
}

/** One firing of a rule: about whom, counted from which date, due on which day. */
export interface CareOccurrence {
  ruleCode: string;
  customerId: string;
  assetId: string | null;
  /** The date counted from ('YYYY-MM-DD'); with rule and subject it identifies the occurrence. */
  anchor: string;
  /** Local day the contact is due. */
  fireDay: number;
  /** Extra words for the script (holiday name). */
  note: string | null;
}

/** CARE-3 / idempotence: one key per rule + customer/asset + occurrence — a re-run finds it taken. */
export function occurrenceKey(
  o: Pick<CareOccurrence, 'ruleCode' | 'customerId' | 'assetId' | 'anchor'>,
): string {
  return `${o.ruleCode}|${o.assetId ?? o.customerId}|${o.anchor}`;
}

/** The key of an event rule's task: one per rule and announced record, however often it is announced. */
export function eventOccurrenceKey(ruleCode: string, event: string, subjectId: string): string {
  return `${ruleCode}|${event}:${subjectId}`;
}

/** Days the offset may move a date by at most, to widen the anchor search window. */
function slackOf(offset: CareOffset): number {
  const a = Math.abs(offset.amount);
  if (offset.unit === 'months') return a * 31 + 1;
  if (offset.unit === 'working_days') return a * 3 + 15;
  if (offset.unit === 'days') return a + 1;
  return 1;
}

// Local days of a window by month-day ('03-11' → [day, year]), built once per window: the nightly
// run asks every customer's birthday and every vehicle's anniversary against the same few days.
const windowIndexes = new Map<string, Map<string, [number, number][]>>();
function monthDayIndex(lo: number, hi: number): Map<string, [number, number][]> {
  const key = `${lo}:${hi}`;
  let index = windowIndexes.get(key);
  if (index) return index;
  index = new Map();
  const add = (md: string, day: number, year: number) =>
    index!.set(md, [...(index!.get(md) ?? []), [day, year]]);
  for (let d = lo; d <= hi; d++) {
    const iso = isoDateFromDay(d);
    const year = Number(iso.slice(0, 4));
    add(iso.slice(5), d, year);
    // 29 February is celebrated on 28 February in other years.
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    if (iso.endsWith('-02-28') && !leap) add('02-29', d, year);
  }
  if (windowIndexes.size > 64) windowIndexes.clear();
  windowIndexes.set(key, index);
  return index;
}

function anniversaries(iso: string, fromDay: number, toDay: number, firstYearOffset: number): number[] {
  if (dayFromIsoDate(iso) === undefined) return [];
  const hits = monthDayIndex(fromDay, toDay).get(iso.slice(5));
  if (!hits) return [];
  const firstYear = Number(iso.slice(0, 4)) + firstYearOffset;
  return hits.filter(([, year]) => year >= firstYear).map(([day]) => day);
}

function everyInterval(baseIso: string, interval: number, fromDay: number, toDay: number): number[] {
  const base = dayFromIsoDate(baseIso);
  // An interval under one day would fire every run (a rule "in a loop"): such assets are skipped.
  if (base === undefined || !Number.isInteger(interval) || interval < 1) return [];
  const out: number[] = [];
  for (let k = Math.max(1, Math.ceil((fromDay - base) / interval)); base + k * interval <= toDay; k++) {
    out.push(base + k * interval);
  }
  return out;
}

interface OccurrenceSink {
  out: CareOccurrence[];
  rule: CareRule;
  customerId: string;
  window: { fromDay: number; toDay: number };
  cal: WorkingCalendar;
}

function pushOccurrence(
  { out, rule, customerId, window, cal }: OccurrenceSink,
  anchorDay: number,
  assetId: string | null,
  note: string | null,
): void {
  const fireDay = shiftDay(anchorDay, rule.offset, cal);
  if (fireDay < window.fromDay || fireDay > window.toDay) return;
  out.push({ ruleCode: rule.code, customerId, assetId, anchor: isoDateFromDay(anchorDay), fireDay, note });
}

/**
 * CARE-1 date and inactivity rules: the occurrences of `rule` for one customer whose due day lies
 * in [fromDay, toDay]. `holidays` are the first days of public holidays (with names) of the unit's
 * calendar. Pure and deterministic: the same inputs give the same occurrences and keys.
 */
export function dateOccurrences(
  rule: CareRule,
  customer: CustomerDates,
  window: { fromDay: number; toDay: number },
  cal: WorkingCalendar,
  holidays: readonly { day: number; name: string }[],
): CareOccurrence[] {
  const t = rule.trigger;
  if (!rule.enabled || t.kind === 'event') return [];
  const slack = slackOf(rule.offset);
  const lo = window.fromDay - slack;
  const hi = window.toDay + slack;
  const out: CareOccurrence[] = [];
  const at = { out, rule, customerId: customer.customerId, window, cal };
  if (t.kind === 'inactivity') {
    const last = customer.lastVisit ? dayFromIsoDate(customer.lastVisit) : undefined;
    if (last !== undefined && t.days >= 1) pushOccurrence(at, last + t.days, null, null);
    return out;
  }
  if (t.field === 'birthday') {
    if (customer.birthday)
      for (const d of anniversaries(customer.birthday, lo, hi, 1)) pushOccurrence(at, d, null, null);
    return out;
  }
  if (t.field === 'holiday') {
    for (const h of holidays) if (h.day >= lo && h.day <= hi) pushOccurrence(at, h.day, null, h.name);
    return out;
  }
  for (const asset of customer.assets) {
    if (t.assetKinds && t.assetKinds.length > 0 && !t.assetKinds.includes(asset.kind)) continue;
    if (t.field === 'estate_move_in') {
      // One date for the whole estate: every house counts from it, whenever it was bought.
      const d = customer.estateMoveIn ? dayFromIsoDate(customer.estateMoveIn) : undefined;
      if (d !== undefined) pushOccurrence(at, d, asset.id, null);
    } else if (t.field === 'purchase') {
      const d = asset.purchaseDate ? dayFromIsoDate(asset.purchaseDate) : undefined;
      if (d !== undefined) pushOccurrence(at, d, asset.id, null);
    } else if (t.field === 'inspection_due') {
      if (asset.purchaseDate)
        for (const d of anniversaries(asset.purchaseDate, lo, hi, 1)) pushOccurrence(at, d, asset.id, null);
    } else if (t.field === 'maintenance_due') {
      const base = asset.lastServiceDate ?? asset.purchaseDate;
      if (base && asset.serviceIntervalDays)
        for (const d of everyInterval(base, asset.serviceIntervalDays, lo, hi))
          pushOccurrence(at, d, asset.id, null);
    }
  }
  return out;
}

/**
 * The first day of each public holiday in the calendar (春节 is one greeting, not seven), with its
 * name, between two days.
 */
export function holidayStarts(
  cal: WorkingCalendar,
  fromDay: number,
  toDay: number,
): { day: number; name: string }[] {
  const out: { day: number; name: string }[] = [];
  for (let d = fromDay; d <= toDay; d++) {
    const ex = cal.exceptions[isoDateFromDay(d)];
    if (ex?.kind !== 'holiday') continue;
    const prev = cal.exceptions[isoDateFromDay(d - 1)];
    if (prev?.kind === 'holiday' && prev.name === ex.name) continue;
    out.push({ day: d, name: ex.name ?? '节日' });
  }
  return out;
}
