import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { RequirePermission } from '../../app/require-auth';
import { CH_PERM } from './channels-api';

const ChannelsPage = lazy(() => import('./channels-page').then((m) => ({ default: m.ChannelsPage })));
const ConversationsPage = lazy(() =>
  import('./conversations-page').then((m) => ({ default: m.ConversationsPage })),
);

export const channelsShellRoutes: RouteObject[] = [
  {
    path: 'channels',
    element: (
      <RequirePermission anyOf={[CH_PERM.manage]}>
        <ChannelsPage />
      </RequirePermission>
    ),
  },
  {
    path: 'channels/conversations',
    element: (
      <RequirePermission anyOf={[CH_PERM.reply]}>
        <ConversationsPage />
      </RequirePermission>
    ),
  },
];
