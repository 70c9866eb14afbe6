import { lazy } from 'react';
import type { RouteObject } from 'react-router';

const NotificationsPage = lazy(() =>
  import('./notifications-page').then((m) => ({ default: m.NotificationsPage })),
);

/** Everyone signed in has notifications of their own. */
export const notificationsShellRoutes: RouteObject[] = [
  { path: 'notifications', element: <NotificationsPage /> },
];
