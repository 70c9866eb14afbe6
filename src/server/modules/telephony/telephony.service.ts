/**
 * The telephony module's public face (docs/decisions/0012-module-boundaries.md): anything another
 * module needs is exported from here, never imported from the module's other files.
 */
/** SLA-9: the hotline report's sheets (the reports module's scheduled deliveries send them). */
export { hotlineReport, hotlineSheets } from './telephony.hotline';
