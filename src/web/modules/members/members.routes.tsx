import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { guard } from '../../app/require-auth';

const MembersPage = lazy(() => import('./members-page').then((m) => ({ default: m.MembersPage })));

/** 会员俱乐部 (MEM-1): members list with export, a member's points ledger, the handbook. */
export const membersShellRoutes: RouteObject[] = [
  { path: 'members', element: guard(['members.read'], <MembersPage />) },
];
