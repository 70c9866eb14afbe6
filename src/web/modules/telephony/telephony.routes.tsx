import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { guard } from '../../app/require-auth';

// Loaded on demand: ECharts comes with the report page only.
const HotlineReportPage = lazy(() =>
  import('./hotline-report-page').then((m) => ({ default: m.HotlineReportPage })),
);

export const TELEPHONY_REPORT_PERM = 'telephony.report';

/** SLA-9: the hotline report, under 报表与质检. */
export const telephonyShellRoutes: RouteObject[] = [
  { path: 'reports/hotline', element: guard([TELEPHONY_REPORT_PERM], <HotlineReportPage />) },
];
