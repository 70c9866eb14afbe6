/**
 * The quality module's public face (docs/decisions/0012-module-boundaries.md). No other module calls
 * it today; the agent's monthly figures are what a future dashboard or assessment would read here.
 */
export { qualityFigures } from './quality.queries';
