import type { WebModule } from '../../app/web-module';
import { messagesI18n } from './messages.i18n';
import { messagesNavItems } from './messages.nav';
import { messagesShellRoutes } from './messages.routes';

export const messagesModule: WebModule = {
  id: 'messages',
  strings: [messagesI18n],
  shellRoutes: messagesShellRoutes,
  nav: { care: messagesNavItems },
};
