/**
 * The tasks module's public face (docs/decisions/0012-module-boundaries.md). No other module calls it
 * today; anything one needs is exported from here, never imported from the module's other files.
 */
export { createTask } from './tasks.usecases';
