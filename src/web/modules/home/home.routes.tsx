import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { DeskLanding } from '../tickets/desk-landing';

const HomePage = lazy(() => import('./home-page').then((m) => ({ default: m.HomePage })));

/** The index page: agents land on the desk, technicians on their visits, everyone else here. */
export const homeShellRoutes: RouteObject[] = [{ index: true, element: <DeskLanding home={<HomePage />} /> }];
