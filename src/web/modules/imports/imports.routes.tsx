import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { guard } from '../../app/require-auth';

const ImportPage = lazy(() => import('./import-page').then((m) => ({ default: m.ImportPage })));

/** 批量导入 (CUS-5): upload → column mapping → preview → import with progress → result. */
export const importsShellRoutes: RouteObject[] = [
  { path: 'customers/import', element: guard(['customers.import', 'orders.import'], <ImportPage />) },
];
