import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { guard } from '../../app/require-auth';
import { CARE_PERM } from './care-api';

const CareWorklistPage = lazy(() =>
  import('./care-worklist-page').then((m) => ({ default: m.CareWorklistPage })),
);
const CareLapsedPage = lazy(() => import('./care-lapsed-page').then((m) => ({ default: m.CareLapsedPage })));
const CareDeparturePage = lazy(() =>
  import('./care-departure-page').then((m) => ({ default: m.CareDeparturePage })),
);
const CareEstatePage = lazy(() => import('./care-estate-page').then((m) => ({ default: m.CareEstatePage })));
const CareRulesPage = lazy(() => import('./care-rules-page').then((m) => ({ default: m.CareRulesPage })));

/** Pages inside the staff app shell. */
export const careShellRoutes: RouteObject[] = [
  { path: 'care/worklist', element: guard([CARE_PERM.read], <CareWorklistPage />) },
  { path: 'care/lapsed', element: guard([CARE_PERM.read], <CareLapsedPage />) },
  { path: 'care/departures', element: guard([CARE_PERM.work], <CareDeparturePage />) },
  { path: 'care/estate', element: guard([CARE_PERM.read], <CareEstatePage />) },
  { path: 'care/rules', element: guard([CARE_PERM.read], <CareRulesPage />) },
];
