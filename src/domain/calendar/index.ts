/** Public API of the working-calendar core (工作日历). */
export type {
  DayException,
  Instant,
  Period,
  PublicHolidayMode,
  WeekdayKey,
  WeeklyHours,
  WorkingCalendar,
} from './calendar.types';
export { WEEKDAY_KEYS } from './calendar.types';
export { CalendarError, calendarError } from './calendar.errors';
export type { CalendarErrorCode } from './calendar.errors';
export {
  addCalendarTime,
  addWorkingMinutes,
  closeOfBusinessAfterWorkingDays,
  isWorkingTime,
  missingYears,
  nextWorkingInstant,
  validateCalendar,
  workingMinutesBetween,
} from './calendar';
export { MAX_DAY_RANGE, nonWorkingDays } from './calendar.days';
export type { NonWorkingDay } from './calendar.days';
export { deriveCalendar, deriveCalendarChain } from './calendar.derive';
export { STORE_DEFAULT_PERIODS, STORE_DEFAULT_WEEKLY, defaultCalendarOverride } from './calendar.defaults';
export { summarisePublicHolidays, summariseWeeklyHours } from './calendar.summary';
export type { HoursSummary } from './calendar.summary';
export type { CalendarOverride } from './calendar.derive';
export {
  CHINA_OFFICIAL_YEARS,
  DEFAULT_CHINA_PERIODS,
  DEFAULT_CHINA_WEEKLY,
  chinaOfficialExceptions,
  defaultChinaCalendar,
} from './china-official';
export { MAX_ICS_EVENTS, parseIcs, toIcs } from './ics';
export { localDateBounds, localDateOf } from './time-zone';
