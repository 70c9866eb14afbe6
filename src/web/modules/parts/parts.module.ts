import type { WebModule } from '../../app/web-module';
import { partsI18n } from './parts.i18n';
import { partsNavItems } from './parts.nav';
import { partsShellRoutes } from './parts.routes';

export const partsModule: WebModule = {
  id: 'parts',
  strings: [partsI18n],
  shellRoutes: partsShellRoutes,
  nav: { field: partsNavItems },
};
