import type { WebModule } from '../../app/web-module';
import { contactsI18n } from './contacts.i18n';
import { lettersI18n } from './letters.i18n';
import { contactsNavItems } from './contacts.nav';
import { contactsShellRoutes, contactsStandaloneRoutes } from './contacts.routes';

export const contactsModule: WebModule = {
  id: 'contacts',
  strings: [contactsI18n, lettersI18n],
  shellRoutes: contactsShellRoutes,
  standaloneRoutes: contactsStandaloneRoutes,
  nav: { service: contactsNavItems },
};
