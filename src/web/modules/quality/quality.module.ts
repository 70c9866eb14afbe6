import type { WebModule } from '../../app/web-module';
import { qualityI18n } from './quality.i18n';
import { qualityNavItems } from './quality.nav';
import { qualityShellRoutes, qualityStandaloneRoutes } from './quality.routes';

/** Quality review (质检, RPT-7): sampling, scoring, appeals, agents' monthly figures, the scoring form. */
export const qualityModule: WebModule = {
  id: 'quality',
  strings: [qualityI18n],
  shellRoutes: qualityShellRoutes,
  standaloneRoutes: qualityStandaloneRoutes,
  nav: { reports: qualityNavItems },
};
