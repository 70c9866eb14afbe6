import { Suspense, lazy } from 'react';
import { Spin } from 'antd';
import type { RouteObject } from 'react-router';
import { RequireAuth, guard } from '../../app/require-auth';

const JourneysPage = lazy(() => import('./journeys-page').then((m) => ({ default: m.JourneysPage })));
const JourneyPage = lazy(() => import('./journey-page').then((m) => ({ default: m.JourneyPage })));
const JourneyBoardPage = lazy(() => import('./board-page').then((m) => ({ default: m.JourneyBoardPage })));
const StageEditorPage = lazy(() =>
  import('./stage-editor-page').then((m) => ({ default: m.StageEditorPage })),
);
const JourneyPrintPage = lazy(() =>
  import('./journey-print-page').then((m) => ({ default: m.JourneyPrintPage })),
);
const TemplatesPage = lazy(() => import('./templates-page').then((m) => ({ default: m.TemplatesPage })));

/** The journeys (JRN-1…8): the list, one journey, the templates with their versions. */
export const journeysShellRoutes: RouteObject[] = [
  { path: 'journeys', element: guard(['journeys.read'], <JourneysPage />) },
  { path: 'journeys/templates', element: guard(['journeys.read'], <TemplatesPage />) },
  { path: 'journeys/board', element: guard(['journeys.read'], <JourneyBoardPage />) },
  {
    path: 'journeys/templates/:code/edit',
    element: guard(['journeys.templates.manage'], <StageEditorPage />),
  },
  { path: 'journeys/:id', element: guard(['journeys.read'], <JourneyPage />) },
];

/** A journey's forms printed on A4: nothing but paper, outside the app shell. */
export const journeysStandaloneRoutes: RouteObject[] = [
  {
    path: '/journeys/:id/print/:kind/:code',
    element: (
      <RequireAuth>
        <Suspense fallback={<Spin />}>{guard(['journeys.read'], <JourneyPrintPage />)}</Suspense>
      </RequireAuth>
    ),
  },
];
