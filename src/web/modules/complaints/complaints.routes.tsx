import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { PERM } from '../../auth/permissions';
import { guard } from '../../app/require-auth';
import { CLOSE_OUT_PERMS } from './complaint-types';

const CloseOutWorklistPage = lazy(() =>
  import('./close-out-worklist-page').then((m) => ({ default: m.CloseOutWorklistPage })),
);
const ComplaintSettingsPage = lazy(() =>
  import('./complaint-settings-page').then((m) => ({ default: m.ComplaintSettingsPage })),
);

/** Pages inside the staff app shell. */
export const complaintsShellRoutes: RouteObject[] = [
  {
    path: 'complaints/close-outs',
    element: guard([...CLOSE_OUT_PERMS, PERM.ticketsManage], <CloseOutWorklistPage />),
  },
  { path: 'complaints/settings', element: guard([PERM.ticketsRead], <ComplaintSettingsPage />) },
];
