/** The reports module's public face (decision 0012): what other modules, the bench and the demo may call. */
export { refreshRollups, rollupFreshness } from './reports.rollups';
export { cutOffDayOf, reportCalendarOf } from './reports.filter';
export { assessmentReport, monthlyReport } from './reports.queries';
export { callHourTotals, type CallHourTotals } from './reports.calls';
