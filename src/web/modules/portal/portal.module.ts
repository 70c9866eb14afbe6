import type { WebModule } from '../../app/web-module';
import { portalI18n } from './portal.i18n';
import { portalStandaloneRoutes } from './portal.routes';

export const portalModule: WebModule = {
  id: 'portal',
  strings: [portalI18n],
  standaloneRoutes: portalStandaloneRoutes,
};
