import type { WebModule } from '../../app/web-module';
import { unitsI18n } from './org.i18n';
import { orgNavItems } from './org.nav';
import { orgShellRoutes } from './org.routes';

export const orgModule: WebModule = {
  id: 'org',
  strings: [unitsI18n],
  shellRoutes: orgShellRoutes,
  nav: { org: orgNavItems },
};
