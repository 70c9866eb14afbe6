import { count, eq, inArray, sql } from 'drizzle-orm';
import { DEFAULT_ROLES } from '../../../domain/permissions/permissions';
import type { Deps } from '../../app/context';
import { recordAudit } from '../audit/audit.repository';
import { hashPassword, randomPassword } from '../auth/password';
import { memberships, organisationUnits, roles, users } from './org.table';

/** Inserts default roles that are missing; roles an administrator already edited are left alone. */
export async function ensureDefaultRoles(deps: Deps): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727275)`);
    const existing = await tx
      .select({ code: roles.code })
      .from(roles)
      .where(inArray(roles.code, DEFAULT_ROLES.map((r) => r.code)));
    const have = new Set(existing.map((r) => r.code));
    const missing = DEFAULT_ROLES.filter((r) => !have.has(r.code));
    if (missing.length === 0) return;
    const inserted = await tx
      .insert(roles)
      .values(missing.map((r) => ({ ...r, permissions: [...r.permissions], builtin: true })))
      .returning();
    for (const role of inserted) {
      await recordAudit(tx, deps.clock.now(), null, {
        action: 'org.role.created',
        subjectType: 'role',
        subjectId: role.id,
        unitId: null,
        after: role,
      });
    }
  });
}

export interface FirstAdmin {
  username: string;
  /** Set only when Kefu chose the password itself and must show it once. */
  generatedPassword: string | null;
}

/**
 * First start: with no users at all, create the headquarters unit (if none) and the administrator
 * `admin`, with KEFU_ADMIN_PASSWORD or a random password that the caller prints once.
 */
export async function ensureFirstAdministrator(deps: Deps): Promise<FirstAdmin | null> {
  const [{ n } = { n: 0 }] = await deps.db.select({ n: count() }).from(users);
  if (n > 0) return null;
  const generatedPassword = deps.config.adminPassword ? null : randomPassword();
  const passwordHash = await hashPassword(deps.config.adminPassword ?? generatedPassword!);
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727276)`);
    const [{ n: again } = { n: 0 }] = await tx.select({ n: count() }).from(users);
    if (again > 0) return null;
    const now = deps.clock.now();
    let [root] = await tx.select().from(organisationUnits).where(sql`${organisationUnits.parentId} is null`).limit(1);
    if (!root) {
      const id = crypto.randomUUID();
      [root] = await tx
        .insert(organisationUnits)
        .values({ id, kind: 'headquarters', name: '总部', code: 'HQ', path: [id] })
        .returning();
      await recordAudit(tx, now, null, {
        action: 'org.unit.created',
        subjectType: 'organisation_unit',
        subjectId: id,
        unitId: id,
        after: root,
      });
    }
    const [adminRole] = await tx.select().from(roles).where(eq(roles.code, 'administrator'));
    const [admin] = await tx
      .insert(users)
      .values({ username: 'admin', displayName: '系统管理员', passwordHash, mustChangePassword: generatedPassword !== null })
      .returning();
    await tx.insert(memberships).values({ userId: admin!.id, unitId: root!.id, roleId: adminRole!.id });
    await recordAudit(tx, now, null, {
      action: 'org.user.created',
      subjectType: 'user',
      subjectId: admin!.id,
      unitId: root!.id,
      after: { ...admin, memberships: [{ unitId: root!.id, roleId: adminRole!.id }] },
    });
    return { username: 'admin', generatedPassword };
  });
}
