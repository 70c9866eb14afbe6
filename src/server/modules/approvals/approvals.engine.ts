/**
 * The approval engine's commands (审批引擎): open a request on the chain its rule chooses, approve or
 * send back a step, resubmit, withdraw. Generic over its subject: the subject's module registers a
 * handler once and is called in the same transaction when its request is approved, sent back or
 * passes a stage (RET-2: the service centre is told at once when the general manager has signed).
 */
import { and, asc, desc, eq, inArray, isNull, lte, gt, ne, sql } from 'drizzle-orm';
import {
  approve,
  awaitedRoles,
  chooseChain,
  currentStage,
  DEFAULT_APPROVAL_CHAINS,
  openRequest,
  resubmit,
  sendBack,
  withdraw,
  type ApprovalActor,
  type ApprovalChainRule,
  type ApprovalRequest,
  type ApprovalStage,
  type SendBackTarget,
} from '../../../domain/approvals';
import type { Grant } from '../../../domain/permissions';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { recordAudit } from '../audit/audit.service';
import { createNotifications } from '../notifications/notifications.service';
import { findUnit, loadGrants, nearestRoleHolders, type UnitRow } from '../org/org.service';
import { memberships, organisationUnits, roles, users } from '../org/org.table';
import { approvalErrors, fromDomain } from './approvals.errors';
import { endStageClock, startStageClock, stopStageClock } from './approvals.sla';
import { approvalChains, approvalDelegations, approvalRequests, approvalSteps } from './approvals.table';

export type ApprovalRow = typeof approvalRequests.$inferSelect;
export type ApprovalStepRow = typeof approvalSteps.$inferSelect;
export type ChainRow = typeof approvalChains.$inferSelect;

/** What a subject's module does when its request moves; each runs in the deciding transaction. */
export interface ApprovalSubjectHandler {
  onApproved(deps: Deps, tx: Db, request: ApprovalRow, actor: Actor): Promise<void>;
  /**
   * The request was sent back: to the requester (`back.to` null, status 'sent_back'), or one stage
   * back (`back.to` the stage that decides again, status still 'pending').
   */
  onSentBack(
    deps: Deps,
    tx: Db,
    request: ApprovalRow,
    actor: Actor,
    reason: string,
    back: SentBack,
  ): Promise<void>;
  /** A stage completed and the request moves on (not called for the last one: onApproved is). */
  onStageApproved?(deps: Deps, tx: Db, request: ApprovalRow, stageKey: string, actor: Actor): Promise<void>;
  /**
   * Locks the subject's record before the engine locks the request, when a decision comes from the
   * inbox: the subject's own commands lock the subject first, so both take the locks in one order.
   */
  lockSubject?(tx: Db, subjectId: string): Promise<void>;
  /**
   * The subject's module tells whose turn it is itself (CMP-5 names the step and its reason in its
   * own notices); the engine then sends none of its own for this subject.
   */
  notifiesItself?: boolean;
}

/** Which stage sent the request back, and to which stage (null: to the requester). */
export interface SentBack {
  readonly from: string;
  readonly to: string | null;
}

const handlers = new Map<string, ApprovalSubjectHandler>();

/** Lets a module put its records through approval (returns registers 'return_request'). */
export function registerApprovalSubject(subjectType: string, handler: ApprovalSubjectHandler): void {
  handlers.set(subjectType, handler);
}

function handlerOf(subjectType: string): ApprovalSubjectHandler {
  const h = handlers.get(subjectType);
  if (!h) throw new Error(`approval subject ${subjectType} is not registered`);
  return h;
}

/**
 * The shipped chains, seeded at the root the first time they are needed: each shipped kind that has
 * no chain anywhere yet (so a kind shipped later — CMP-5 close-out, ORG-3 account opening — is
 * seeded into a database that already has the returns chains), under a lock so two first requests
 * seed once.
 */
async function ensureDefaultChains(tx: Db, rootId: string, now: Date): Promise<void> {
  const kinds = [...new Set(DEFAULT_APPROVAL_CHAINS.map((c) => c.subjectType))];
  const present = async () =>
    new Set(
      (
        await tx
          .selectDistinct({ kind: approvalChains.kind })
          .from(approvalChains)
          .where(inArray(approvalChains.kind, kinds))
      ).map((r) => r.kind),
    );
  if ((await present()).size === kinds.length) return;
  await tx.execute(sql`select pg_advisory_xact_lock(727301)`);
  const seeded = await present();
  const missing = DEFAULT_APPROVAL_CHAINS.filter((c) => !seeded.has(c.subjectType));
  if (missing.length === 0) return;
  const [last] = await tx
    .select({ position: approvalChains.position })
    .from(approvalChains)
    .where(eq(approvalChains.unitId, rootId))
    .orderBy(desc(approvalChains.position))
    .limit(1);
  const from = last?.position ?? 0;
  await tx.insert(approvalChains).values(
    missing.map((c, i) => ({
      unitId: rootId,
      kind: c.subjectType,
      position: from + i + 1,
      nameZh: c.nameZh,
      nameEn: c.nameEn,
      minAmountFen: c.minAmountFen ?? null,
      maxAmountFen: c.maxAmountFen ?? null,
      unitKinds: c.unitKinds ? [...c.unitKinds] : null,
      stages: [...c.stages],
      createdAt: now,
    })),
  );
}

/** Chain rules that reach a unit: the deepest unit's first, each unit's in its own order. */
export async function chainsReaching(tx: Db, unit: UnitRow, now: Date): Promise<ChainRow[]> {
  await ensureDefaultChains(tx, unit.path[0]!, now);
  const rows = await tx
    .select()
    .from(approvalChains)
    .where(inArray(approvalChains.unitId, unit.path))
    .orderBy(asc(approvalChains.position));
  const depth = (r: ChainRow) => unit.path.indexOf(r.unitId);
  return rows.sort((a, b) => depth(b) - depth(a) || a.position - b.position);
}

const asRule = (r: ChainRow): ApprovalChainRule & { id: string } => ({
  id: r.id,
  subjectType: r.kind,
  ...(r.minAmountFen !== null ? { minAmountFen: r.minAmountFen } : {}),
  ...(r.maxAmountFen !== null ? { maxAmountFen: r.maxAmountFen } : {}),
  ...(r.unitKinds ? { unitKinds: r.unitKinds } : {}),
  stages: r.stages,
});

async function stepsOf(db: Db, requestId: string): Promise<ApprovalStepRow[]> {
  return db
    .select()
    .from(approvalSteps)
    .where(eq(approvalSteps.requestId, requestId))
    .orderBy(asc(approvalSteps.at));
}

/** The pure engine's view of a stored request. */
export function toDomain(row: ApprovalRow, steps: readonly ApprovalStepRow[]): ApprovalRequest {
  return {
    requesterId: row.requesterId,
    stages: row.stages,
    status: row.status,
    round: row.round,
    steps: steps.map((s) => ({
      stage: s.stage,
      role: s.role,
      decision: s.decision,
      by: s.by,
      onBehalfOf: s.onBehalfOf,
      at: s.at.getTime(),
      reason: s.reason,
      round: s.round,
      to: s.returnedTo,
    })),
  };
}

/** The columns the inbox filters on, as the request now stands (decision 0016: kept with every move). */
export function waitingColumns(domain: ApprovalRequest) {
  return { currentStage: currentStage(domain)?.key ?? null, awaitedRoles: awaitedRoles(domain) };
}

/**
 * Who is asked to decide a request's awaited roles: the nearest holders at or above its unit, the
 * holders in the unit's own departments (a store's technicians inspect its returns — they decide,
 * so they are told too), and whoever stands in for any of them at `at`.
 */
export async function approversOf(
  db: Db,
  unitPath: readonly string[],
  roleCodes: readonly string[],
  at: Date,
): Promise<string[]> {
  const unitId = unitPath.at(-1);
  if (!unitId || roleCodes.length === 0) return [];
  const above = await nearestRoleHolders(db, unitPath, roleCodes);
  const below = await db
    .selectDistinct({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(roles, eq(roles.id, memberships.roleId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organisationUnits, eq(organisationUnits.id, memberships.unitId))
    .where(
      and(
        sql`${organisationUnits.path} && array[${unitId}]::uuid[]`,
        ne(organisationUnits.id, unitId),
        inArray(roles.code, [...roleCodes]),
        eq(users.status, 'active'),
      ),
    );
  const people = [...new Set([...above, ...below.map((r) => r.userId)])];
  if (people.length === 0) return [];
  const delegates = await db
    .selectDistinct({ to: approvalDelegations.toUserId })
    .from(approvalDelegations)
    .where(and(inArray(approvalDelegations.fromUserId, people), delegationInForce(at)));
  return [...new Set([...people, ...delegates.map((d) => d.to)])].sort();
}

/** In-app notices to whoever may decide what the request now waits on (approversOf). */
async function notifyAwaited(
  deps: Deps,
  tx: Db,
  row: ApprovalRow,
  unitPath: readonly string[],
  now: Date,
  extra: Record<string, unknown> = {},
) {
  if (handlers.get(row.subjectType)?.notifiesItself) return;
  const domain = toDomain(row, await stepsOf(tx, row.id));
  const roles = awaitedRoles(domain);
  if (roles.length === 0) return;
  const people = (await approversOf(tx, unitPath, roles, now)).filter((id) => id !== row.requesterId);
  await createNotifications(
    tx,
    people.map((recipientId) => ({
      recipientId,
      kind: 'approval_turn' as const,
      subjectType: row.subjectType,
      subjectId: row.subjectId,
      targetId: row.id,
      payload: { title: row.title, stage: currentStage(domain)?.key ?? null, ...extra },
      createdAt: now,
    })),
  );
}

export interface OpenApprovalInput {
  subjectType: string;
  subjectId: string;
  /** What the chain rules match on: 'return', 'cancellation', later 'quote'… */
  kind: string;
  unitId: string;
  title: string;
  amountFen: number | null;
  /**
   * Start the subject's request over as a new round from the first stage, whatever its state (a
   * complaint reopened and resolved again asks for close-out anew); the actor becomes its requester.
   * Without it an existing request may only be resubmitted after a send-back.
   */
  restart?: boolean | undefined;
  /**
   * The chain the subject chose for this request itself (a journey stage's approval declares its
   * steps, chosen on the journey's fields: JRN-5's vice-president before plastering), instead of a
   * chain rule of the unit. Copied onto the request like a rule's stages, also when it is
   * resubmitted or restarted (the facts may have changed since).
   */
  stages?: readonly ApprovalStage[] | undefined;
}

/**
 * Opens (or, after a send-back, resubmits as a new round) the request for one subject, in the
 * caller's transaction. The stages are copied from the chosen chain, so a later edit of the chain
 * does not move a request under way.
 */
export async function openApproval(
  deps: Deps,
  tx: Db,
  actor: Actor,
  input: OpenApprovalInput,
): Promise<ApprovalRow> {
  const now = deps.clock.now();
  const unit = await findUnit(tx, input.unitId);
  if (!unit) throw approvalErrors.unitNotFound();
  const [existing] = await tx
    .select()
    .from(approvalRequests)
    .where(
      and(
        eq(approvalRequests.subjectType, input.subjectType),
        eq(approvalRequests.subjectId, input.subjectId),
      ),
    )
    .for('update');
  if (existing && input.restart) return restartApproval(deps, tx, actor, existing, input, unit.path, now);
  if (existing) {
    const stored = toDomain(existing, await stepsOf(tx, existing.id));
    const r = resubmit(input.stages ? { ...stored, stages: input.stages } : stored, actor.userId);
    if (!r.ok) throw fromDomain(r.error.code, r.error);
    const [row] = await tx
      .update(approvalRequests)
      .set({
        status: 'pending',
        round: r.request.round,
        ...(input.stages ? { stages: [...input.stages] } : {}),
        ...waitingColumns(r.request),
        title: input.title,
        amountFen: input.amountFen,
        updatedAt: now,
      })
      .where(eq(approvalRequests.id, existing.id))
      .returning();
    await startStageClock(deps, tx, row!, r.request, now);
    await recordAudit(tx, now, actor, {
      action: 'approval.resubmitted',
      subjectType: 'approval_request',
      subjectId: existing.id,
      unitId: unit.id,
      before: existing,
      after: row,
    });
    await notifyAwaited(deps, tx, row!, unit.path, now);
    return row!;
  }
  const chain = input.stages
    ? { id: null, subjectType: input.kind, stages: input.stages }
    : (chooseChain((await chainsReaching(tx, unit, now)).map(asRule), {
        subjectType: input.kind,
        amountFen: input.amountFen,
        unitKind: unit.kind,
      }) as (ApprovalChainRule & { id: string }) | null);
  if (!chain || chain.stages.length === 0) throw approvalErrors.noChain({ kind: input.kind });
  const [row] = await tx
    .insert(approvalRequests)
    .values({
      unitId: unit.id,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      kind: input.kind,
      title: input.title,
      amountFen: input.amountFen,
      requesterId: actor.userId,
      chainId: chain.id,
      stages: [...chain.stages],
      status: 'pending',
      round: 1,
      ...waitingColumns(openRequest(actor.userId, chain)),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await startStageClock(deps, tx, row!, openRequest(actor.userId, chain), now);
  await recordAudit(tx, now, actor, {
    action: 'approval.opened',
    subjectType: 'approval_request',
    subjectId: row!.id,
    unitId: unit.id,
    after: row,
  });
  await notifyAwaited(deps, tx, row!, unit.path, now);
  return row!;
}

/** `openApproval` with `restart`: a new round from the first stage, audited as opened again. */
async function restartApproval(
  deps: Deps,
  tx: Db,
  actor: Actor,
  existing: ApprovalRow,
  input: OpenApprovalInput,
  unitPath: readonly string[],
  now: Date,
): Promise<ApprovalRow> {
  const fresh: ApprovalRequest = {
    ...toDomain(existing, []),
    ...(input.stages ? { stages: input.stages } : {}),
    requesterId: actor.userId,
    status: 'pending',
    round: existing.round + 1,
  };
  if (existing.status === 'pending') await endStageClock(deps, tx, existing, now);
  const [row] = await tx
    .update(approvalRequests)
    .set({
      status: 'pending',
      round: fresh.round,
      requesterId: actor.userId,
      ...(input.stages ? { stages: [...input.stages] } : {}),
      ...waitingColumns(fresh),
      title: input.title,
      amountFen: input.amountFen,
      updatedAt: now,
    })
    .where(eq(approvalRequests.id, existing.id))
    .returning();
  await startStageClock(deps, tx, row!, fresh, now);
  await recordAudit(tx, now, actor, {
    action: 'approval.opened',
    subjectType: 'approval_request',
    subjectId: existing.id,
    unitId: existing.unitId,
    before: { status: existing.status, round: existing.round, requesterId: existing.requesterId },
    after: { status: 'pending', round: fresh.round, requesterId: actor.userId, restarted: true },
  });
  await notifyAwaited(deps, tx, row!, unitPath, now);
  return row!;
}

/**
 * Ends the open request of a subject whose own state no longer needs it (a complaint reopened
 * before its close-out finished), whoever the actor is: withdrawn, its clock ended, audited with
 * the reason. Nothing to do when there is none or it is already decided.
 */
export async function voidApproval(
  deps: Deps,
  tx: Db,
  /** Null when the subject's own change voids it (the change is audited by its module). */
  actor: Actor | null,
  subjectType: string,
  subjectId: string,
  reason: string,
): Promise<void> {
  const now = deps.clock.now();
  const [row] = await tx
    .select()
    .from(approvalRequests)
    .where(and(eq(approvalRequests.subjectType, subjectType), eq(approvalRequests.subjectId, subjectId)))
    .for('update');
  if (!row || (row.status !== 'pending' && row.status !== 'sent_back')) return;
  await tx
    .update(approvalRequests)
    .set({ status: 'withdrawn', currentStage: null, awaitedRoles: [], updatedAt: now })
    .where(eq(approvalRequests.id, row.id));
  if (row.status === 'pending') await endStageClock(deps, tx, row, now);
  await recordAudit(tx, now, actor, {
    action: 'approval.voided',
    subjectType: 'approval_request',
    subjectId: row.id,
    unitId: row.unitId,
    before: { status: row.status },
    after: { status: 'withdrawn', reason },
  });
}

/** The request of one subject, if any (read inside the caller's transaction). */
export async function approvalRowOf(tx: Db, subjectType: string, subjectId: string) {
  const [row] = await tx
    .select()
    .from(approvalRequests)
    .where(and(eq(approvalRequests.subjectType, subjectType), eq(approvalRequests.subjectId, subjectId)));
  return row;
}

/** The requester withdraws the open request of a subject (RET-1: the customer changed their mind). */
export async function withdrawApproval(
  deps: Deps,
  tx: Db,
  actor: Actor,
  subjectType: string,
  subjectId: string,
) {
  const now = deps.clock.now();
  const [row] = await tx
    .select()
    .from(approvalRequests)
    .where(and(eq(approvalRequests.subjectType, subjectType), eq(approvalRequests.subjectId, subjectId)))
    .for('update');
  if (!row) return;
  const r = withdraw(toDomain(row, await stepsOf(tx, row.id)), actor.userId);
  if (!r.ok) throw fromDomain(r.error.code, r.error);
  await tx
    .update(approvalRequests)
    .set({ status: 'withdrawn', currentStage: null, awaitedRoles: [], updatedAt: now })
    .where(eq(approvalRequests.id, row.id));
  await endStageClock(deps, tx, row, now);
  await recordAudit(tx, now, actor, {
    action: 'approval.withdrawn',
    subjectType: 'approval_request',
    subjectId: row.id,
    unitId: row.unitId,
    before: { status: row.status },
    after: { status: 'withdrawn' },
  });
}

/**
 * The roles a person holds for a unit's requests: at the unit or above it (a role held above applies
 * below, ORG-1), and in the unit's own departments — a store's technicians sit in its installation
 * department and inspect the goods the store takes back (RET-8).
 */
export function rolesAt(grants: readonly Grant[], unitPath: readonly string[]): string[] {
  const unitId = unitPath.at(-1);
  return [
    ...new Set(
      grants
        .filter(
          (g) => g.roleCode && (unitPath.includes(g.unitId) || (!!unitId && g.unitPath.includes(unitId))),
        )
        .map((g) => g.roleCode!),
    ),
  ];
}

/** A delegation that has started, not ended and not been revoked at `at`. */
function delegationInForce(at: Date) {
  return and(
    lte(approvalDelegations.startsAt, at),
    gt(approvalDelegations.endsAt, at),
    isNull(approvalDelegations.revokedAt),
  );
}

/** People who have delegated to `userId` and whose delegation is in force at `at`. */
export async function activeDelegatorsOf(db: Db, userId: string, at: Date): Promise<string[]> {
  const rows = await db
    .select({ from: approvalDelegations.fromUserId })
    .from(approvalDelegations)
    .where(and(eq(approvalDelegations.toUserId, userId), delegationInForce(at)));
  return [...new Set(rows.map((r) => r.from))];
}

/**
 * The ways the actor may act on a request: in their own roles first, then standing in for each
 * person who delegated to them.
 */
export async function actingAs(
  db: Db,
  actor: Actor,
  unitPath: readonly string[],
  at: Date,
): Promise<ApprovalActor[]> {
  const own: ApprovalActor = { userId: actor.userId, roles: rolesAt(actor.grants, unitPath) };
  const delegators = await activeDelegatorsOf(db, actor.userId, at);
  const others = await Promise.all(
    delegators.map(async (from) => ({
      userId: actor.userId,
      roles: [] as string[],
      standingInFor: { userId: from, roles: rolesAt(await loadGrants(db, from), unitPath) },
    })),
  );
  return [own, ...others];
}

/** Options of a decision: a send-back may ask for one stage back or for the requester. */
export interface DecideOptions {
  sendBackTo?: SendBackTarget | undefined;
}

/** Approves or sends back the current step of a request (the inbox): its own transaction. */
export async function decideApproval(
  deps: Deps,
  actor: Actor,
  id: string,
  decision: 'approve' | 'send_back',
  reason: string | null,
  options: DecideOptions = {},
): Promise<ApprovalRow> {
  return deps.db.transaction(async (tx) => {
    const [peek] = await tx.select().from(approvalRequests).where(eq(approvalRequests.id, id));
    if (!peek) throw approvalErrors.notFound();
    await handlers.get(peek.subjectType)?.lockSubject?.(tx, peek.subjectId);
    return decideApprovalIn(deps, tx, actor, id, decision, reason, options);
  });
}

/**
 * Approves or sends back the current step of a request in the caller's transaction (a subject's
 * module that has locked its record first): locked, checked, written, audited and called back
 * together.
 */
export async function decideApprovalIn(
  deps: Deps,
  tx: Db,
  actor: Actor,
  id: string,
  decision: 'approve' | 'send_back',
  reason: string | null,
  options: DecideOptions = {},
): Promise<ApprovalRow> {
  const now = deps.clock.now();
  const [row] = await tx.select().from(approvalRequests).where(eq(approvalRequests.id, id)).for('update');
  if (!row) throw approvalErrors.notFound();
  const unit = await findUnit(tx, row.unitId);
  if (!unit || !(await mayViewRequest(tx, actor, row, unit.path, now))) throw approvalErrors.notFound();
  const before = toDomain(row, await stepsOf(tx, row.id));
  const ways = await actingAs(tx, actor, unit.path, now);
  // Try acting in one's own roles, then as each absent approver; the first refusal that is not
  // "not your step" (own request, not pending) is the answer, otherwise "not your step".
  let result: ReturnType<typeof approve> | null = null;
  for (const way of ways) {
    const r =
      decision === 'approve'
        ? approve(before, way, now.getTime())
        : sendBack(before, way, now.getTime(), reason ?? '', options.sendBackTo);
    if (r.ok || r.error.code !== 'approvals.not_your_step') {
      result = r;
      break;
    }
    result ??= r;
  }
  if (!result!.ok) throw fromDomain(result!.error.code, result!.error);
  const after = result!.request;
  const step = after.steps[after.steps.length - 1]!;
  await tx.insert(approvalSteps).values({
    requestId: row.id,
    round: step.round,
    stage: step.stage,
    role: step.role,
    decision: step.decision,
    by: step.by,
    onBehalfOf: step.onBehalfOf,
    reason: step.reason,
    returnedTo: step.to ?? null,
    at: now,
  });
  const [updated] = await tx
    .update(approvalRequests)
    .set({ status: after.status, ...waitingColumns(after), updatedAt: now })
    .where(eq(approvalRequests.id, row.id))
    .returning();
  // The stage's time limit is met when the stage is decided: approved through (every role of an
  // 'all' stage) or sent back; the next stage's limit starts now.
  const stageMoved = after.status !== 'pending' || currentStage(after)?.key !== currentStage(before)?.key;
  const met = stageMoved ? await stopStageClock(deps, tx, row, now) : [];
  const next = stageMoved ? await startStageClock(deps, tx, updated!, after, now) : null;
  await recordAudit(tx, now, actor, {
    action: step.decision === 'approved' ? 'approval.step_approved' : 'approval.sent_back',
    subjectType: 'approval_request',
    subjectId: row.id,
    unitId: row.unitId,
    before: { status: row.status, stage: currentStage(before)?.key ?? null },
    after: {
      status: after.status,
      step,
      timeLimit: met.map((t) => ({ stage: t.key, state: t.state, dueAt: t.dueAt?.toISOString() ?? null })),
      nextDueAt: next?.dueAt?.toISOString() ?? null,
    },
  });
  const handler = handlerOf(row.subjectType);
  if (after.status === 'approved') await handler.onApproved(deps, tx, updated!, actor);
  else if (step.decision === 'sent_back' && step.to) {
    // One stage back: still pending; the earlier stage's deciders are asked again, with the reason.
    await handler.onSentBack(deps, tx, updated!, actor, step.reason ?? '', {
      from: step.stage,
      to: step.to,
    });
    await notifyAwaited(deps, tx, updated!, unit.path, now, {
      sentBackFrom: step.stage,
      reason: step.reason,
    });
  } else if (after.status === 'sent_back') {
    await handler.onSentBack(deps, tx, updated!, actor, step.reason ?? '', { from: step.stage, to: null });
    if (!handler.notifiesItself)
      await createNotifications(tx, [
        {
          recipientId: row.requesterId,
          kind: 'approval_sent_back',
          subjectType: row.subjectType,
          subjectId: row.subjectId,
          targetId: row.id,
          payload: { title: row.title, reason: step.reason },
          createdAt: now,
        },
      ]);
  } else {
    const stageDone = currentStage(before)?.key;
    if (stageDone && currentStage(after)?.key !== stageDone)
      await handler.onStageApproved?.(deps, tx, updated!, stageDone, actor);
    await notifyAwaited(deps, tx, updated!, unit.path, now);
  }
  return updated!;
}

/**
 * Who may see a request: its requester, and anyone holding a role in a unit on its unit's path or
 * below it; others get 404 (ORG-1). Deciding is checked by the engine (roles, own request).
 */
export function mayView(actor: Actor, row: ApprovalRow, unitPath: readonly string[]): boolean {
  if (row.requesterId === actor.userId) return true;
  return actor.grants.some((g) => unitPath.includes(g.unitId) || g.unitPath.includes(row.unitId));
}

/**
 * `mayView`, or standing in for someone who may: a delegate without a role in the unit opens the
 * request (and its subject's page) they are asked to decide.
 */
export async function mayViewRequest(
  db: Db,
  actor: Actor,
  row: ApprovalRow,
  unitPath: readonly string[],
  at: Date,
): Promise<boolean> {
  if (mayView(actor, row, unitPath)) return true;
  for (const from of await activeDelegatorsOf(db, actor.userId, at))
    if (mayView({ ...actor, userId: from, grants: await loadGrants(db, from) }, row, unitPath)) return true;
  return false;
}
