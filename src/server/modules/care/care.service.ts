/**
 * The care module's public face (docs/decisions/0012-module-boundaries.md): what the benchmarks and
 * other modules may call; nothing else is imported from the module's other files.
 */
export { ensureCarePlan, runCareDay } from './care.daily';
export { worklist } from './care.usecases';
export { claimTask, recordAttempt } from './care.usecases';
/** RPT-4: the lapsed-customer report's sheets (the reports module's scheduled deliveries send them). */
export { lapsedSheets } from './care.lapsed';
export { careTasksOfCustomer } from './care.customer';
