/**
 * The parts module's public face (docs/decisions/0012-module-boundaries.md): what other modules may
 * call. The work-order page reads an order's movements through listMovements.
 */
export { listMovements, listParts } from './parts.queries';
export { recordMovement, requisition } from './parts.usecases';
