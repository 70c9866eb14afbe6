/**
 * The old single-file path, kept so importers of `domain/permissions/permissions` compile while
 * they move to `domain/permissions` (index.ts). The rules live in permissions.catalogue.ts,
 * permissions.roles.ts and permissions.scoping.ts.
 */
export * from './index';
