import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { PERM } from '../../auth/permissions';
import { guard } from '../../app/require-auth';

const CustomerAccessPage = lazy(() =>
  import('./customer-access-page').then((m) => ({ default: m.CustomerAccessPage })),
);
const CustomersPage = lazy(() => import('./customers-page').then((m) => ({ default: m.CustomersPage })));

/** Pages inside the staff app shell. */
export const customersShellRoutes: RouteObject[] = [
  { path: 'customers', element: guard([PERM.customersRead], <CustomersPage />) },
  { path: 'customers/access', element: guard([PERM.customersAccessReview], <CustomerAccessPage />) },
];
