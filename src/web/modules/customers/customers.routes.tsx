import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { PERM } from '../../auth/permissions';
import { guard } from '../../app/require-auth';

const CustomerAccessPage = lazy(() =>
  import('./customer-access-page').then((m) => ({ default: m.CustomerAccessPage })),
);
const PropertyTitlesPage = lazy(() =>
  import('./property-titles-page').then((m) => ({ default: m.PropertyTitlesPage })),
);
const HandoverChecksPage = lazy(() =>
  import('./handover-checks-page').then((m) => ({ default: m.HandoverChecksPage })),
);
const CustomersPage = lazy(() => import('./customers-page').then((m) => ({ default: m.CustomersPage })));

/** Pages inside the staff app shell. */
export const customersShellRoutes: RouteObject[] = [
  { path: 'customers', element: guard([PERM.customersRead], <CustomersPage />) },
  { path: 'customers/property-titles', element: guard([PERM.customersRead], <PropertyTitlesPage />) },
  { path: 'customers/handover-checks', element: guard([PERM.customersRead], <HandoverChecksPage />) },
  { path: 'customers/access', element: guard([PERM.customersAccessReview], <CustomerAccessPage />) },
];
