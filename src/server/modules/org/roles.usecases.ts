import { asc, eq } from 'drizzle-orm';
import { isPermissionCode } from '../../../domain/permissions';
import type { Actor, Deps } from '../../app/context';
import { recordAudit } from '../audit/audit.service';
import { orgErrors } from './org.errors';
import { findRole, type RoleRow } from './org.repository';
import { roles } from './org.table';

/** Roles are company-wide configuration: only someone holding org.roles.manage at the root edits them. */
function assertManagesRoles(actor: Actor) {
  const ok = actor.grants.some((g) => g.unitPath.length === 1 && g.permissions.includes('org.roles.manage'));
  if (!ok) throw orgErrors.rolesNeedHeadOffice();
}

function checkPermissionCodes(actor: Actor, permissions: string[]) {
  const unknown = permissions.filter((p) => !isPermissionCode(p));
  if (unknown.length > 0) throw orgErrors.unknownPermission({ unknown });
  const held = new Set(actor.grants.filter((g) => g.unitPath.length === 1).flatMap((g) => g.permissions));
  if (!permissions.every((p) => held.has(p))) throw orgErrors.roleTooPowerful();
}

/** Every role; any signed-in person may read them (they appear in pickers and on profiles). */
export function listRoles(deps: Deps): Promise<RoleRow[]> {
  return deps.db.select().from(roles).orderBy(asc(roles.builtin), asc(roles.code));
}

export async function createRole(
  deps: Deps,
  actor: Actor,
  input: { code: string; nameZh: string; nameEn: string; permissions: string[] },
): Promise<RoleRow> {
  assertManagesRoles(actor);
  checkPermissionCodes(actor, input.permissions);
  const [existing] = await deps.db.select({ id: roles.id }).from(roles).where(eq(roles.code, input.code));
  if (existing) throw orgErrors.duplicateRoleCode();
  return deps.db.transaction(async (tx) => {
    const [role] = await tx
      .insert(roles)
      .values({ ...input, permissions: [...new Set(input.permissions)].sort(), builtin: false })
      .returning();
    await recordAudit(tx, deps.clock.now(), actor, {
      action: 'org.role.created',
      subjectType: 'role',
      subjectId: role!.id,
      unitId: null,
      after: role,
    });
    return role!;
  });
}

/** Edits a role's names or permission set (ORG-2: default roles are editable too). */
export async function updateRole(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { nameZh?: string; nameEn?: string; permissions?: string[] },
): Promise<RoleRow> {
  assertManagesRoles(actor);
  const before = await findRole(deps.db, id);
  if (!before) throw orgErrors.roleNotFound();
  if (input.permissions) checkPermissionCodes(actor, input.permissions);
  if (
    before.code === 'administrator' &&
    input.permissions &&
    !input.permissions.includes('org.roles.manage')
  ) {
    // Taking role management away from administrators would leave nobody able to give it back.
    throw orgErrors.lastAdministrator();
  }
  return deps.db.transaction(async (tx) => {
    const [role] = await tx
      .update(roles)
      .set({
        ...(input.nameZh !== undefined ? { nameZh: input.nameZh } : {}),
        ...(input.nameEn !== undefined ? { nameEn: input.nameEn } : {}),
        ...(input.permissions !== undefined ? { permissions: [...new Set(input.permissions)].sort() } : {}),
      })
      .where(eq(roles.id, id))
      .returning();
    await recordAudit(tx, deps.clock.now(), actor, {
      action: 'org.role.updated',
      subjectType: 'role',
      subjectId: id,
      unitId: null,
      before,
      after: role,
    });
    return role!;
  });
}
