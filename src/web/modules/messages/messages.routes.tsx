import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { RequirePermission } from '../../app/require-auth';
import { MSG_PERM } from './messages-api';

const OutboxPage = lazy(() => import('./outbox-page').then((m) => ({ default: m.OutboxPage })));
const TemplatesPage = lazy(() => import('./templates-page').then((m) => ({ default: m.TemplatesPage })));

/** Pages inside the staff app shell. */
export const messagesShellRoutes: RouteObject[] = [
  {
    path: 'messages/outbox',
    element: (
      <RequirePermission anyOf={[MSG_PERM.read]}>
        <OutboxPage />
      </RequirePermission>
    ),
  },
  {
    path: 'messages/templates',
    element: (
      <RequirePermission anyOf={[MSG_PERM.read, MSG_PERM.templates]}>
        <TemplatesPage />
      </RequirePermission>
    ),
  },
];
