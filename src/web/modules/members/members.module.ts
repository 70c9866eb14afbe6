import type { WebModule } from '../../app/web-module';
import { membersI18n } from './members.i18n';
import { membersNavItems } from './members.nav';
import { membersShellRoutes } from './members.routes';

export const membersModule: WebModule = {
  id: 'members',
  strings: [membersI18n],
  shellRoutes: membersShellRoutes,
  nav: { service: membersNavItems },
};
