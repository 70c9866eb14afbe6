import { lazy, Suspense } from 'react';
import { Spin } from 'antd';
import type { RouteObject } from 'react-router';

const PortalPage = lazy(() => import('./portal-page').then((m) => ({ default: m.PortalPage })));

/** The customer portal (PORTAL-1): /portal, outside the staff shell; nothing of the staff app loads. */
export const portalStandaloneRoutes: RouteObject[] = [
  {
    path: 'portal',
    element: (
      <Suspense fallback={<Spin style={{ display: 'block', marginTop: 80 }} />}>
        <PortalPage />
      </Suspense>
    ),
  },
];
