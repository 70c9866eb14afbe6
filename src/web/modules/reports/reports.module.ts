import type { WebModule } from '../../app/web-module';
import { reportsI18n } from './reports.i18n';
import { reportsNavItems } from './reports.nav';
import { reportShellRoutes } from './reports.routes';

export const reportsModule: WebModule = {
  id: 'reports',
  strings: [reportsI18n],
  shellRoutes: reportShellRoutes,
  nav: { reports: reportsNavItems },
};
