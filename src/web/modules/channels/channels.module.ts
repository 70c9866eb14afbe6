import type { WebModule } from '../../app/web-module';
import { channelsI18n } from './channels.i18n';
import { channelsServiceNav, channelsSystemNav } from './channels.nav';
import { channelsShellRoutes } from './channels.routes';

export const channelsModule: WebModule = {
  id: 'channels',
  strings: [channelsI18n],
  shellRoutes: channelsShellRoutes,
  nav: { system: channelsSystemNav, service: channelsServiceNav },
};
