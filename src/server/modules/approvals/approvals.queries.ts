import { and, asc, count, desc, eq, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { awaitedRoles, currentStage, approve, type ApprovalActor } from '../../../domain/approvals';
import { isAtRiskAt, isBreachedAt, RUNNING_TARGET_STATES } from '../../../domain/sla';
import type { Grant } from '../../../domain/permissions';
import type { ApprovalDueState, ApprovalRequestView, DelegationView } from '../../../shared/approvals';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { recordAudit } from '../audit/audit.service';
import { assertCan, displayNames, findUnit, unitNames, unitPaths } from '../org/org.service';
import { organisationUnits } from '../org/org.table';
import { slaTargets } from '../sla/sla.table';
import {
  actingAs,
  activeDelegatorsOf,
  chainsReaching,
  mayViewRequest,
  toDomain,
  type ApprovalRow,
  type ChainRow,
  approvalRowOf,
} from './approvals.engine';
import { approvalErrors } from './approvals.errors';
import { approvalChains, approvalDelegations, approvalRequests, approvalSteps } from './approvals.table';
import type { z } from 'zod';
import type { createDelegationBody, inboxQuery, replaceChainsBody } from '../../../shared/approvals';
import { APPROVAL_SUBJECT } from './approvals.sla';
import { loadGrants } from '../org/org.service';

/** Whether one of the actor's ways of acting could decide the request's current step now. */
function mayDecide(
  ways: readonly ApprovalActor[],
  request: ReturnType<typeof toDomain>,
  now: number,
): boolean {
  return ways.some((w) => approve(request, w, now).ok);
}

/** Requests with their steps, names and what the caller may do, as the API shows them. */
async function present(deps: Deps, actor: Actor, rows: ApprovalRow[]): Promise<ApprovalRequestView[]> {
  if (rows.length === 0) return [];
  const steps = await deps.db
    .select()
    .from(approvalSteps)
    .where(
      inArray(
        approvalSteps.requestId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(approvalSteps.at));
  const names = await displayNames(deps.db, [
    ...rows.map((r) => r.requesterId),
    ...steps.flatMap((s) => [s.by, s.onBehalfOf]),
  ]);
  const units = await unitNames(
    deps.db,
    rows.map((r) => r.unitId),
  );
  const paths = await unitPaths(
    deps.db,
    rows.map((r) => r.unitId),
  );
  const now = deps.clock.now();
  const clocks = new Map(
    (
      await deps.db
        .select()
        .from(slaTargets)
        .where(
          and(
            eq(slaTargets.subjectType, APPROVAL_SUBJECT),
            inArray(
              slaTargets.subjectId,
              rows.map((r) => r.id),
            ),
            inArray(slaTargets.state, [...RUNNING_TARGET_STATES]),
          ),
        )
    ).map((t) => [t.subjectId, t]),
  );
  const dueOf = (r: ApprovalRow): ApprovalRequestView['due'] => {
    const t = clocks.get(r.id);
    if (r.status !== 'pending' || !t?.dueAt) return null;
    const state: ApprovalDueState = isBreachedAt(t, now)
      ? 'overdue'
      : isAtRiskAt(t, now)
        ? 'at_risk'
        : 'on_track';
    return { stage: t.key, dueAt: t.dueAt.toISOString(), state };
  };
  return Promise.all(
    rows.map(async (r) => {
      const own = steps.filter((s) => s.requestId === r.id);
      const domain = toDomain(r, own);
      const ways = await actingAs(deps.db, actor, paths.get(r.unitId) ?? [], now);
      return {
        id: r.id,
        unitId: r.unitId,
        unitName: units.get(r.unitId) ?? '',
        subjectType: r.subjectType,
        subjectId: r.subjectId,
        kind: r.kind,
        title: r.title,
        amountFen: r.amountFen,
        requesterId: r.requesterId,
        requesterName: names.get(r.requesterId) ?? '',
        status: r.status,
        round: r.round,
        stages: r.stages.map((st) => ({ ...st, roles: [...st.roles] })),
        currentStage: currentStage(domain)?.key ?? null,
        awaitedRoles: awaitedRoles(domain),
        steps: own.map((s) => ({
          round: s.round,
          stage: s.stage,
          role: s.role,
          decision: s.decision,
          by: s.by,
          byName: names.get(s.by) ?? '',
          onBehalfOf: s.onBehalfOf,
          onBehalfOfName: s.onBehalfOf ? (names.get(s.onBehalfOf) ?? '') : null,
          reason: s.reason,
          returnedTo: s.returnedTo,
          at: s.at.toISOString(),
        })),
        due: dueOf(r),
        can: { decide: mayDecide(ways, domain, now.getTime()) },
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
      };
    }),
  );
}

/** One request the caller may see. */
export async function getApproval(deps: Deps, actor: Actor, id: string): Promise<ApprovalRequestView> {
  const [row] = await deps.db.select().from(approvalRequests).where(eq(approvalRequests.id, id));
  if (!row) throw approvalErrors.notFound();
  const unit = await findUnit(deps.db, row.unitId);
  if (!unit || !(await mayViewRequest(deps.db, actor, row, unit.path, deps.clock.now())))
    throw approvalErrors.notFound();
  return (await present(deps, actor, [row]))[0]!;
}

/**
 * Whether the caller may see the request of a subject — its requester, anyone in its units, or a
 * delegate of someone who may: the subject's module lets them read the record the step is about.
 */
export async function mayViewApprovalOf(
  deps: Deps,
  actor: Actor,
  subjectType: string,
  subjectId: string,
): Promise<boolean> {
  const row = await approvalRowOf(deps.db, subjectType, subjectId);
  if (!row) return false;
  const unit = await findUnit(deps.db, row.unitId);
  return !!unit && mayViewRequest(deps.db, actor, row, unit.path, deps.clock.now());
}

/** The request of one subject, for its module's pages (null when none was opened). */
export async function approvalOfSubject(
  deps: Deps,
  actor: Actor,
  subjectType: string,
  subjectId: string,
): Promise<ApprovalRequestView | null> {
  const row = await approvalRowOf(deps.db, subjectType, subjectId);
  return row ? (await present(deps, actor, [row]))[0]! : null;
}

const uuids = (ids: Iterable<string>) =>
  sql`array[${sql.join(
    [...new Set(ids)].map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;

/**
 * What one way of acting (the caller's own grants, or a delegator's) may decide, as SQL: for each
 * role held, the role is awaited and the request's unit is at or below a unit where it is held, or
 * above it (a role in a store's department decides the store's requests: approvals.engine rolesAt).
 */
function decidableBy(grants: readonly Grant[]): SQL | null {
  const byRole = new Map<string, Grant[]>();
  for (const g of grants) if (g.roleCode) byRole.set(g.roleCode, [...(byRole.get(g.roleCode) ?? []), g]);
  if (byRole.size === 0) return null;
  return sql.join(
    [...byRole].map(
      ([role, gs]) =>
        sql`(${role} = any(${approvalRequests.awaitedRoles}) and (${organisationUnits.path} && ${uuids(
          gs.map((g) => g.unitId),
        )} or ${approvalRequests.unitId} = any(${uuids(gs.flatMap((g) => g.unitPath))})))`,
    ),
    sql` or `,
  );
}

/**
 * The inbox (待我审批): pending requests whose current step the caller — or someone who delegated
 * to them — may decide, one page in SQL, soonest due first (no limit: last); and a page of the
 * caller's own open or sent-back requests, newest change first.
 */
export async function approvalInbox(deps: Deps, actor: Actor, query: z.output<typeof inboxQuery>) {
  const now = deps.clock.now();
  const delegators = await activeDelegatorsOf(deps.db, actor.userId, now);
  const ways: SQL[] = [];
  const own = decidableBy(actor.grants);
  if (own) ways.push(sql`(${own})`);
  for (const d of delegators) {
    const theirs = decidableBy(await loadGrants(deps.db, d));
    // Nobody decides their own request, in person or through a delegate.
    if (theirs) ways.push(sql`(${approvalRequests.requesterId} <> ${d} and (${theirs}))`);
  }
  let waiting: ApprovalRow[] = [];
  let waitingTotal = 0;
  if (ways.length > 0) {
    const where = and(
      eq(approvalRequests.status, 'pending'),
      ne(approvalRequests.requesterId, actor.userId),
      sql`(${sql.join(ways, sql` or `)})`,
    );
    const [rows, [total]] = [
      await deps.db
        .select({ request: approvalRequests })
        .from(approvalRequests)
        .innerJoin(organisationUnits, eq(organisationUnits.id, approvalRequests.unitId))
        .leftJoin(
          slaTargets,
          and(
            eq(slaTargets.subjectType, APPROVAL_SUBJECT),
            eq(slaTargets.subjectId, sql`${approvalRequests.id}::text`),
            inArray(slaTargets.state, [...RUNNING_TARGET_STATES]),
          ),
        )
        .where(where)
        .orderBy(
          sql`${slaTargets.dueAt} asc nulls last`,
          asc(approvalRequests.updatedAt),
          asc(approvalRequests.id),
        )
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize),
      await deps.db
        .select({ n: count() })
        .from(approvalRequests)
        .innerJoin(organisationUnits, eq(organisationUnits.id, approvalRequests.unitId))
        .where(where),
    ];
    waiting = rows.map((r) => r.request);
    waitingTotal = Number(total?.n ?? 0);
  }
  const mineWhere = and(
    eq(approvalRequests.requesterId, actor.userId),
    or(eq(approvalRequests.status, 'pending'), eq(approvalRequests.status, 'sent_back')),
  );
  const mine = await deps.db
    .select()
    .from(approvalRequests)
    .where(mineWhere)
    .orderBy(desc(approvalRequests.updatedAt), desc(approvalRequests.id))
    .limit(query.minePageSize)
    .offset((query.minePage - 1) * query.minePageSize);
  const [mineTotal] = await deps.db.select({ n: count() }).from(approvalRequests).where(mineWhere);
  return {
    waiting: await present(deps, actor, waiting),
    waitingTotal,
    mine: await present(deps, actor, mine),
    mineTotal: Number(mineTotal?.n ?? 0),
  };
}

const presentChain = (c: ChainRow) => ({
  id: c.id,
  unitId: c.unitId,
  kind: c.kind,
  position: c.position,
  nameZh: c.nameZh,
  nameEn: c.nameEn,
  minAmountFen: c.minAmountFen,
  maxAmountFen: c.maxAmountFen,
  unitKinds: c.unitKinds,
  stages: c.stages.map((st) => ({ ...st, roles: [...st.roles] })),
});

/** The chain rules that reach a unit, in the order they are tried (its own first, then above). */
export async function listChains(deps: Deps, actor: Actor, unitId: string) {
  const unit = await findUnit(deps.db, unitId);
  if (!unit) throw approvalErrors.unitNotFound();
  assertCan(actor, 'approvals.manage', unit.path, approvalErrors.unitNotFound);
  const rows = await deps.db.transaction((tx) => chainsReaching(tx, unit, deps.clock.now()));
  return { items: rows.map(presentChain) };
}

/** Replaces a unit's own chain rules (requests under way keep the stages they were opened with). */
export async function replaceChains(deps: Deps, actor: Actor, input: z.output<typeof replaceChainsBody>) {
  const unit = await findUnit(deps.db, input.unitId);
  if (!unit) throw approvalErrors.unitNotFound();
  assertCan(actor, 'approvals.manage', unit.path, approvalErrors.unitNotFound);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await chainsReaching(tx, unit, now);
    const before = await tx.select().from(approvalChains).where(eq(approvalChains.unitId, unit.id));
    // Rows a request points at stay (its chain_id); only the unit's list of rules is replaced.
    await tx
      .update(approvalRequests)
      .set({ chainId: null })
      .where(
        inArray(
          approvalRequests.chainId,
          before.map((b) => b.id),
        ),
      );
    await tx.delete(approvalChains).where(eq(approvalChains.unitId, unit.id));
    if (input.chains.length > 0)
      await tx.insert(approvalChains).values(
        input.chains.map((c, i) => ({
          unitId: unit.id,
          kind: c.kind,
          position: i + 1,
          nameZh: c.nameZh,
          nameEn: c.nameEn,
          minAmountFen: c.minAmountFen ?? null,
          maxAmountFen: c.maxAmountFen ?? null,
          unitKinds: c.unitKinds ?? null,
          stages: c.stages,
          createdAt: now,
        })),
      );
    await recordAudit(tx, now, actor, {
      action: 'approval.chains_replaced',
      subjectType: 'unit',
      subjectId: unit.id,
      unitId: unit.id,
      before,
      after: input.chains,
    });
  });
  return listChains(deps, actor, unit.id);
}

async function presentDelegations(
  db: Db,
  rows: (typeof approvalDelegations.$inferSelect)[],
): Promise<DelegationView[]> {
  const names = await displayNames(
    db,
    rows.flatMap((r) => [r.fromUserId, r.toUserId]),
  );
  return rows.map((r) => ({
    id: r.id,
    fromUserId: r.fromUserId,
    fromName: names.get(r.fromUserId) ?? '',
    toUserId: r.toUserId,
    toName: names.get(r.toUserId) ?? '',
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    reason: r.reason,
    revokedAt: r.revokedAt?.toISOString() ?? null,
  }));
}

/** Delegations the caller gave or received. */
export async function listDelegations(deps: Deps, actor: Actor) {
  const rows = await deps.db
    .select()
    .from(approvalDelegations)
    .where(
      or(eq(approvalDelegations.fromUserId, actor.userId), eq(approvalDelegations.toUserId, actor.userId)),
    )
    .orderBy(desc(approvalDelegations.startsAt))
    .limit(200);
  return { items: await presentDelegations(deps.db, rows) };
}

/** The caller names a colleague to stand in for them while away. */
export async function createDelegation(
  deps: Deps,
  actor: Actor,
  input: z.output<typeof createDelegationBody>,
) {
  if (input.toUserId === actor.userId) throw approvalErrors.delegateSelf();
  // Any active colleague may stand in: the delegation grants only the roles the delegator holds.
  if (!(await displayNames(deps.db, [input.toUserId])).has(input.toUserId))
    throw approvalErrors.delegateNotFound();
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(approvalDelegations)
      .values({
        fromUserId: actor.userId,
        toUserId: input.toUserId,
        startsAt: new Date(input.startsAt),
        endsAt: new Date(input.endsAt),
        reason: input.reason ?? null,
        createdAt: now,
      })
      .returning();
    await recordAudit(tx, now, actor, {
      action: 'approval.delegated',
      subjectType: 'approval_delegation',
      subjectId: row!.id,
      unitId: null,
      after: row,
    });
    return (await presentDelegations(tx, [row!]))[0]!;
  });
}

/** Ends one of the caller's delegations now. */
export async function revokeDelegation(deps: Deps, actor: Actor, id: string) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(approvalDelegations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(approvalDelegations.id, id),
          eq(approvalDelegations.fromUserId, actor.userId),
          isNull(approvalDelegations.revokedAt),
        ),
      )
      .returning();
    if (!row) throw approvalErrors.delegationNotFound();
    await recordAudit(tx, now, actor, {
      action: 'approval.delegation_revoked',
      subjectType: 'approval_delegation',
      subjectId: id,
      unitId: null,
      after: row,
    });
    return (await presentDelegations(tx, [row]))[0]!;
  });
}
