import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { guard } from '../../app/require-auth';

const PartsPage = lazy(() => import('./parts-page').then((m) => ({ default: m.PartsPage })));

/** 备件库存 (issue 18): catalogue, stock, movements, old parts. */
export const partsShellRoutes: RouteObject[] = [
  { path: 'parts', element: guard(['parts.view'], <PartsPage />) },
];
