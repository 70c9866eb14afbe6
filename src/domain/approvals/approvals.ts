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
  /**
   * The stage's own name, where a subject gives its chain per request (a journey stage's approval
   * names its steps: 副总裁签字…); absent: the shipped label of the key (STAGE_LABELS) or the key.
   */
  readonly nameZh?: string | undefined;
  readonly nameEn?: string | undefined;
  /** Role codes that may decide this stage. */
  readonly roles: readonly string[];
  /** 'any': one of the roles decides; 'all': every role must approve (parallel sign-off). */
  readonly mode: 'any' | 'all';
  /** How long the stage may take, in working time on the unit's calendar (SLA-2); absent: no limit. */
  readonly timeLimit?: ApprovalTimeLimit | null | undefined;
  /**
   * Where a send-back from this stage goes: to the requester (the default: a new round from the
   * first stage once resubmitted) or to the stage before it, which decides again (CMP-5: each owner
   * sends the case back one step). From the first stage 'previous_stage' goes to the requester.
   */
  readonly sendBack?: SendBackTarget | undefined;
}

export type SendBackTarget = 'requester' | 'previous_stage';

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
  /** A send-back to an earlier stage: that stage's key; null or absent: back to the requester. */
  readonly to?: string | null | undefined;
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

/**
 * Where the current round stands, replayed from its steps in order: the index of the stage waited
 * on and the roles each stage has approved. An approval completes its stage and moves on; a send-back
 * to an earlier stage moves there and voids the approvals of that stage and every one after it, so
 * they are given again.
 */
function progress(request: ApprovalRequest): { index: number; done: Set<string>[] } {
  const done = request.stages.map(() => new Set<string>());
  let index = 0;
  for (const step of request.steps) {
    if (step.round !== request.round) continue;
    const at = request.stages.findIndex((s) => s.key === step.stage);
    if (at < 0) continue;
    if (step.decision === 'approved') {
      done[at]!.add(step.role);
      while (index < request.stages.length && complete(request.stages[index]!, done[index]!)) index++;
    } else if (step.to) {
      const to = request.stages.findIndex((s) => s.key === step.to);
      if (to < 0) continue;
      for (let k = to; k < done.length; k++) done[k]!.clear();
      index = to;
    }
  }
  return { index, done };
}

function complete(stage: ApprovalStage, done: Set<string>): boolean {
  return stage.mode === 'any' ? done.size > 0 : stage.roles.every((r) => done.has(r));
}

/** The stage the request waits on, or null when it is not pending (or every stage is done). */
export function currentStage(request: ApprovalRequest): ApprovalStage | null {
  if (request.status !== 'pending') return null;
  return request.stages[progress(request).index] ?? null;
}

/** The roles still awaited at the current stage: what the approval inbox shows. */
export function awaitedRoles(request: ApprovalRequest): string[] {
  if (request.status !== 'pending') return [];
  const { index, done } = progress(request);
  const stage = request.stages[index];
  if (!stage) return [];
  return stage.mode === 'any' ? [...stage.roles] : stage.roles.filter((r) => !done[index]!.has(r));
}

/**
 * Where a send-back from the current stage goes: the previous stage's key, or null for the
 * requester. The decision may ask for the requester even where the stage goes back one step.
 */
export function sendBackTargetOf(request: ApprovalRequest, asked?: SendBackTarget): string | null {
  const { index } = progress(request);
  const stage = request.stages[index];
  const target = asked ?? stage?.sendBack ?? 'requester';
  if (target === 'requester' || index === 0) return null;
  return request.stages[index - 1]!.key;
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
  target?: SendBackTarget,
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
  const to = decision === 'sent_back' ? sendBackTargetOf(request, target) : null;
  const step: ApprovalStep = {
    stage: stage.key,
    role: acting.role,
    decision,
    by: actor.userId,
    onBehalfOf: acting.onBehalfOf,
    at,
    reason,
    round: request.round,
    ...(to ? { to } : {}),
  };
  const next = { ...request, steps: [...request.steps, step] };
  // Back one stage: still pending, the earlier stage decides again. Back to the requester: sent back.
  if (decision === 'sent_back')
    return { ok: true, request: { ...next, status: to ? 'pending' : 'sent_back' } };
  return { ok: true, request: { ...next, status: currentStage(next) ? 'pending' : 'approved' } };
}

/** The actor approves the current stage in the role they hold there. */
export const approve = (request: ApprovalRequest, actor: ApprovalActor, at: number): Result =>
  decide(request, actor, at, 'approved', null);

/**
 * The actor sends the request back with a reason (required): to the requester, or — where the
 * stage says so, or the decision asks — one stage back, which decides again (`sendBackTargetOf`).
 */
export function sendBack(
  request: ApprovalRequest,
  actor: ApprovalActor,
  at: number,
  reason: string,
  target?: SendBackTarget,
): Result {
  if (!reason.trim()) return { ok: false, error: { code: 'approvals.reason_required' } };
  return decide(request, actor, at, 'sent_back', reason.trim(), target);
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
