import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { ACCOUNT_REQUEST_PERMS } from '../../auth/permissions';
import { guard } from '../../app/require-auth';

const AccountRequestsPage = lazy(() =>
  import('./account-requests-page').then((m) => ({ default: m.AccountRequestsPage })),
);

/** Pages inside the staff app shell. */
export const accountRequestsShellRoutes: RouteObject[] = [
  { path: 'org/account-requests', element: guard(ACCOUNT_REQUEST_PERMS, <AccountRequestsPage />) },
];
