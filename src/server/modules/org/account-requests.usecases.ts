import { and, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { can, mayGrantRole, scopeRoots, type PermissionCode } from '../../../domain/permissions';
import type { Actor, Deps } from '../../app/context';
import { recordAudit } from '../audit/audit.service';
import { authErrors } from '../auth/auth.errors';
import { orgErrors } from './org.errors';
import { presentAccountRequest } from './org.presenter';
import { findRole, findUnit, roleCodes, unitNames, unitsWithin, usernameExists } from './org.repository';
import { accountRequests, organisationUnits } from './org.table';
import { createUser, displayNames } from './users.usecases';

type AccountRequestRow = typeof accountRequests.$inferSelect;
type Status = AccountRequestRow['status'];

const FLOW_PERMISSIONS: PermissionCode[] = [
  'org.accounts.request',
  'org.accounts.approve',
  'org.accounts.open',
];

/** Requests as the list and its export show them; the names come from three queries, however many rows. */
export async function presentAccountRequests(deps: Deps, rows: AccountRequestRow[]) {
  const [units, roles, people] = await Promise.all([
    unitNames(
      deps.db,
      rows.map((r) => r.unitId),
    ),
    roleCodes(
      deps.db,
      rows.map((r) => r.roleId),
    ),
    displayNames(
      deps.db,
      rows.flatMap((r) => [r.requestedBy, r.decidedBy, r.openedBy]),
    ),
  ]);
  return rows.map((row) =>
    presentAccountRequest(row, {
      unitName: units.get(row.unitId) ?? '',
      roleCode: roles.get(row.roleId) ?? '',
      people,
    }),
  );
}

/**
 * ORG-3 account opening: HR/administration files the request, the general manager approves,
 * the headquarters customer-service supervisor opens the account. Requests stay as the archive.
 */
export async function listAccountRequests(
  deps: Deps,
  actor: Actor,
  query: { status?: Status; page: number; pageSize: number },
): Promise<{ items: AccountRequestRow[]; total: number }> {
  const roots = [...new Set(FLOW_PERMISSIONS.flatMap((p) => scopeRoots(actor.grants, p)))];
  if (roots.length === 0) throw authErrors.forbidden({ permission: 'org.accounts.request' });
  const visibleUnits = deps.db
    .select({ id: organisationUnits.id })
    .from(organisationUnits)
    .where(unitsWithin(roots));
  const where: SQL | undefined = and(
    inArray(accountRequests.unitId, visibleUnits),
    query.status ? eq(accountRequests.status, query.status) : undefined,
  );
  const [totalRow] = await deps.db.select({ total: count() }).from(accountRequests).where(where);
  const items = await deps.db
    .select()
    .from(accountRequests)
    .where(where)
    .orderBy(desc(accountRequests.requestedAt))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { items, total: totalRow?.total ?? 0 };
}

export async function fileAccountRequest(
  deps: Deps,
  actor: Actor,
  input: {
    unitId: string;
    roleId: string;
    username: string;
    displayName: string;
    phone?: string | null;
    email?: string | null;
    reason: string;
  },
): Promise<AccountRequestRow> {
  const unit = await findUnit(deps.db, input.unitId);
  if (!unit || !unit.active || !can(actor.grants, 'org.accounts.request', unit.path)) {
    if (unit && can(actor.grants, 'org.units.read', unit.path))
      throw authErrors.forbidden({ permission: 'org.accounts.request' });
    throw orgErrors.unitNotFound();
  }
  if (!(await findRole(deps.db, input.roleId))) throw orgErrors.roleNotFound();
  if (await usernameExists(deps.db, input.username)) throw orgErrors.usernameTaken();
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(accountRequests)
      .values({
        ...input,
        phone: input.phone ?? null,
        email: input.email ?? null,
        requestedBy: actor.userId,
        requestedAt: now,
      })
      .returning();
    await recordAudit(tx, now, actor, {
      action: 'org.account_request.filed',
      subjectType: 'account_request',
      subjectId: row!.id,
      unitId: unit.id,
      after: row,
    });
    return row!;
  });
}

async function loadForStep(deps: Deps, actor: Actor, id: string, permission: PermissionCode) {
  const [row] = await deps.db.select().from(accountRequests).where(eq(accountRequests.id, id));
  if (!row) throw orgErrors.requestNotFound();
  const unit = await findUnit(deps.db, row.unitId);
  if (!unit) throw orgErrors.requestNotFound();
  const visible = FLOW_PERMISSIONS.some((p) => can(actor.grants, p, unit.path));
  if (!visible) throw orgErrors.requestNotFound();
  if (!can(actor.grants, permission, unit.path)) throw authErrors.forbidden({ permission });
  return { row, unit };
}

/** The general manager's decision on a pending request. */
export async function decideAccountRequest(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { approve: boolean; comment?: string | null },
): Promise<AccountRequestRow> {
  const { row, unit } = await loadForStep(deps, actor, id, 'org.accounts.approve');
  if (row.status !== 'pending') throw orgErrors.requestNotPending();
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [after] = await tx
      .update(accountRequests)
      .set({
        status: input.approve ? 'approved' : 'rejected',
        decidedBy: actor.userId,
        decidedAt: now,
        decisionComment: input.comment ?? null,
      })
      .where(and(eq(accountRequests.id, id), eq(accountRequests.status, 'pending')))
      .returning();
    if (!after) throw orgErrors.requestNotPending();
    await recordAudit(tx, now, actor, {
      action: input.approve ? 'org.account_request.approved' : 'org.account_request.rejected',
      subjectType: 'account_request',
      subjectId: id,
      unitId: unit.id,
      before: { status: row.status },
      after: { status: after.status, comment: after.decisionComment },
    });
    return after;
  });
}

/** The HQ customer-service supervisor opens the approved account; the request records who and when. */
export async function openAccount(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { initialPassword: string },
): Promise<AccountRequestRow> {
  const { row, unit } = await loadForStep(deps, actor, id, 'org.accounts.open');
  if (row.status !== 'approved') throw orgErrors.requestNotApproved();
  const role = await findRole(deps.db, row.roleId);
  if (!role) throw orgErrors.roleNotFound();
  if (!mayGrantRole(actor.grants, role.permissions, unit.path)) throw orgErrors.roleTooPowerful();
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const { user } = await createUser(
      deps,
      actor,
      {
        username: row.username,
        displayName: row.displayName,
        phone: row.phone,
        email: row.email,
        password: input.initialPassword,
        memberships: [{ unitId: row.unitId, roleId: row.roleId }],
        mustChangePassword: true,
      },
      // The approval already vetted the membership; the opener need not manage the store's users.
      { db: tx, action: 'org.user.opened_from_request', skipMembershipCheck: true },
    );
    const [after] = await tx
      .update(accountRequests)
      .set({ status: 'opened', openedBy: actor.userId, openedAt: now, userId: user.id })
      .where(and(eq(accountRequests.id, id), eq(accountRequests.status, 'approved')))
      .returning();
    if (!after) throw orgErrors.requestNotApproved();
    await recordAudit(tx, now, actor, {
      action: 'org.account_request.opened',
      subjectType: 'account_request',
      subjectId: id,
      unitId: unit.id,
      before: { status: row.status },
      after: { status: 'opened', userId: user.id },
    });
    return after;
  });
}
