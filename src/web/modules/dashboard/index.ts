// What other web modules may use from the dashboard. The panel is loaded on demand (it brings
// ECharts); the badge and the department card are light, since the side menu shows the badge.
import { lazy } from 'react';

export const DashboardPanel = lazy(() =>
  import('./dashboard-panel').then((m) => ({ default: m.DashboardPanel })),
);
export { DepartmentOwesBadge, DepartmentOwesCard } from './department-owes';
export { PrintButton, ReportExcelButton, ReportPrintStyle } from './report-tools';
