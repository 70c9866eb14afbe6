import type { WebModule } from '../../app/web-module';
import { journeysI18n } from './journeys.i18n';
import { journeysNavItems } from './journeys.nav';
import { journeysShellRoutes, journeysStandaloneRoutes } from './journeys.routes';

export const journeysModule: WebModule = {
  id: 'journeys',
  strings: [journeysI18n],
  shellRoutes: journeysShellRoutes,
  standaloneRoutes: journeysStandaloneRoutes,
  nav: { service: journeysNavItems },
};
