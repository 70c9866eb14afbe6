import { Suspense, lazy } from 'react';
import { Spin } from 'antd';
import type { RouteObject } from 'react-router';
import { RequireAuth, guard } from '../../app/require-auth';

const ReturnsPage = lazy(() => import('./returns-page').then((m) => ({ default: m.ReturnsPage })));
const CounterWizard = lazy(() => import('./counter-wizard').then((m) => ({ default: m.CounterWizard })));
const ReturnDetailPage = lazy(() =>
  import('./return-detail-page').then((m) => ({ default: m.ReturnDetailPage })),
);
const OrderEntryPage = lazy(() => import('./order-entry-page').then((m) => ({ default: m.OrderEntryPage })));
const OrdersPage = lazy(() => import('./orders-page').then((m) => ({ default: m.OrdersPage })));
const OrderDetailPage = lazy(() =>
  import('./order-detail-page').then((m) => ({ default: m.OrderDetailPage })),
);
const PolicyPage = lazy(() => import('./policy-page').then((m) => ({ default: m.PolicyPage })));
const ReturnPrintPage = lazy(() =>
  import('./return-print-page').then((m) => ({ default: m.ReturnPrintPage })),
);

/** The counter's pages (RET-1…10) and the policy with its tester. */
export const returnsShellRoutes: RouteObject[] = [
  { path: 'returns', element: guard(['returns.read'], <ReturnsPage />) },
  { path: 'returns/new', element: guard(['returns.request'], <CounterWizard />) },
  { path: 'returns/orders', element: guard(['orders.manage', 'orders.import'], <OrderEntryPage />) },
  { path: 'orders', element: guard(['orders.read'], <OrdersPage />) },
  { path: 'orders/:id', element: guard(['orders.read'], <OrderDetailPage />) },
  { path: 'returns/policy', element: guard(['returns.read'], <PolicyPage />) },
  // Signed in is enough: a delegate standing in for an approver may hold no role in the store; the
  // server answers 404 to anyone who may neither read returns there nor see the request's approval.
  { path: 'returns/:id', element: <ReturnDetailPage /> },
];

/** 取消订单申请单 / 退换货申请单 print on their own A4 frame. */
export const returnsStandaloneRoutes: RouteObject[] = [
  {
    path: '/returns/:id/print',
    element: (
      <RequireAuth>
        <Suspense fallback={<Spin />}>{guard(['returns.read'], <ReturnPrintPage />)}</Suspense>
      </RequireAuth>
    ),
  },
];
