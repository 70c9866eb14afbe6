/** The complaints module's public face: what other modules may call (docs/decisions/0012-module-boundaries.md). */
export { recordEvaluation } from './complaints.close-out';
