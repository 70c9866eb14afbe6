import { and, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { can, mayGrantRole, scopeRoots, type PermissionCode } from '../../../domain/permissions';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import {
  approvalRowOf,
  decideApprovalIn,
  openApproval,
  voidApproval,
  type ApprovalRow,
  type ApprovalSubjectHandler,
} from '../approvals/approvals.service';
import { recordAudit } from '../audit/audit.service';
import { authErrors } from '../auth/auth.errors';
import { orgErrors } from './org.errors';
import { presentAccountRequest } from './org.presenter';
import { findRole, findUnit, roleCodes, unitNames, unitsWithin, usernameExists } from './org.repository';
import { accountRequests, organisationUnits } from './org.table';
import { createUser, displayNames } from './users.usecases';

type AccountRequestRow = typeof accountRequests.$inferSelect;
type Status = AccountRequestRow['status'];

/** ORG-3 runs on the approval engine (decision 0016): the request is its subject, on the seeded chain. */
export const ACCOUNT_REQUEST_SUBJECT = 'account_request';
const ACCOUNT_OPENING_KIND = 'account_opening';

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
    // The general manager's approval is asked through the engine: it shows in their inbox.
    await openApproval(deps, tx, actor, {
      subjectType: ACCOUNT_REQUEST_SUBJECT,
      subjectId: row!.id,
      kind: ACCOUNT_OPENING_KIND,
      unitId: unit.id,
      title: `${row!.displayName}（${row!.username}）`,
      amountFen: null,
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

/**
 * The general manager's decision on a pending request, taken by the approval engine: approval
 * completes the chain, a rejection is a send-back to the requester with the comment as its reason.
 * The request's status follows in the engine's callbacks (`accountRequestApprovalHandler`); the
 * engine refuses one's own request (403 approvals.own_request) and a step without its role (403
 * approvals.not_your_step).
 */
export async function decideAccountRequest(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { approve: boolean; comment?: string | null },
): Promise<AccountRequestRow> {
  await loadForStep(deps, actor, id, 'org.accounts.approve');
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(accountRequests).where(eq(accountRequests.id, id)).for('update');
    if (!row || row.status !== 'pending') throw orgErrors.requestNotPending();
    const approval = await approvalRowOf(tx, ACCOUNT_REQUEST_SUBJECT, id);
    if (!approval || approval.status !== 'pending') throw orgErrors.requestNotPending();
    if (input.approve && input.comment)
      await tx
        .update(accountRequests)
        .set({ decisionComment: input.comment })
        .where(eq(accountRequests.id, id));
    await decideApprovalIn(
      deps,
      tx,
      actor,
      approval.id,
      input.approve ? 'approve' : 'send_back',
      input.approve ? null : (input.comment ?? ''),
    );
    const [after] = await tx.select().from(accountRequests).where(eq(accountRequests.id, id));
    return after!;
  });
}

/** The request's status after the engine's decision, audited as before (approved / rejected). */
async function decided(
  tx: Db,
  now: Date,
  actor: Actor,
  request: ApprovalRow,
  status: 'approved' | 'rejected',
  comment: string | null | undefined,
) {
  const [before] = await tx
    .select()
    .from(accountRequests)
    .where(eq(accountRequests.id, request.subjectId))
    .for('update');
  if (!before || before.status !== 'pending') throw orgErrors.requestNotPending();
  const [after] = await tx
    .update(accountRequests)
    .set({
      status,
      decidedBy: actor.userId,
      decidedAt: now,
      ...(comment === undefined ? {} : { decisionComment: comment }),
    })
    .where(eq(accountRequests.id, before.id))
    .returning();
  await recordAudit(tx, now, actor, {
    action: status === 'approved' ? 'org.account_request.approved' : 'org.account_request.rejected',
    subjectType: 'account_request',
    subjectId: before.id,
    unitId: before.unitId,
    before: { status: before.status },
    after: { status, comment: after!.decisionComment },
  });
}

/** ORG-3 on the approval engine: the general manager's approval or rejection sets the request's status. */
export const accountRequestApprovalHandler: ApprovalSubjectHandler = {
  async lockSubject(tx, subjectId) {
    await tx
      .select({ id: accountRequests.id })
      .from(accountRequests)
      .where(eq(accountRequests.id, subjectId))
      .for('update');
  },
  async onApproved(deps, tx, request, actor) {
    await decided(tx, deps.clock.now(), actor, request, 'approved', undefined);
  },
  async onSentBack(deps, tx, request, actor, reason) {
    await decided(tx, deps.clock.now(), actor, request, 'rejected', reason);
    // A rejection is final (ORG-3 has no resubmission): it leaves the requester's open requests.
    await voidApproval(deps, tx, actor, ACCOUNT_REQUEST_SUBJECT, request.subjectId, 'rejected');
  },
};

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
