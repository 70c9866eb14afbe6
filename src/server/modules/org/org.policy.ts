import { can, scopeRoots, type PermissionCode } from '../../../domain/permissions';
import type { Actor } from '../../app/context';
import type { AppError } from '../../app/errors';
import { authErrors } from '../auth/auth.errors';

/**
 * ORG-1 enforcement. A record outside the caller's units answers 404 — the caller learns nothing
 * about it, not even that it exists. Holding the permission nowhere at all answers 403.
 */
export function scopeOf(actor: Actor, permission: PermissionCode): string[] {
  const roots = scopeRoots(actor.grants, permission);
  if (roots.length === 0) throw authErrors.forbidden({ permission });
  return roots;
}

/** Throws `notFound` unless the caller holds `permission` at the unit `unitPath`. */
export function assertCan(
  actor: Actor,
  permission: PermissionCode,
  unitPath: readonly string[],
  notFound: () => AppError,
): void {
  if (can(actor.grants, permission, unitPath)) return;
  // Someone who may read the record but not change it is told so plainly.
  if (
    permission.endsWith('.manage') &&
    can(actor.grants, permission.replace(/manage$/, 'read') as PermissionCode, unitPath)
  ) {
    throw authErrors.forbidden({ permission });
  }
  throw notFound();
}
