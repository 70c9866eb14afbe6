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
export { computeDue, computeTimeline, targetState } from './sla.targets';
export type { SlaDueOptions, SlaStateInput, SlaTargetState, SlaTimeline } from './sla.targets';
export { escalationStepsDue } from './sla.escalation';
export type {
  EscalationAction,
  EscalationStep,
  EscalationTrigger,
  SlaTargetSnapshot,
} from './sla.escalation';
