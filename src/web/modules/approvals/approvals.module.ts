import type { WebModule } from '../../app/web-module';
import { approvalsI18n } from './approvals.i18n';
import { approvalsNavItems } from './approvals.nav';
import { approvalsShellRoutes } from './approvals.routes';

export const approvalsModule: WebModule = {
  id: 'approvals',
  strings: [approvalsI18n],
  shellRoutes: approvalsShellRoutes,
  nav: { main: approvalsNavItems },
};
