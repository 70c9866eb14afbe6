import type { WebModule } from '../../app/web-module';
import { importsI18n } from './imports.i18n';
import { importsShellRoutes } from './imports.routes';

/** CUS-5: the import page, opened from the customer list's 导入 button. */
export const importsModule: WebModule = {
  id: 'imports',
  strings: [importsI18n],
  shellRoutes: importsShellRoutes,
};
