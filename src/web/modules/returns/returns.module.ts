import type { WebModule } from '../../app/web-module';
import { returnsI18n } from './returns.i18n';
import { returnsNavItems } from './returns.nav';
import { returnsShellRoutes, returnsStandaloneRoutes } from './returns.routes';

export const returnsModule: WebModule = {
  id: 'returns',
  strings: [returnsI18n],
  shellRoutes: returnsShellRoutes,
  standaloneRoutes: returnsStandaloneRoutes,
  nav: { service: returnsNavItems },
};
