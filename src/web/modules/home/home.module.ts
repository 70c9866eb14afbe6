import type { WebModule } from '../../app/web-module';
import { homeI18n } from './home.i18n';
import { homeNavItems } from './home.nav';
import { homeShellRoutes } from './home.routes';

export const homeModule: WebModule = {
  id: 'home',
  strings: [homeI18n],
  shellRoutes: homeShellRoutes,
  nav: { main: homeNavItems },
};
