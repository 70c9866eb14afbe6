import type { WebModule } from '../../app/web-module';
import { workOrdersI18n } from './workorders.i18n';
import { workOrdersNavItems } from './workorders.nav';
import { workOrderShellRoutes, workOrderStandaloneRoutes } from './workorders.routes';

export const workOrdersModule: WebModule = {
  id: 'workorders',
  strings: [workOrdersI18n],
  shellRoutes: workOrderShellRoutes,
  standaloneRoutes: workOrderStandaloneRoutes,
  nav: { field: workOrdersNavItems },
};
