import type { WebModule } from '../../app/web-module';
import { countsInI18n } from './counts-in.i18n';
import { slaI18n } from './sla.i18n';
import { slaNavItems } from './sla.nav';
import { slaShellRoutes } from './sla.routes';

export const slaModule: WebModule = {
  id: 'sla',
  strings: [slaI18n, countsInI18n],
  shellRoutes: slaShellRoutes,
  nav: { sla: slaNavItems },
};
