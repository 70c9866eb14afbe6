import type { WebModule } from '../../app/web-module';
import { departmentI18n } from './department.i18n';
import { departmentNavItems } from './department.nav';
import { departmentShellRoutes } from './department.routes';

export const departmentModule: WebModule = {
  id: 'department',
  strings: [departmentI18n],
  shellRoutes: departmentShellRoutes,
  nav: { tickets: departmentNavItems },
};
