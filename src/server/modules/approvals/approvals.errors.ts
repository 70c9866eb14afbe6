import { commonErrors, defineError } from '../../app/errors';

export const approvalErrors = {
  notFound: defineError('approvals.not_found', 404, '找不到该审批', 'Approval request not found'),
  unitNotFound: commonErrors.unitNotFound,
  noChain: defineError(
    'approvals.no_chain',
    409,
    '没有适用于此申请的审批流程，请先在审批设置中配置',
    'No approval chain fits this request; set one up first',
  ),
  notPending: defineError(
    'approvals.not_pending',
    409,
    '该审批已结束或已退回',
    'This request is no longer awaiting approval',
  ),
  ownRequest: defineError(
    'approvals.own_request',
    403,
    '不能审批自己提交的申请',
    'You cannot approve a request you filed yourself',
  ),
  notYourStep: defineError(
    'approvals.not_your_step',
    403,
    '当前审批环节不属于您的角色',
    'The current step belongs to another role',
  ),
  reasonRequired: defineError(
    'approvals.reason_required',
    400,
    '退回须写明原因',
    'A reason is required to send it back',
  ),
  notSentBack: defineError(
    'approvals.not_sent_back',
    409,
    '该申请未被退回，不能重新提交',
    'Only a request sent back can be resubmitted',
  ),
  notRequester: defineError(
    'approvals.not_requester',
    403,
    '只有申请人可以这样做',
    'Only the requester can do this',
  ),
  delegateSelf: defineError(
    'approvals.delegate_self',
    400,
    '不能委托给自己',
    'You cannot delegate to yourself',
  ),
  delegateNotFound: defineError('approvals.delegate_not_found', 404, '找不到该代理人', 'Delegate not found'),
  delegationNotFound: defineError(
    'approvals.delegation_not_found',
    404,
    '找不到该委托',
    'Delegation not found',
  ),
};

/** The engine's domain refusals as the API answers them. */
export function fromDomain(code: string, details?: unknown) {
  switch (code) {
    case 'approvals.own_request':
      return approvalErrors.ownRequest(details);
    case 'approvals.not_your_step':
      return approvalErrors.notYourStep(details);
    case 'approvals.reason_required':
      return approvalErrors.reasonRequired(details);
    case 'approvals.not_sent_back':
      return approvalErrors.notSentBack(details);
    case 'approvals.not_requester':
      return approvalErrors.notRequester(details);
    default:
      return approvalErrors.notPending(details);
  }
}
