import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { guard } from '../../app/require-auth';

const JourneysPage = lazy(() => import('./journeys-page').then((m) => ({ default: m.JourneysPage })));
const JourneyPage = lazy(() => import('./journey-page').then((m) => ({ default: m.JourneyPage })));
const TemplatesPage = lazy(() => import('./templates-page').then((m) => ({ default: m.TemplatesPage })));

/** The journeys (JRN-1…8): the list, one journey, the templates with their versions. */
export const journeysShellRoutes: RouteObject[] = [
  { path: 'journeys', element: guard(['journeys.read'], <JourneysPage />) },
  { path: 'journeys/templates', element: guard(['journeys.read'], <TemplatesPage />) },
  { path: 'journeys/:id', element: guard(['journeys.read'], <JourneyPage />) },
];
