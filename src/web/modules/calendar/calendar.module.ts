import type { WebModule } from '../../app/web-module';
import { calendarI18n } from './calendar.i18n';
import { calendarNavItems } from './calendar.nav';
import { calendarShellRoutes } from './calendar.routes';

export const calendarModule: WebModule = {
  id: 'calendar',
  strings: [calendarI18n],
  shellRoutes: calendarShellRoutes,
  nav: { sla: calendarNavItems },
};
