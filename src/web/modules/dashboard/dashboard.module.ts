import type { WebModule } from '../../app/web-module';
import { dashboardI18n } from './dashboard.i18n';

/** RPT-1: the dashboard is shown on the home page (modules/home); this module brings its strings. */
export const dashboardModule: WebModule = {
  id: 'dashboard',
  strings: [dashboardI18n],
};
