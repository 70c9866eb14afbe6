import { Suspense, lazy } from 'react';
import { Spin } from 'antd';
import type { RouteObject } from 'react-router';
import { guard } from '../../app/require-auth';
import { SURVEY_PERM } from './surveys-api';

// Loaded on demand: ECharts comes with the results page only, so the login page stays light.
const SurveyResultsPage = lazy(() =>
  import('./survey-results-page').then((m) => ({ default: m.SurveyResultsPage })),
);
const SurveyBuilderPage = lazy(() =>
  import('./survey-builder-page').then((m) => ({ default: m.SurveyBuilderPage })),
);
const WeeklySummariesPage = lazy(() =>
  import('./weekly-summaries-page').then((m) => ({ default: m.WeeklySummariesPage })),
);
const MonthlyReportPage = lazy(() =>
  import('./monthly-report-page').then((m) => ({ default: m.MonthlyReportPage })),
);
const PublicSurveyPage = lazy(() =>
  import('./public-survey-page').then((m) => ({ default: m.PublicSurveyPage })),
);

/** Pages inside the staff app shell. */
export const surveyShellRoutes: RouteObject[] = [
  { path: 'surveys/results', element: guard([SURVEY_PERM.read], <SurveyResultsPage />) },
  { path: 'surveys/monthly', element: guard([SURVEY_PERM.read], <MonthlyReportPage />) },
  {
    path: 'surveys/templates',
    element: guard([SURVEY_PERM.read, SURVEY_PERM.manage], <SurveyBuilderPage />),
  },
  { path: 'surveys/weekly', element: guard([SURVEY_PERM.read], <WeeklySummariesPage />) },
];

/**
 * The customer's survey page (PORTAL-2): /c/s/<token> — the customer-link prefix /c/ plus 's' for
 * survey. Outside RequireAuth and the app shell: no login, nothing of the staff app loads.
 */
export const surveyStandaloneRoutes: RouteObject[] = [
  {
    path: '/c/s/:token',
    element: (
      <Suspense fallback={<Spin style={{ display: 'block', marginTop: 80 }} />}>
        <PublicSurveyPage />
      </Suspense>
    ),
  },
];
