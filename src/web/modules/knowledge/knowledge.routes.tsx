import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { guard } from '../../app/require-auth';

const ArticlesPage = lazy(() => import('./articles-page').then((m) => ({ default: m.ArticlesPage })));
const CasesPage = lazy(() => import('./cases-page').then((m) => ({ default: m.CasesPage })));
const TermsPage = lazy(() => import('./terms-page').then((m) => ({ default: m.TermsPage })));
const DesignReviewsPage = lazy(() =>
  import('./design-review-pages').then((m) => ({ default: m.DesignReviewsPage })),
);
const DesignReviewPage = lazy(() =>
  import('./design-review-pages').then((m) => ({ default: m.DesignReviewPage })),
);
const ArticlePage = lazy(() => import('./article-page').then((m) => ({ default: m.ArticlePage })));

/** 答客问: the list and one answer with its versions (the approval inbox links to a version's id). */
export const knowledgeShellRoutes: RouteObject[] = [
  { path: 'knowledge', element: guard(['knowledge.read'], <ArticlesPage />) },
  { path: 'knowledge/cases', element: guard(['knowledge.read'], <CasesPage />) },
  { path: 'knowledge/reviews', element: guard(['knowledge.read'], <DesignReviewsPage />) },
  { path: 'knowledge/reviews/:id', element: guard(['knowledge.read'], <DesignReviewPage />) },
  { path: 'knowledge/terms', element: guard(['knowledge.read'], <TermsPage />) },
  { path: 'knowledge/articles/:id', element: guard(['knowledge.read', 'knowledge.manage'], <ArticlePage />) },
];
