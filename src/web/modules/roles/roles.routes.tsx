import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { PERM } from '../../auth/permissions';
import { guard } from '../../app/require-auth';

const RolesPage = lazy(() => import('./roles-page').then((m) => ({ default: m.RolesPage })));

/** Pages inside the staff app shell. */
export const rolesShellRoutes: RouteObject[] = [
  { path: 'org/roles', element: guard([PERM.rolesManage], <RolesPage />) },
];
