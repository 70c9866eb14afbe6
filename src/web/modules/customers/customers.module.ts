import type { WebModule } from '../../app/web-module';
import { customersI18n } from './customers.i18n';
import { customersNavItems } from './customers.nav';
import { customersShellRoutes } from './customers.routes';

export const customersModule: WebModule = {
  id: 'customers',
  strings: [customersI18n],
  shellRoutes: customersShellRoutes,
  nav: { service: customersNavItems },
};
