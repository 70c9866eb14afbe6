import type { WebModule } from '../../app/web-module';
import { knowledgeI18n } from './knowledge.i18n';
import { knowledgeNavItems } from './knowledge.nav';
import { knowledgeShellRoutes } from './knowledge.routes';

export const knowledgeModule: WebModule = {
  id: 'knowledge',
  strings: [knowledgeI18n],
  shellRoutes: knowledgeShellRoutes,
  nav: { tickets: knowledgeNavItems },
};
