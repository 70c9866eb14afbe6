/**
 * One approval engine for every subject that needs sign-off (issue 17): returns and cancellations
 * (RET-2, RET-8), charged-service quotes (PAY-3), account opening (ORG-3), complaint close-out
 * (CMP-5), field-record sign-off (REP-8). A chain is chosen by rule (subject type, amount, unit
 * kind); it runs its stages in order, a stage needing one or all of its roles; any step may send the
 * request back with a reason; an approver away may be stood in for by a delegate. Pure: the caller
 * resolves who holds which role at the subject's unit and passes it in, with the instant.
 */
import type { SlaTarget } from '../sla/sla.types';

export interface ApprovalStage {
  readonly key: string;
  /** Role codes that may decide this stage. */
  readonly roles: readonly string[];
  /** 'any': one of the roles decides; 'all': every role must approve (parallel sign-off). */
  readonly mode: 'any' | 'all';
  /** How long the stage may take, in working time on the unit's calendar (SLA-2); absent: no limit. */
  readonly timeLimit?: ApprovalTimeLimit | null | undefined;
}

/** A stage's time limit: counted by the SLA engine in the unit's working hours or days. */
export interface ApprovalTimeLimit {
  readonly unit: 'working_hours' | 'working_days';
  readonly amount: number;
}

/** The SLA event that meets a stage's time limit: the stage was decided (approved through, or sent back). */
export const APPROVAL_STAGE_DECIDED = 'approval_stage_decided';

/**
 * The SLA target a stage's time limit runs as (SLA-8: reminder at 80 %, breach at the limit), or
 * null when the stage has none. Started when the stage becomes current, met when it is decided.
 */
export function stageTarget(stage: ApprovalStage): SlaTarget | null {
  if (!stage.timeLimit) return null;
  return {
    key: stage.key,
    startsOn: 'intake',
    stopsOn: APPROVAL_STAGE_DECIDED,
    allowed: { unit: stage.timeLimit.unit, amount: stage.timeLimit.amount },
    pausesWhenPendingCustomer: false,
  };
}

export interface ApprovalChainRule {
  readonly subjectType: string;
  /** The chain applies from this amount (fen), inclusive; absent: any amount. */
  readonly minAmountFen?: number;
  /** Up to this amount (fen), exclusive. */
  readonly maxAmountFen?: number;
  /** Only for these unit kinds (store, online_shop…); absent: any. */
  readonly unitKinds?: readonly string[];
  readonly stages: readonly ApprovalStage[];
}

export interface ApprovalFacts {
  readonly subjectType: string;
  readonly amountFen: number | null;
  readonly unitKind: string;
}

/** The first rule (in the order the company lists them) that fits the request, or null. */
export function chooseChain(
  rules: readonly ApprovalChainRule[],
  facts: ApprovalFacts,
): ApprovalChainRule | null {
  return (
    rules.find(
      (r) =>
        r.subjectType === facts.subjectType &&
        (r.minAmountFen === undefined || (facts.amountFen ?? 0) >= r.minAmountFen) &&
        (r.maxAmountFen === undefined || (facts.amountFen ?? 0) < r.maxAmountFen) &&
        (r.unitKinds === undefined || r.unitKinds.includes(facts.unitKind)),
    ) ?? null
  );
}

/** One decision taken, kept for the audit trail and the approval sheet. */
export interface ApprovalStep {
  readonly stage: string;
  readonly role: string;
  readonly decision: 'approved' | 'sent_back';
  readonly by: string;
  /** Set when a delegate acted for an approver who was away. */
  readonly onBehalfOf: string | null;
  readonly at: number;
  readonly reason: string | null;
  /** Which submission round the step belongs to (a resubmission starts a new round). */
  readonly round: number;
}

export type ApprovalStatus = 'pending' | 'approved' | 'sent_back' | 'withdrawn';

export interface ApprovalRequest {
  readonly requesterId: string;
  readonly stages: readonly ApprovalStage[];
  readonly status: ApprovalStatus;
  readonly round: number;
  readonly steps: readonly ApprovalStep[];
}

/** A new request on its chain: pending at the first stage. */
export function openRequest(requesterId: string, chain: ApprovalChainRule): ApprovalRequest {
  return { requesterId, stages: chain.stages, status: 'pending', round: 1, steps: [] };
}

/** Who is acting: their own roles at the subject's unit, or a delegate standing in for someone. */
export interface ApprovalActor {
  readonly userId: string;
  readonly roles: readonly string[];
  /** When acting as a delegate: the absent approver and that person's roles. */
  readonly standingInFor?: { readonly userId: string; readonly roles: readonly string[] } | undefined;
}

/** A delegation: `to` stands in for `from` between the two instants (holiday, business trip). */
export interface Delegation {
  readonly from: string;
  readonly to: string;
  readonly startsAt: number;
  readonly endsAt: number;
}

/** Whether a delegation lets `delegateId` act for `absentId` at `at`. */
export function delegationActive(
  delegations: readonly Delegation[],
  delegateId: string,
  absentId: string,
  at: number,
) {
  return delegations.some(
    (d) => d.to === delegateId && d.from === absentId && d.startsAt <= at && at < d.endsAt,
  );
}

/** The stage the request waits on (the first not yet complete in this round), or null when none. */
export function currentStage(request: ApprovalRequest): ApprovalStage | null {
  if (request.status !== 'pending') return null;
  return request.stages.find((stage) => !stageComplete(request, stage)) ?? null;
}

function approvedRoles(request: ApprovalRequest, stage: ApprovalStage): Set<string> {
  return new Set(
    request.steps
      .filter((s) => s.round === request.round && s.stage === stage.key && s.decision === 'approved')
      .map((s) => s.role),
  );
}

function stageComplete(request: ApprovalRequest, stage: ApprovalStage): boolean {
  const done = approvedRoles(request, stage);
  return stage.mode === 'any' ? done.size > 0 : stage.roles.every((r) => done.has(r));
}

/** The roles still awaited at the current stage: what the approval inbox shows. */
export function awaitedRoles(request: ApprovalRequest): string[] {
  const stage = currentStage(request);
  if (!stage) return [];
  const done = approvedRoles(request, stage);
  return stage.mode === 'any' ? [...stage.roles] : stage.roles.filter((r) => !done.has(r));
}

export type ApprovalError =
  | { readonly code: 'approvals.not_pending'; readonly status: ApprovalStatus }
  | { readonly code: 'approvals.own_request' }
  | { readonly code: 'approvals.not_your_step'; readonly awaited: readonly string[] }
  | { readonly code: 'approvals.reason_required' }
  | { readonly code: 'approvals.not_sent_back' }
  | { readonly code: 'approvals.not_requester' };

type Result = { ok: true; request: ApprovalRequest } | { ok: false; error: ApprovalError };

/** The role the actor (or the person they stand in for) decides the current stage as. */
function actingRole(
  request: ApprovalRequest,
  actor: ApprovalActor,
): { role: string; onBehalfOf: string | null } | null {
  const awaited = awaitedRoles(request);
  const own = awaited.find((r) => actor.roles.includes(r));
  if (own) return { role: own, onBehalfOf: null };
  const forOther = actor.standingInFor && awaited.find((r) => actor.standingInFor!.roles.includes(r));
  return forOther ? { role: forOther, onBehalfOf: actor.standingInFor!.userId } : null;
}

function decide(
  request: ApprovalRequest,
  actor: ApprovalActor,
  at: number,
  decision: 'approved' | 'sent_back',
  reason: string | null,
): Result {
  if (request.status !== 'pending')
    return { ok: false, error: { code: 'approvals.not_pending', status: request.status } };
  // Nobody signs off their own request, in person or as someone's delegate.
  if (actor.userId === request.requesterId || actor.standingInFor?.userId === request.requesterId)
    return { ok: false, error: { code: 'approvals.own_request' } };
  const acting = actingRole(request, actor);
  if (!acting)
    return { ok: false, error: { code: 'approvals.not_your_step', awaited: awaitedRoles(request) } };
  const stage = currentStage(request)!;
  const step: ApprovalStep = {
    stage: stage.key,
    role: acting.role,
    decision,
    by: actor.userId,
    onBehalfOf: acting.onBehalfOf,
    at,
    reason,
    round: request.round,
  };
  const next = { ...request, steps: [...request.steps, step] };
  if (decision === 'sent_back') return { ok: true, request: { ...next, status: 'sent_back' } };
  return { ok: true, request: { ...next, status: currentStage(next) ? 'pending' : 'approved' } };
}

/** The actor approves the current stage in the role they hold there. */
export const approve = (request: ApprovalRequest, actor: ApprovalActor, at: number): Result =>
  decide(request, actor, at, 'approved', null);

/** The actor sends the request back to the requester; a reason is required. */
export function sendBack(request: ApprovalRequest, actor: ApprovalActor, at: number, reason: string): Result {
  if (!reason.trim()) return { ok: false, error: { code: 'approvals.reason_required' } };
  return decide(request, actor, at, 'sent_back', reason.trim());
}

/** The requester corrects and resubmits: a new round from the first stage (earlier approvals no longer count). */
export function resubmit(request: ApprovalRequest, requesterId: string): Result {
  if (requesterId !== request.requesterId) return { ok: false, error: { code: 'approvals.not_requester' } };
  if (request.status !== 'sent_back') return { ok: false, error: { code: 'approvals.not_sent_back' } };
  return { ok: true, request: { ...request, status: 'pending', round: request.round + 1 } };
}

/** The requester withdraws a request still open (RET-1: the customer changed their mind). */
export function withdraw(request: ApprovalRequest, requesterId: string): Result {
  if (requesterId !== request.requesterId) return { ok: false, error: { code: 'approvals.not_requester' } };
  if (request.status !== 'pending' && request.status !== 'sent_back')
    return { ok: false, error: { code: 'approvals.not_pending', status: request.status } };
  return { ok: true, request: { ...request, status: 'withdrawn' } };
}
