import { Suspense, lazy } from 'react';
import { Spin } from 'antd';
import type { RouteObject } from 'react-router';
import { RequireAuth, guard } from '../../app/require-auth';
import { QUALITY_PERM } from './quality-api';

const QualityReviewsPage = lazy(() =>
  import('./quality-reviews-page').then((m) => ({ default: m.QualityReviewsPage })),
);
const QualityReviewPage = lazy(() =>
  import('./quality-review-page').then((m) => ({ default: m.QualityReviewPage })),
);
const QualityFiguresPage = lazy(() =>
  import('./quality-figures-page').then((m) => ({ default: m.QualityFiguresPage })),
);
const QualityFormPage = lazy(() =>
  import('./quality-form-page').then((m) => ({ default: m.QualityFormPage })),
);

const QualityReviewPrintPage = lazy(() =>
  import('./quality-print-pages').then((m) => ({ default: m.QualityReviewPrintPage })),
);
const QualityFiguresPrintPage = lazy(() =>
  import('./quality-print-pages').then((m) => ({ default: m.QualityFiguresPrintPage })),
);

const READ = [QUALITY_PERM.review, QUALITY_PERM.viewOwn];

/** 质检 pages (RPT-7), under 报表与质检. */
export const qualityShellRoutes: RouteObject[] = [
  { path: 'quality/reviews', element: guard(READ, <QualityReviewsPage />) },
  { path: 'quality/reviews/:id', element: guard(READ, <QualityReviewPage />) },
  { path: 'quality/figures', element: guard(READ, <QualityFiguresPage />) },
  { path: 'quality/form', element: guard([QUALITY_PERM.manage], <QualityFormPage />) },
];

/** RPT-7 / RPT-6: the score sheet and the month's figures print on their own A4 frame, like the paper forms. */
export const qualityStandaloneRoutes: RouteObject[] = [
  {
    path: '/quality/reviews/:id/print',
    element: (
      <RequireAuth>
        <Suspense fallback={<Spin />}>{guard(READ, <QualityReviewPrintPage />)}</Suspense>
      </RequireAuth>
    ),
  },
  {
    path: '/quality/figures/print',
    element: (
      <RequireAuth>
        <Suspense fallback={<Spin />}>{guard(READ, <QualityFiguresPrintPage />)}</Suspense>
      </RequireAuth>
    ),
  },
];
