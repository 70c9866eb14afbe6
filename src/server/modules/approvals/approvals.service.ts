/**
 * The approval engine's public face (docs/decisions/0012, 0016): a module registers its subject type
 * and opens, resubmits or withdraws the request of one record inside its own transaction; the
 * engine calls it back when the request is approved, sent back or passes a stage.
 */
export {
  approvalRowOf,
  decideApprovalIn,
  chainsReaching,
  decideApproval as decideApprovalStep,
  openApproval,
  registerApprovalSubject,
  voidApproval,
  withdrawApproval,
  type ApprovalRow,
  type ApprovalSubjectHandler,
  type DecideOptions,
  type OpenApprovalInput,
  type SentBack,
} from './approvals.engine';
export { approvalOfSubject, mayViewApprovalOf } from './approvals.queries';
export { rolesAt } from './approvals.engine';
