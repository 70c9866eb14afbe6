import type { WebModule } from '../../app/web-module';
import { careI18n } from './care.i18n';
import { careNavItems } from './care.nav';
import { careShellRoutes } from './care.routes';

export const careModule: WebModule = {
  id: 'care',
  strings: [careI18n],
  shellRoutes: careShellRoutes,
  nav: { care: careNavItems },
};
