import type { WebModule } from '../../app/web-module';
import { complaintRecordsI18n, complaintsI18n } from './complaints.i18n';
import { complaintsNavItems } from './complaints.nav';
import { complaintsShellRoutes } from './complaints.routes';

export const complaintsModule: WebModule = {
  id: 'complaints',
  strings: [complaintsI18n, complaintRecordsI18n],
  shellRoutes: complaintsShellRoutes,
  nav: { tickets: complaintsNavItems },
};
