/** Public API of the return, exchange and cancellation rules (退换货 · 取消订单, RET-1…10). */
export {
  DEFAULT_RETURN_POLICY,
  calendarDaysBetween,
  decideReturn,
  localStamp,
  policyInForce,
  yuan,
} from './returns.policy';
export type {
  ReturnApprover,
  InspectionFinding,
  OrderLineFacts,
  RequestKind,
  RequestReason,
  ReturnDecision,
  ReturnDocument,
  ReturnOutcome,
  ReturnPolicy,
  ReturnRequest,
  ReturnRule,
} from './returns.policy';
