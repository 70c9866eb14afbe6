import type { WebModule } from '../../app/web-module';
import { accountRequestsI18n } from './account-requests.i18n';
import { accountRequestsNavItems } from './account-requests.nav';
import { accountRequestsShellRoutes } from './account-requests.routes';

export const accountRequestsModule: WebModule = {
  id: 'account-requests',
  strings: [accountRequestsI18n],
  shellRoutes: accountRequestsShellRoutes,
  nav: { org: accountRequestsNavItems },
};
