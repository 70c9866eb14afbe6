// What other modules may use from reports: the API paths and permissions.
export { REPORTS_API, REPORT_PERM } from './reports-api';
