import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { PERM } from '../../auth/permissions';
import { guard } from '../../app/require-auth';

const SlaCalculatorPage = lazy(() => import('./sla-pages').then((m) => ({ default: m.SlaCalculatorPage })));
const SlaPoliciesPage = lazy(() => import('./sla-pages').then((m) => ({ default: m.SlaPoliciesPage })));

/** Pages inside the staff app shell: the time-limit calculator and the SLA policies (SLA-1). */
export const slaShellRoutes: RouteObject[] = [
  { path: 'sla/calculator', element: guard([PERM.calendarRead], <SlaCalculatorPage />) },
  { path: 'sla/policies', element: guard([PERM.calendarRead, PERM.slaManage], <SlaPoliciesPage />) },
];
