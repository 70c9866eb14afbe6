import type { WebModule } from '../../app/web-module';
import { usersI18n } from './users.i18n';
import { usersNavItems } from './users.nav';
import { usersShellRoutes } from './users.routes';

export const usersModule: WebModule = {
  id: 'users',
  strings: [usersI18n],
  shellRoutes: usersShellRoutes,
  nav: { org: usersNavItems },
};
