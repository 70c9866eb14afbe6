import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { guard } from '../../app/require-auth';
import { REPORT_PERM } from './reports-api';

// Loaded on demand: ECharts and the report pages come with the first report opened.
const MonthlyReportPage = lazy(() =>
  import('./monthly-report-page').then((m) => ({ default: m.MonthlyReportPage })),
);
const AssessmentReportPage = lazy(() =>
  import('./assessment-report-page').then((m) => ({ default: m.AssessmentReportPage })),
);
const NonconformityReportPage = lazy(() =>
  import('./nonconformity-report-page').then((m) => ({ default: m.NonconformityReportPage })),
);
const SubscriptionsPage = lazy(() =>
  import('./subscriptions-page').then((m) => ({ default: m.SubscriptionsPage })),
);

export const reportShellRoutes: RouteObject[] = [
  { path: 'reports/monthly', element: guard([REPORT_PERM.read], <MonthlyReportPage />) },
  { path: 'reports/assessment', element: guard([REPORT_PERM.read], <AssessmentReportPage />) },
  { path: 'reports/nonconformity', element: guard([REPORT_PERM.read], <NonconformityReportPage />) },
  { path: 'reports/subscriptions', element: guard([REPORT_PERM.manage], <SubscriptionsPage />) },
];
