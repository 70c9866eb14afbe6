import { lazy } from 'react';
import type { RouteObject } from 'react-router';

const ApprovalsPage = lazy(() => import('./approvals-page').then((m) => ({ default: m.ApprovalsPage })));

/** The inbox is for everyone signed in: who may decide is the engine's question (roles at the unit). */
export const approvalsShellRoutes: RouteObject[] = [{ path: 'approvals', element: <ApprovalsPage /> }];
