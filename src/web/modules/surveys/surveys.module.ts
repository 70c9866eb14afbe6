import type { WebModule } from '../../app/web-module';
import { surveysI18n } from './surveys.i18n';
import { surveysNavItems } from './surveys.nav';
import { surveyShellRoutes, surveyStandaloneRoutes } from './surveys.routes';

export const surveysModule: WebModule = {
  id: 'surveys',
  strings: [surveysI18n],
  shellRoutes: surveyShellRoutes,
  standaloneRoutes: surveyStandaloneRoutes,
  nav: { surveys: surveysNavItems },
};
