import { Suspense, lazy } from 'react';
import type { ReactNode } from 'react';
import { Spin } from 'antd';
import { Navigate, useParams } from 'react-router';
import type { RouteObject } from 'react-router';
import { RequireAuth, guard } from '../../app/require-auth';
import { WO_PERM } from './workorders-api';

// Field-service pages (issue 5), loaded on demand like every other page.
const DispatchBoardPage = lazy(() =>
  import('./dispatch-board-page').then((m) => ({ default: m.DispatchBoardPage })),
);
const WorkOrdersPage = lazy(() => import('./workorders-page').then((m) => ({ default: m.WorkOrdersPage })));
const WorkOrderDetailPage = lazy(() =>
  import('./workorder-detail-page').then((m) => ({ default: m.WorkOrderDetailPage })),
);
const ContractsPage = lazy(() => import('./contracts-page').then((m) => ({ default: m.ContractsPage })));
const PriceListPage = lazy(() => import('./price-list-page').then((m) => ({ default: m.PriceListPage })));
const TechShell = lazy(() => import('./tech-shell').then((m) => ({ default: m.TechShell })));
const TechPage = lazy(() => import('./tech-page').then((m) => ({ default: m.TechPage })));
const TechVisitPage = lazy(() => import('./tech-visit-page').then((m) => ({ default: m.TechVisitPage })));
const PrintPage = lazy(() => import('./print-page').then((m) => ({ default: m.PrintPage })));
const CustomerWorkOrderPage = lazy(() =>
  import('./customer-workorder-page').then((m) => ({ default: m.CustomerWorkOrderPage })),
);

const suspense = (page: ReactNode) => <Suspense fallback={<Spin />}>{page}</Suspense>;

/** Links texted as the link module's bare /c/<token> open the work-order page (surveys use /c/s/). */
function BareCustomerLink() {
  const { token = '' } = useParams();
  return <Navigate to={`/c/w/${token}`} replace />;
}

/** Pages inside the desktop app shell (side menu, header). */
export const workOrderShellRoutes: RouteObject[] = [
  { path: 'workorders/board', element: guard([WO_PERM.dispatch], <DispatchBoardPage />) },
  { path: 'workorders/contracts', element: guard([WO_PERM.read], <ContractsPage />) },
  { path: 'workorders/price-list', element: guard([WO_PERM.pricingManage, WO_PERM.read], <PriceListPage />) },
  { path: 'workorders', element: guard([WO_PERM.read], <WorkOrdersPage />) },
  { path: 'workorders/:id', element: guard([WO_PERM.read], <WorkOrderDetailPage />) },
];

/**
 * Pages with their own frame: the technician's phone layout, the print sheets (nothing but paper),
 * and the customer's link page, which needs no login at all (PORTAL-2).
 */
export const workOrderStandaloneRoutes: RouteObject[] = [
  { path: '/c/w/:token', element: suspense(<CustomerWorkOrderPage />) },
  { path: '/c/:token', element: <BareCustomerLink /> },
  {
    path: '/tech',
    element: <RequireAuth>{suspense(guard([WO_PERM.work, WO_PERM.read], <TechShell />))}</RequireAuth>,
    children: [
      { index: true, element: <TechPage /> },
      { path: ':id', element: <TechVisitPage /> },
    ],
  },
  {
    path: '/workorders/:id/print',
    element: <RequireAuth>{suspense(guard([WO_PERM.read], <PrintPage />))}</RequireAuth>,
  },
];
