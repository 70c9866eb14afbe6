import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { PERM } from '../../auth/permissions';
import { guard } from '../../app/require-auth';

const AuditPage = lazy(() => import('./audit-page').then((m) => ({ default: m.AuditPage })));

/** Pages inside the staff app shell. */
export const auditShellRoutes: RouteObject[] = [
  { path: 'system/audit', element: guard([PERM.auditRead], <AuditPage />) },
];
