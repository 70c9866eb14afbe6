import type { WebModule } from '../../app/web-module';
import { ticketsI18n } from './tickets.i18n';
import { ticketsNavItems } from './tickets.nav';
import { ticketsShellRoutes } from './tickets.routes';

export const ticketsModule: WebModule = {
  id: 'tickets',
  strings: [ticketsI18n],
  shellRoutes: ticketsShellRoutes,
  nav: { tickets: ticketsNavItems },
};
