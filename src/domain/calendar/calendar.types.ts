/**
 * Working-calendar model (工作日历). Plain JSON-able data so it can be stored per organisation unit.
 * Treat calendars as immutable: compiled forms are cached per object (WeakMap), so a mutated
 * calendar would keep answering from its old compiled form. Derive a new object instead.
 */

/** Epoch milliseconds or a Date; every function returns epoch milliseconds. */
export type Instant = number | Date;

/** Business period [start, end) in minutes from local midnight, 0 ≤ start < end ≤ 1440. */
export interface Period {
  readonly start: number;
  readonly end: number;
}

export type WeekdayKey = 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat';

/** Index matches Date#getUTCDay (0 = Sunday). */
export const WEEKDAY_KEYS: readonly WeekdayKey[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Several periods per weekday (a lunch break is a gap); a missing weekday is a day off. */
export type WeeklyHours = Readonly<Partial<Record<WeekdayKey, readonly Period[]>>>;

/**
 * A dated exception keyed by local date 'YYYY-MM-DD'.
 * - holiday (法定节假日) / closed (unit closed, e.g. stock-taking): no work.
 * - makeup_workday (调休上班): works; with its own periods or, if none, the Monday periods.
 * - half_day / special hours: works only the given periods.
 */
export type DayException =
  | { readonly kind: 'holiday'; readonly name?: string }
  | { readonly kind: 'closed'; readonly name?: string }
  | { readonly kind: 'makeup_workday'; readonly name?: string; readonly periods?: readonly Period[] }
  | { readonly kind: 'half_day'; readonly name?: string; readonly periods: readonly Period[] };

export interface WorkingCalendar {
  /** IANA zone, e.g. 'Asia/Shanghai'. */
  readonly timeZone: string;
  readonly weekly: WeeklyHours;
  readonly exceptions: Readonly<Record<string, DayException>>;
  /**
   * Years whose official holiday data is loaded. Undefined = the calendar does not track official
   * data (e.g. a foreign branch), so missingYears never warns. Years not listed simply run on the
   * weekly pattern (Mon–Fri for the default calendar) plus the unit's own exceptions.
   */
  readonly officialYears?: readonly number[];
  /**
   * How the unit treats the official holiday schedule: 'observe' (offices: closed on official
   * holidays, open on 调休 make-up days) or 'work' (retail stores: open on official holidays and
   * on their own weekly hours regardless of 调休). Undefined = observe.
   */
  readonly publicHolidays?: PublicHolidayMode;
}

/** Whether a unit closes on official holidays and works 调休 days ('observe') or trades through them ('work'). */
export type PublicHolidayMode = 'observe' | 'work';
