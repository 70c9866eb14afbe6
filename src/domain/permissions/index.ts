/** Public API of the permissions core: catalogue and default roles (ORG-2), scoping (ORG-1). */
export { isPermissionCode, PERMISSION_CODES, PERMISSIONS } from './permissions.catalogue';
export type { PermissionCode } from './permissions.catalogue';
export { DEFAULT_ROLES } from './permissions.roles';
export type { DefaultRole } from './permissions.roles';
export { can, effectivePermissions, isWithin, mayGrantRole, scopeRoots } from './permissions.scoping';
export type { Grant } from './permissions.scoping';
