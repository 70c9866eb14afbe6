/**
 * ORG-1 scoping, pure: a person holds roles in organisation units; a role held in a unit applies
 * to that unit and every unit below it, so a region manager sees every store of the region.
 */
import type { PermissionCode } from './permissions.catalogue';

/** A role a person holds in one unit; unitPath lists unit ids from the root down to that unit. */
export interface Grant {
  unitId: string;
  unitPath: readonly string[];
  permissions: readonly string[];
  /** The role behind the permissions, when loaded with them (IN-7 asks whether someone is a trainee). */
  roleCode?: string;
}

/** True when `unitPath` (root → unit) lies at or below the unit with id `ancestorId`. */
export function isWithin(unitPath: readonly string[], ancestorId: string): boolean {
  return unitPath.includes(ancestorId);
}

/** ORG-1: may the holder of these grants use `permission` on a record owned by the unit at `unitPath`? */
export function can(
  grants: readonly Grant[],
  permission: PermissionCode,
  unitPath: readonly string[],
): boolean {
  return grants.some((g) => g.permissions.includes(permission) && isWithin(unitPath, g.unitId));
}

/** The units (ids) at whose subtrees a permission applies: the roots of the holder's scope. */
export function scopeRoots(grants: readonly Grant[], permission: PermissionCode): string[] {
  const roots = grants.filter((g) => g.permissions.includes(permission));
  // A grant below another grant's unit adds nothing; keeping only the top ones makes queries smaller.
  return [
    ...new Set(
      roots
        .filter(
          (g) =>
            !roots.some(
              (other) => other !== g && other.unitId !== g.unitId && isWithin(g.unitPath, other.unitId),
            ),
        )
        .map((g) => g.unitId),
    ),
  ];
}

/** Union of every permission held anywhere; what the UI uses to show or hide navigation. */
export function effectivePermissions(grants: readonly Grant[]): string[] {
  return [...new Set(grants.flatMap((g) => g.permissions))].sort();
}

/**
 * No escalation through role assignment: a person may give a role in a unit only when they
 * themselves hold, at that unit, every permission the role carries.
 */
export function mayGrantRole(
  grants: readonly Grant[],
  rolePermissions: readonly string[],
  unitPath: readonly string[],
): boolean {
  const held = new Set(grants.filter((g) => isWithin(unitPath, g.unitId)).flatMap((g) => g.permissions));
  return rolePermissions.every((p) => held.has(p));
}
