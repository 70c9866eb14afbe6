import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { PERM } from '../../auth/permissions';
import { guard } from '../../app/require-auth';

const CalendarPage = lazy(() => import('./calendar-page').then((m) => ({ default: m.CalendarPage })));

/** Pages inside the staff app shell. */
export const calendarShellRoutes: RouteObject[] = [
  { path: 'calendar', element: guard([PERM.calendarRead], <CalendarPage />) },
];
