import type { WebModule } from '../../app/web-module';
import { telephonyI18n } from './telephony.i18n';
import { telephonyReportNavItems } from './telephony.nav';
import { telephonyShellRoutes } from './telephony.routes';

/** Caller identification lives in the header and on the desk; the hotline report (SLA-9) has a page. */
export const telephonyModule: WebModule = {
  id: 'telephony',
  strings: [telephonyI18n],
  shellRoutes: telephonyShellRoutes,
  nav: { reports: telephonyReportNavItems },
};
