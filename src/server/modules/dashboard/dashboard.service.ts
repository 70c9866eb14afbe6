/**
 * The dashboard module's public face (docs/decisions/0012-module-boundaries.md). It only reads other
 * modules' records through their services; nothing calls it today.
 */
export { dashboard, departmentOwes } from './dashboard.usecases';
