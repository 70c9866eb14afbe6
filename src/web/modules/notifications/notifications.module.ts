import type { WebModule } from '../../app/web-module';
import { notificationsI18n } from './notifications.i18n';
import { notificationsNavItems } from './notifications.nav';
import { notificationsShellRoutes } from './notifications.routes';

export const notificationsModule: WebModule = {
  id: 'notifications',
  strings: [notificationsI18n],
  shellRoutes: notificationsShellRoutes,
  nav: { main: notificationsNavItems },
};
