import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { PERM } from '../../auth/permissions';
import { guard } from '../../app/require-auth';

const UnitsPage = lazy(() => import('./units-page').then((m) => ({ default: m.UnitsPage })));

/** Pages inside the staff app shell. */
export const orgShellRoutes: RouteObject[] = [
  { path: 'org/units', element: guard([PERM.unitsRead], <UnitsPage />) },
];
