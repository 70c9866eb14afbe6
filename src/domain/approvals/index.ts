/** Public API of the approval engine (审批: RET-2/8, PAY-3, ORG-3, CMP-5, REP-8). */
export {
  APPROVAL_STAGE_DECIDED,
  approve,
  awaitedRoles,
  chooseChain,
  currentStage,
  delegationActive,
  openRequest,
  resubmit,
  sendBack,
  sendBackTargetOf,
  stageTarget,
  withdraw,
} from './approvals';
export type {
  ApprovalActor,
  ApprovalChainRule,
  ApprovalError,
  ApprovalFacts,
  ApprovalRequest,
  ApprovalStage,
  ApprovalStatus,
  ApprovalStep,
  ApprovalTimeLimit,
  Delegation,
  SendBackTarget,
} from './approvals';
export {
  APPROVAL_KINDS,
  DEFAULT_APPROVAL_CHAINS,
  SMALL_CHARGE_THRESHOLD_FEN,
  STAGE_LABELS,
} from './approvals.defaults';
export type { ApprovalKind, NamedChainRule } from './approvals.defaults';
