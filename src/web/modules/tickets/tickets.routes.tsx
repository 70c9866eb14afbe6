import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { PERM } from '../../auth/permissions';
import { guard } from '../../app/require-auth';

const DeskPage = lazy(() => import('./desk-page').then((m) => ({ default: m.DeskPage })));
const TicketsPage = lazy(() => import('./tickets-page').then((m) => ({ default: m.TicketsPage })));
const TicketDetailPage = lazy(() =>
  import('./ticket-detail-page').then((m) => ({ default: m.TicketDetailPage })),
);

/** Pages inside the staff app shell. */
export const ticketsShellRoutes: RouteObject[] = [
  { path: 'desk', element: guard([PERM.ticketsCreate], <DeskPage />) },
  { path: 'tickets', element: guard([PERM.ticketsRead], <TicketsPage />) },
  { path: 'tickets/:id', element: guard([PERM.ticketsRead], <TicketDetailPage />) },
];
