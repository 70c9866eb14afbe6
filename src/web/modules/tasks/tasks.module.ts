import type { WebModule } from '../../app/web-module';
import { tasksI18n } from './tasks.i18n';
import { tasksNavItems } from './tasks.nav';
import { tasksShellRoutes } from './tasks.routes';

export const tasksModule: WebModule = {
  id: 'tasks',
  strings: [tasksI18n],
  shellRoutes: tasksShellRoutes,
  nav: { tickets: tasksNavItems },
};
