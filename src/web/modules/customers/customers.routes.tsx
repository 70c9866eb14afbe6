import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { PERM } from '../../auth/permissions';
import { guard } from '../../app/require-auth';

const CustomersPage = lazy(() => import('./customers-page').then((m) => ({ default: m.CustomersPage })));

/** Pages inside the staff app shell. */
export const customersShellRoutes: RouteObject[] = [
  { path: 'customers', element: guard([PERM.customersRead], <CustomersPage />) },
];
