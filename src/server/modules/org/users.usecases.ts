import { and, count, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { can, mayGrantRole } from '../../../domain/permissions';
import { publishBusinessEvent } from '../../app/business-events';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { recordAudit } from '../audit/audit.service';
import { assertStrongPassword } from '../auth/auth.errors';
import { sessions } from '../auth/auth.table';
import { liftAccountLocks, hashPassword } from '../auth/auth.service';
import { orgErrors } from './org.errors';
import { assertCan, scopeOf } from './org.policy';
import {
  findRole,
  findUnit,
  membershipsOf,
  unitsWithin,
  usernameExists,
  type MembershipView,
  type UserRow,
} from './org.repository';
import { memberships, organisationUnits, roles, users } from './org.table';

export interface UserWithMemberships {
  user: UserRow;
  memberships: MembershipView[];
}

export interface MembershipInput {
  unitId: string;
  roleId: string;
}

/** Users having at least one membership in a unit within `roots`. */
function inUnits(roots: string[]) {
  return sql`exists (select 1 from ${memberships} join ${organisationUnits} on ${organisationUnits.id} = ${memberships.unitId}
        where ${memberships.userId} = ${users.id} and ${unitsWithin(roots)})`;
}

/** A LIKE pattern matching `text` anywhere, with the user's own % and _ taken literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Paginated list of the users the caller may see, filtered by unit subtree, text and status. */
export async function listUsers(
  deps: Deps,
  actor: Actor,
  query: { unitId?: string; q?: string; status?: 'active' | 'disabled'; page: number; pageSize: number },
): Promise<{ items: UserWithMemberships[]; total: number }> {
  let roots = scopeOf(actor, 'org.users.read');
  if (query.unitId) {
    const unit = await findUnit(deps.db, query.unitId);
    if (!unit || !can(actor.grants, 'org.users.read', unit.path)) throw orgErrors.unitNotFound();
    roots = [unit.id];
  }
  const where = and(
    inUnits(roots),
    query.status ? eq(users.status, query.status) : undefined,
    query.q
      ? or(
          ilike(users.username, likePattern(query.q)),
          ilike(users.displayName, likePattern(query.q)),
          ilike(users.phone, likePattern(query.q)),
        )
      : undefined,
  );
  const [totalRow] = await deps.db.select({ total: count() }).from(users).where(where);
  const rows = await deps.db
    .select()
    .from(users)
    .where(where)
    .orderBy(desc(users.createdAt), users.username)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const byUser = await membershipsOf(
    deps.db,
    rows.map((u) => u.id),
  );
  return {
    items: rows.map((user) => ({ user, memberships: byUser.get(user.id) ?? [] })),
    total: totalRow?.total ?? 0,
  };
}

/** Loads a user the caller may see with `permission`; 404 otherwise. */
async function loadVisibleUser(
  db: Db,
  actor: Actor,
  id: string,
  permission: 'org.users.read' | 'org.users.manage',
) {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  if (!user) throw orgErrors.userNotFound();
  const list = (await membershipsOf(db, [id])).get(id) ?? [];
  const readable = list.some((m) => can(actor.grants, 'org.users.read', m.unitPath));
  if (!readable) throw orgErrors.userNotFound();
  if (permission === 'org.users.manage') {
    // Managing someone means holding the right over every unit they belong to, so a store manager
    // cannot disable or re-role a regional colleague who also has a seat in the store.
    for (const m of list) assertCan(actor, 'org.users.manage', m.unitPath, orgErrors.userNotFound);
  }
  return { user, memberships: list };
}

export async function getUser(deps: Deps, actor: Actor, id: string): Promise<UserWithMemberships> {
  return loadVisibleUser(deps.db, actor, id, 'org.users.read');
}

/** Checks each requested membership: the unit is in the caller's reach and the role no stronger than theirs. */
async function checkMemberships(db: Db, actor: Actor, list: MembershipInput[]) {
  for (const m of list) {
    const unit = await findUnit(db, m.unitId);
    if (!unit || !unit.active) throw orgErrors.unitNotFound({ unitId: m.unitId });
    assertCan(actor, 'org.users.manage', unit.path, orgErrors.unitNotFound);
    const role = await findRole(db, m.roleId);
    if (!role) throw orgErrors.roleNotFound({ roleId: m.roleId });
    if (!mayGrantRole(actor.grants, role.permissions, unit.path)) {
      throw orgErrors.roleTooPowerful({ roleCode: role.code, unitId: unit.id });
    }
  }
}

async function replaceMemberships(db: Db, userId: string, list: MembershipInput[]) {
  await db.delete(memberships).where(eq(memberships.userId, userId));
  const unique = [...new Map(list.map((m) => [`${m.unitId}:${m.roleId}`, m])).values()];
  if (unique.length > 0) await db.insert(memberships).values(unique.map((m) => ({ userId, ...m })));
}

/** Guards against locking everybody out: some active administrator must remain. */
async function assertAnotherAdministrator(db: Db, exceptUserId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(roles, eq(roles.id, memberships.roleId))
    .where(
      and(eq(roles.code, 'administrator'), eq(users.status, 'active'), sql`${users.id} <> ${exceptUserId}`),
    );
  if ((row?.n ?? 0) === 0) throw orgErrors.lastAdministrator();
}

async function isAdministrator(db: Db, userId: string): Promise<boolean> {
  const rows = await db
    .select({ id: roles.id })
    .from(memberships)
    .innerJoin(roles, eq(roles.id, memberships.roleId))
    .where(and(eq(memberships.userId, userId), eq(roles.code, 'administrator')));
  return rows.length > 0;
}

export function mapUsernameConflict(err: unknown): never {
  const e = err as { code?: string; cause?: { code?: string } };
  if ((e.cause ?? e).code === '23505') throw orgErrors.usernameTaken();
  throw err;
}

/** Creates an account with its memberships; used directly by administrators and by ORG-3 opening. */
export async function createUser(
  deps: Deps,
  actor: Actor,
  input: {
    username: string;
    displayName: string;
    password: string;
    phone?: string | null;
    email?: string | null;
    memberships: MembershipInput[];
    mustChangePassword?: boolean;
  },
  options: { db?: Db; action?: string; skipMembershipCheck?: boolean } = {},
): Promise<UserWithMemberships> {
  const db = options.db ?? deps.db;
  assertStrongPassword(input.password);
  if (!options.skipMembershipCheck) await checkMemberships(db, actor, input.memberships);
  if (await usernameExists(db, input.username)) throw orgErrors.usernameTaken();
  const passwordHash = await hashPassword(input.password);
  const work = async (tx: Db) => {
    const [user] = await tx
      .insert(users)
      .values({
        username: input.username,
        displayName: input.displayName,
        phone: input.phone ?? null,
        email: input.email ?? null,
        passwordHash,
        mustChangePassword: input.mustChangePassword ?? true,
      })
      .returning();
    await replaceMemberships(tx, user!.id, input.memberships);
    const list = (await membershipsOf(tx, [user!.id])).get(user!.id) ?? [];
    await recordAudit(tx, deps.clock.now(), actor, {
      action: options.action ?? 'org.user.created',
      subjectType: 'user',
      subjectId: user!.id,
      unitId: list[0]?.unitId ?? null,
      after: { ...user, memberships: input.memberships },
    });
    return { user: user!, memberships: list };
  };
  try {
    return options.db ? await work(options.db) : await deps.db.transaction(work);
  } catch (err) {
    return mapUsernameConflict(err);
  }
}

/** Edits a user's contact details and, when given, replaces their memberships. */
export async function updateUser(
  deps: Deps,
  actor: Actor,
  id: string,
  input: {
    displayName?: string;
    phone?: string | null;
    email?: string | null;
    memberships?: MembershipInput[];
  },
): Promise<UserWithMemberships> {
  const before = await loadVisibleUser(deps.db, actor, id, 'org.users.manage');
  if (input.memberships) {
    await checkMemberships(deps.db, actor, input.memberships);
    const wasAdmin = before.memberships.some((m) => m.roleCode === 'administrator');
    const staysAdmin = await Promise.all(input.memberships.map((m) => findRole(deps.db, m.roleId)));
    if (wasAdmin && !staysAdmin.some((r) => r?.code === 'administrator'))
      await assertAnotherAdministrator(deps.db, id);
  }
  return deps.db.transaction(async (tx) => {
    const [user] = await tx
      .update(users)
      .set({
        ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
      })
      .where(eq(users.id, id))
      .returning();
    if (input.memberships) await replaceMemberships(tx, id, input.memberships);
    const list = (await membershipsOf(tx, [id])).get(id) ?? [];
    await recordAudit(tx, deps.clock.now(), actor, {
      action: 'org.user.updated',
      subjectType: 'user',
      subjectId: id,
      unitId: list[0]?.unitId ?? null,
      before: {
        ...before.user,
        memberships: before.memberships.map(({ unitId, roleId }) => ({ unitId, roleId })),
      },
      after: { ...user, memberships: list.map(({ unitId, roleId }) => ({ unitId, roleId })) },
    });
    return { user: user!, memberships: list };
  });
}

/**
 * ORG-3: leaving staff are disabled, never deleted. Their sessions end at once; the person named
 * to take over their open work is recorded and announced: tickets, tasks and SLA targets move to them.
 */
export async function disableUser(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { reassignToUserId?: string },
): Promise<UserWithMemberships> {
  if (id === actor.userId) throw orgErrors.cannotDisableSelf();
  const before = await loadVisibleUser(deps.db, actor, id, 'org.users.manage');
  if (input.reassignToUserId) {
    if (input.reassignToUserId === id) throw orgErrors.reassignTargetInvalid();
    const target = await loadVisibleUser(deps.db, actor, input.reassignToUserId, 'org.users.read').catch(
      () => {
        throw orgErrors.reassignTargetInvalid();
      },
    );
    if (target.user.status !== 'active') throw orgErrors.reassignTargetInvalid();
  }
  if (await isAdministrator(deps.db, id)) await assertAnotherAdministrator(deps.db, id);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [user] = await tx
      .update(users)
      .set({ status: 'disabled', disabledAt: now })
      .where(eq(users.id, id))
      .returning();
    await tx.delete(sessions).where(eq(sessions.userId, id));
    await publishBusinessEvent(deps, tx, {
      type: 'user.disabled',
      userId: id,
      successorId: input.reassignToUserId ?? null,
      actorId: actor.userId,
      at: now,
    });
    await recordAudit(tx, now, actor, {
      action: 'org.user.disabled',
      subjectType: 'user',
      subjectId: id,
      unitId: before.memberships[0]?.unitId ?? null,
      before: { status: before.user.status },
      after: { status: 'disabled', reassignToUserId: input.reassignToUserId ?? null },
    });
    return { user: user!, memberships: before.memberships };
  });
}

/** Re-enables a disabled account. */
export async function enableUser(deps: Deps, actor: Actor, id: string): Promise<UserWithMemberships> {
  const before = await loadVisibleUser(deps.db, actor, id, 'org.users.manage');
  return deps.db.transaction(async (tx) => {
    const [user] = await tx
      .update(users)
      .set({ status: 'active', disabledAt: null, failedLoginCount: 0, lockedUntil: null })
      .where(eq(users.id, id))
      .returning();
    await recordAudit(tx, deps.clock.now(), actor, {
      action: 'org.user.enabled',
      subjectType: 'user',
      subjectId: id,
      unitId: before.memberships[0]?.unitId ?? null,
      before: { status: before.user.status },
      after: { status: 'active' },
    });
    return { user: user!, memberships: before.memberships };
  });
}

/** Sets a new password chosen by an administrator; the person must change it at next login. */
export async function resetPassword(
  deps: Deps,
  actor: Actor,
  id: string,
  newPassword: string,
): Promise<void> {
  const before = await loadVisibleUser(deps.db, actor, id, 'org.users.manage');
  assertStrongPassword(newPassword);
  const passwordHash = await hashPassword(newPassword);
  await deps.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: true, failedLoginCount: 0, lockedUntil: null })
      .where(eq(users.id, id));
    await liftAccountLocks(tx, before.user.username);
    await tx.delete(sessions).where(eq(sessions.userId, id));
    await recordAudit(tx, deps.clock.now(), actor, {
      action: 'org.user.password_reset',
      subjectType: 'user',
      subjectId: id,
      unitId: before.memberships[0]?.unitId ?? null,
    });
  });
}

/** Users by id, for presenting names next to ids. */
export async function displayNames(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}
