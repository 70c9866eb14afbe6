/** Public API of the SLA core (服务时限). */
export type {
  SlaAllowed,
  SlaDurationUnit,
  SlaPause,
  SlaPolicy,
  SlaStart,
  SlaTarget,
  SlaTargetKey,
  SlaTargetStateName,
} from './sla.types';
export { SLA_CALENDAR_MISSING_YEAR, SlaError, slaError } from './sla.errors';
export type { SlaErrorCode } from './sla.errors';
export { DEFAULT_SLA_POLICIES, defaultSlaPolicy, validateSlaPolicy } from './sla.policies';
export type { TicketType } from './sla.policies';
export { resolvePolicy } from './sla.resolve';
export type { EffectivePolicy, SlaPolicyOverride } from './sla.resolve';
export { computeDue, computeTimeline, targetState } from './sla.targets';
export type { SlaDueOptions, SlaStateInput, SlaTargetState, SlaTimeline } from './sla.targets';
export { escalationStepsDue } from './sla.escalation';
export type {
  EscalationAction,
  EscalationStep,
  EscalationTrigger,
  SlaTargetSnapshot,
} from './sla.escalation';
export { isEmittedOn, SLA_EVENTS } from './sla.events';
export type { SlaEventInfo, SlaEventName, SlaSubjectType } from './sla.events';
export {
  endReasonOf,
  restartPlan,
  restartsOnReopen,
  SLA_END_REASON_TEXT,
  SLA_END_REASONS,
} from './sla.lifecycle';
export type { RestartPlan, SlaEndReason, TargetRun } from './sla.lifecycle';
export {
  isAtRiskAt,
  isBreachedAt,
  isLiveTarget,
  isOpenTarget,
  isOverdue,
  isRunningTarget,
  LIVE_TARGET_STATES,
  OPEN_TARGET_STATES,
  RUNNING_TARGET_STATES,
  SLA_TARGET_STATES,
} from './sla.target-states';
export type { SlaTargetRunState, TargetClock } from './sla.target-states';
