import { and, eq, inArray, sql, type SQLWrapper } from 'drizzle-orm';
import { rowsOf, type Db } from '../../app/db';
import type { Grant } from '../../../domain/permissions';
import type { Actor } from '../../app/context';
import { memberships, organisationUnits, roles, users } from './org.table';

export type UnitRow = typeof organisationUnits.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type RoleRow = typeof roles.$inferSelect;

/**
 * A person's roles per unit, in active units only, nearest the root first: what every permission
 * check is made of. Written as one JSON column so that resolving a session selects it beside the
 * user row (one statement per request instead of two).
 */
export function grantsOfUser(userId: SQLWrapper) {
  return sql<Grant[]>`coalesce((
    select json_agg(json_build_object(
      'unitId', ${memberships.unitId}, 'unitPath', ${organisationUnits.path},
      'permissions', ${roles.permissions}, 'roleCode', ${roles.code})
      order by cardinality(${organisationUnits.path}))
    from ${memberships}
    join ${organisationUnits} on ${organisationUnits.id} = ${memberships.unitId} and ${organisationUnits.active}
    join ${roles} on ${roles.id} = ${memberships.roleId}
    where ${memberships.userId} = ${userId}), '[]'::json)`;
}

export async function loadGrants(db: Db, userId: string): Promise<Grant[]> {
  const [row] = rowsOf<{ grants: Grant[] }>(
    await db.execute(sql`select ${grantsOfUser(sql`${userId}::uuid`)} as grants`),
  );
  return row!.grants;
}

/** Units at or below any of `roots`. */
export function unitsWithin(roots: string[]) {
  const ids =
    roots.length > 0
      ? sql.join(
          roots.map((id) => sql`${id}`),
          sql`, `,
        )
      : sql``;
  return sql`${organisationUnits.path} && array[${ids}]::uuid[]`;
}

/** The ids of the units at or below any of `roots`, for conditions the planner can match to an index. */
export async function unitIdsWithin(db: Db, roots: string[]): Promise<string[]> {
  if (roots.length === 0) return [];
  const rows = await db
    .select({ id: organisationUnits.id })
    .from(organisationUnits)
    .where(unitsWithin(roots));
  return rows.map((r) => r.id);
}

export async function findUnit(db: Db, id: string): Promise<UnitRow | undefined> {
  const [row] = await db.select().from(organisationUnits).where(eq(organisationUnits.id, id));
  return row;
}

export async function findRole(db: Db, id: string): Promise<RoleRow | undefined> {
  const [row] = await db.select().from(roles).where(eq(roles.id, id));
  return row;
}

export interface MembershipView {
  unitId: string;
  unitName: string;
  unitKind: UnitRow['kind'];
  unitPath: string[];
  roleId: string;
  roleCode: string;
  roleNameZh: string;
  roleNameEn: string;
  rolePermissions: string[];
}

/** Memberships of several users at once, with unit and role names for presenting. */
export async function membershipsOf(db: Db, userIds: string[]): Promise<Map<string, MembershipView[]>> {
  const byUser = new Map<string, MembershipView[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db
    .select({
      userId: memberships.userId,
      unitId: memberships.unitId,
      unitName: organisationUnits.name,
      unitKind: organisationUnits.kind,
      unitPath: organisationUnits.path,
      roleId: roles.id,
      roleCode: roles.code,
      roleNameZh: roles.nameZh,
      roleNameEn: roles.nameEn,
      rolePermissions: roles.permissions,
    })
    .from(memberships)
    .innerJoin(organisationUnits, eq(organisationUnits.id, memberships.unitId))
    .innerJoin(roles, eq(roles.id, memberships.roleId))
    .where(inArray(memberships.userId, userIds))
    .orderBy(sql`cardinality(${organisationUnits.path})`, organisationUnits.name);
  for (const { userId, ...m } of rows) {
    const list = byUser.get(userId) ?? [];
    list.push(m);
    byUser.set(userId, list);
  }
  return byUser;
}

/** Unit names by id, for presenting a page of records in one query. */
export async function unitNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: organisationUnits.id, name: organisationUnits.name })
    .from(organisationUnits)
    .where(inArray(organisationUnits.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Unit paths (root → unit) by id, for permission checks over a page of records. */
export async function unitPaths(db: Db, ids: string[]): Promise<Map<string, string[]>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: organisationUnits.id, path: organisationUnits.path })
    .from(organisationUnits)
    .where(inArray(organisationUnits.id, wanted));
  return new Map(rows.map((r) => [r.id, r.path]));
}

/** Role codes by id, for presenting a page of records in one query. */
export async function roleCodes(db: Db, ids: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: roles.id, code: roles.code })
    .from(roles)
    .where(inArray(roles.id, wanted));
  return new Map(rows.map((r) => [r.id, r.code]));
}

/** True when the username (case-insensitive) belongs to an existing user. */
export async function usernameExists(db: Db, username: string): Promise<boolean> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`);
  return rows.length > 0;
}

/**
 * Active people holding one of `roleCodes` at the unit or, failing that, the nearest unit above it
 * (a store without its own supervisor escalates to the region's).
 */
export async function nearestRoleHolders(
  db: Db,
  unitPath: readonly string[],
  roleCodes: readonly string[],
): Promise<string[]> {
  if (unitPath.length === 0) return [];
  const rows = await db
    .select({
      userId: memberships.userId,
      unitId: memberships.unitId,
      depth: sql<number>`cardinality(${organisationUnits.path})`,
    })
    .from(memberships)
    .innerJoin(roles, eq(roles.id, memberships.roleId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organisationUnits, eq(organisationUnits.id, memberships.unitId))
    .where(
      and(
        inArray(memberships.unitId, [...unitPath]),
        inArray(roles.code, [...roleCodes]),
        eq(users.status, 'active'),
      ),
    );
  if (rows.length === 0) return [];
  const deepest = Math.max(...rows.map((r) => Number(r.depth)));
  return [...new Set(rows.filter((r) => Number(r.depth) === deepest).map((r) => r.userId))].sort();
}

/**
 * Active people who hold `permission` through a role at one of the units of `unitPath` (a role
 * held above a unit applies to it, ORG-1), with their names, by name. Administrators are left out:
 * their role carries every permission so that they can grant it, not to do the business step
 * (complaint close-out names and notifies the step's real owners this way).
 */
export async function permissionHolders(
  db: Db,
  unitPath: readonly string[],
  permission: string,
): Promise<{ id: string; name: string }[]> {
  if (unitPath.length === 0) return [];
  const rows = await db
    .selectDistinct({ id: users.id, name: users.displayName })
    .from(memberships)
    .innerJoin(roles, eq(roles.id, memberships.roleId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organisationUnits, eq(organisationUnits.id, memberships.unitId))
    .where(
      and(
        inArray(memberships.unitId, [...unitPath]),
        sql`${permission} = any(${roles.permissions})`,
        sql`${roles.code} <> 'administrator'`,
        eq(users.status, 'active'),
        eq(organisationUnits.active, true),
      ),
    );
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id));
}

/**
 * A person as the actor of work done on their behalf (a ticket opened by a customer for its owner):
 * their names and grants, or null when they are not an active user.
 */
export async function activeActorOf(db: Db, userId: string): Promise<Actor | null> {
  const [user] = await db
    .select({ id: users.id, username: users.username, displayName: users.displayName, status: users.status })
    .from(users)
    .where(eq(users.id, userId));
  if (!user || user.status !== 'active') return null;
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    grants: await loadGrants(db, user.id),
    ip: null,
  };
}
