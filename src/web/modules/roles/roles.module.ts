import type { WebModule } from '../../app/web-module';
import { rolesI18n, permissionGroupI18n } from './roles.i18n';
import { rolesNavItems } from './roles.nav';
import { rolesShellRoutes } from './roles.routes';

export const rolesModule: WebModule = {
  id: 'roles',
  strings: [rolesI18n, permissionGroupI18n],
  shellRoutes: rolesShellRoutes,
  nav: { org: rolesNavItems },
};
