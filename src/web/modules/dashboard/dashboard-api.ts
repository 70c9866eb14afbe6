// Dashboard API paths and query keys (RPT-1); the shapes are src/shared/dashboard.ts.
export const DASHBOARD = '/api/v1/dashboard';
export const DASHBOARD_KEY = 'dashboard';
export const DEPARTMENT_OWES = '/api/v1/dashboard/department';
export const DEPARTMENT_OWES_KEY = 'dashboard-department';
/** How often the landing pages ask again (no push channel carries ticket changes yet). */
export const REFRESH_MS = 30_000;
