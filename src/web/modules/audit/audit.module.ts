import type { WebModule } from '../../app/web-module';
import { auditI18n, subjectTypeI18n } from './audit.i18n';
import { auditNavItems } from './audit.nav';
import { auditShellRoutes } from './audit.routes';

export const auditModule: WebModule = {
  id: 'audit',
  strings: [auditI18n, subjectTypeI18n],
  shellRoutes: auditShellRoutes,
  nav: { system: auditNavItems },
};
