import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { PERM } from '../../auth/permissions';
import { guard } from '../../app/require-auth';

const DepartmentInboxPage = lazy(() =>
  import('./department-inbox-page').then((m) => ({ default: m.DepartmentInboxPage })),
);

/** Pages inside the staff app shell. */
export const departmentShellRoutes: RouteObject[] = [
  { path: 'department-inbox', element: guard([PERM.ticketsManage], <DepartmentInboxPage />) },
];
