/**
 * The workorders module's public face (docs/decisions/0012-module-boundaries.md): anything another
 * module needs is exported from here, never imported from the module's other files.
 */
export { technicianLoad } from './workorders.queries';
