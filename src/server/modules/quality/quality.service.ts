/**
 * The quality module's public face (docs/decisions/0012-module-boundaries.md): the agents' monthly
 * figures, and the month's review as report sheets (the reports module's scheduled deliveries).
 */
export { qualityFigures } from './quality.queries';
export { qualitySheets } from './quality.export';
