/** The calendar module's public face: what other modules may call (docs/decisions/0012-module-boundaries.md). */
export { effectiveCalendar } from './calendar.repository';
export { calendarSummarySchema } from './calendar.schemas';
export {
  applyDefaultCalendar,
  calendarSummary,
  type CalendarSummary,
  holidayDataWarnings,
  missingYearWarning,
  type MissingYearWarning,
} from './calendar.usecases';
