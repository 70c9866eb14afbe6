/**
 * RPT-2: the monthly complaint summary runs from the day after the cut-off to the cut-off day
 * (default the 25th: 26 November – 25 December is "December"). A period is named by the month it
 * ends in. Dates are local calendar dates ('YYYY-MM-DD') in the company's time zone; turning them
 * into instants is the caller's job (the calendar's time-zone helpers).
 */

/** The manuals cut the monthly summary on the 25th. */
export const DEFAULT_CUT_OFF_DAY = 25;

export interface ReportPeriod {
  /** 'YYYY-MM': the month the period ends in. */
  readonly label: string;
  /** First local date of the period, inclusive. */
  readonly from: string;
  /** Last local date of the period, inclusive (the cut-off day). */
  readonly to: string;
}

export type PeriodError =
  | { readonly code: 'reports.cut_off_day_invalid'; readonly cutOffDay: number }
  | { readonly code: 'reports.date_invalid'; readonly value: string }
  | { readonly code: 'reports.period_label_invalid'; readonly value: string }
  | { readonly code: 'reports.range_reversed'; readonly from: string; readonly to: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LABEL = /^(\d{4})-(\d{2})$/;

/**
 * A cut-off day every month has: 1–28, or 31 meaning "the last day of the month" (a calendar-month
 * summary). 29 and 30 would make February's period ambiguous, so they are refused.
 */
export function validCutOffDay(day: number): boolean {
  return Number.isInteger(day) && ((day >= 1 && day <= 28) || day === 31);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const iso = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
/** Month arithmetic on (year, month 1–12). */
function addMonths(y: number, m: number, delta: number): [number, number] {
  const index = y * 12 + (m - 1) + delta;
  return [Math.floor(index / 12), (index % 12) + 1];
}

/** The period named `label` ('YYYY-MM') under the given cut-off day. */
export function periodNamed(
  label: string,
  cutOffDay = DEFAULT_CUT_OFF_DAY,
): { ok: true; period: ReportPeriod } | { ok: false; error: PeriodError } {
  if (!validCutOffDay(cutOffDay))
    return { ok: false, error: { code: 'reports.cut_off_day_invalid', cutOffDay } };
  const m = LABEL.exec(label);
  const month = m ? Number(m[2]) : 0;
  if (!m || month < 1 || month > 12)
    return { ok: false, error: { code: 'reports.period_label_invalid', value: label } };
  const year = Number(m[1]);
  if (cutOffDay === 31)
    return {
      ok: true,
      period: { label, from: iso(year, month, 1), to: iso(year, month, daysIn(year, month)) },
    };
  // The day after the previous month's cut-off (the 29th of a 28-day February rolls to 1 March).
  const [py, pm] = addMonths(year, month, -1);
  const from = new Date(Date.UTC(py, pm - 1, cutOffDay + 1)).toISOString().slice(0, 10);
  return { ok: true, period: { label, from, to: iso(year, month, cutOffDay) } };
}

/** The period a local date falls in: on or before the cut-off it belongs to its own month, after it to the next. */
export function periodOf(
  localDate: string,
  cutOffDay = DEFAULT_CUT_OFF_DAY,
): { ok: true; period: ReportPeriod } | { ok: false; error: PeriodError } {
  if (!validCutOffDay(cutOffDay))
    return { ok: false, error: { code: 'reports.cut_off_day_invalid', cutOffDay } };
  const m = DATE.exec(localDate);
  const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  if (!m || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo))
    return { ok: false, error: { code: 'reports.date_invalid', value: localDate } };
  const [ly, lm] = cutOffDay !== 31 && d > cutOffDay ? addMonths(y, mo, 1) : [y, mo];
  return periodNamed(`${pad(ly, 4)}-${pad(lm)}`, cutOffDay);
}

/** The `count` periods up to and including `label`, oldest first: the trend against previous months. */
export function periodsEndingWith(
  label: string,
  count: number,
  cutOffDay = DEFAULT_CUT_OFF_DAY,
): ReportPeriod[] {
  const m = LABEL.exec(label);
  if (!m) return [];
  const periods: ReportPeriod[] = [];
  for (let back = count - 1; back >= 0; back--) {
    const [y, mo] = addMonths(Number(m[1]), Number(m[2]), -back);
    const named = periodNamed(`${pad(y, 4)}-${pad(mo)}`, cutOffDay);
    if (named.ok) periods.push(named.period);
  }
  return periods;
}

/** A date range a person asked for: it must not end before it starts. */
export function checkDateRange(from: string, to: string): PeriodError | null {
  for (const value of [from, to]) {
    const m = DATE.exec(value);
    if (!m) return { code: 'reports.date_invalid', value };
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return { code: 'reports.date_invalid', value };
  }
  return from <= to ? null : { code: 'reports.range_reversed', from, to };
}
