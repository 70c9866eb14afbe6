import { count, eq, inArray, sql } from 'drizzle-orm';
import { DEFAULT_ROLES, PERMISSIONS } from '../../../domain/permissions';
import type { Deps } from '../../app/context';
import { recordAudit } from '../audit/audit.service';
import { hashPassword, randomPassword } from '../auth/auth.service';
import { knownPermissions, memberships, organisationUnits, roles, users } from './org.table';

/**
 * Inserts default roles that are missing, and hands permissions new in this release to the
 * default roles that carry them. Edits an administrator made to a role are otherwise kept.
 */
export async function ensureDefaultRoles(deps: Deps): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727275)`);
    const now = deps.clock.now();
    const existing = await tx
      .select()
      .from(roles)
      .where(
        inArray(
          roles.code,
          DEFAULT_ROLES.map((r) => r.code),
        ),
      );
    const byCode = new Map(existing.map((r) => [r.code, r]));
    const missing = DEFAULT_ROLES.filter((r) => !byCode.has(r.code));
    if (missing.length > 0) {
      const inserted = await tx
        .insert(roles)
        .values(missing.map((r) => ({ ...r, permissions: [...r.permissions], builtin: true })))
        .returning();
      for (const role of inserted) {
        await recordAudit(tx, now, null, {
          action: 'org.role.created',
          subjectType: 'role',
          subjectId: role.id,
          unitId: null,
          after: role,
        });
      }
    }

    const seen = new Set(
      (await tx.select({ code: knownPermissions.code }).from(knownPermissions)).map((r) => r.code),
    );
    const fresh = PERMISSIONS.map((p) => p.code).filter((code) => !seen.has(code));
    if (fresh.length === 0) return;
    for (const defaults of DEFAULT_ROLES) {
      const role = byCode.get(defaults.code);
      if (!role) continue; // inserted above with its full default set
      const added = fresh.filter(
        (code) => (defaults.permissions as string[]).includes(code) && !role.permissions.includes(code),
      );
      if (added.length === 0) continue;
      const permissions = [...role.permissions, ...added].sort();
      await tx.update(roles).set({ permissions }).where(eq(roles.id, role.id));
      await recordAudit(tx, now, null, {
        action: 'org.role.permissions_introduced',
        subjectType: 'role',
        subjectId: role.id,
        unitId: null,
        before: { permissions: role.permissions },
        after: { permissions },
      });
    }
    await tx
      .insert(knownPermissions)
      .values(fresh.map((code) => ({ code })))
      .onConflictDoNothing();
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
    let [root] = await tx
      .select()
      .from(organisationUnits)
      .where(sql`${organisationUnits.parentId} is null`)
      .limit(1);
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
      .values({
        username: 'admin',
        displayName: '系统管理员',
        passwordHash,
        mustChangePassword: generatedPassword !== null,
      })
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
