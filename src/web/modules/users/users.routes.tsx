import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { PERM } from '../../auth/permissions';
import { guard } from '../../app/require-auth';

const UsersPage = lazy(() => import('./users-page').then((m) => ({ default: m.UsersPage })));

/** Pages inside the staff app shell. */
export const usersShellRoutes: RouteObject[] = [
  { path: 'org/users', element: guard([PERM.usersRead], <UsersPage />) },
];
