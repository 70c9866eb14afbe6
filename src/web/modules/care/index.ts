// What other modules use from care: the menu items and routes.
export { careNavItems } from './care.nav';
export { careShellRoutes } from './care.routes';
