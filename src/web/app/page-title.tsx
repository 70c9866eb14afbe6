import { useEffect } from 'react';
import { Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { NAV, activeNavPath } from './nav';

/**
 * The name of the page at `pathname` for the browser tab (issue 16): the side-menu entry it belongs
 * to (a ticket's page is under 工单列表), the login page, or a customer's page; null for the bare app.
 */
export function pageName(t: TFunction, pathname: string): string | null {
  if (pathname === '/login') return t('login.title');
  if (pathname.startsWith('/c/s/')) return t('app.titles.customerSurvey');
  if (pathname.startsWith('/c/')) return t('app.titles.customerWorkOrder');
  const path = activeNavPath(pathname);
  const item = NAV.flatMap((g) => g.items).find((i) => i.path === path);
  return item ? t(item.labelKey) : null;
}

/** Every route's frame: keeps document.title at "page · Kefu" in the language on screen. */
export function PageTitle() {
  const { t, i18n } = useTranslation();
  const { pathname } = useLocation();
  useEffect(() => {
    const page = pageName(t, pathname);
    document.title = page ? t('app.titles.page', { page }) : t('app.brand');
    document.documentElement.lang = i18n.language;
  }, [t, i18n.language, pathname]);
  return <Outlet />;
}
