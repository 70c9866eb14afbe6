/** Stable error codes of the calendar core; clients switch on these, never on the message. */
export type CalendarErrorCode =
  | 'calendar.invalid_time_zone'
  | 'calendar.invalid_period'
  | 'calendar.inverted_period'
  | 'calendar.overlapping_periods'
  | 'calendar.invalid_date'
  | 'calendar.invalid_exception'
  | 'calendar.makeup_day_without_periods'
  | 'calendar.invalid_year'
  | 'calendar.no_working_time'
  | 'calendar.date_out_of_range'
  | 'calendar.invalid_argument'
  | 'calendar.ics_invalid'
  | 'calendar.ics_too_many_events';

/** A calendar rule was broken; carries a stable code, zh-CN and en messages and where it happened. */
export class CalendarError extends Error {
  readonly code: CalendarErrorCode;
  /** HTTP status a route should answer with (all calendar errors are bad input). */
  readonly status = 422;
  readonly messageZh: string;
  readonly messageEn: string;
  /** Where the problem is, e.g. 'weekly.mon[1]', 'exceptions.2025-02-30', 'line 17'. */
  readonly where: string | undefined;

  constructor(code: CalendarErrorCode, messageZh: string, messageEn: string, where?: string) {
    super(`${code}: ${messageEn}`);
    this.name = 'CalendarError';
    this.code = code;
    this.messageZh = messageZh;
    this.messageEn = messageEn;
    this.where = where;
  }
}

/** Factory so call sites read as one line: `throw calendarError(code, zh, en, where)`. */
export function calendarError(
  code: CalendarErrorCode,
  zh: string,
  en: string,
  where?: string,
): CalendarError {
  return new CalendarError(code, zh, en, where);
}
