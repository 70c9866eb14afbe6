import { commonErrors, defineError } from '../../app/errors';

export const returnErrors = {
  notFound: defineError('returns.not_found', 404, '找不到该申请', 'Return request not found'),
  unitNotFound: commonErrors.unitNotFound,
  refundAbovePaid: defineError(
    'returns.refund_above_paid',
    422,
    '退款金额不能超过客户实付金额',
    'The refund cannot exceed what the customer paid',
  ),
  refundAboveDecision: defineError(
    'returns.refund_above_decision',
    422,
    '退款金额不能超过政策核定的退款',
    'The refund cannot exceed what the policy decision allows',
  ),
  notAllowed: defineError(
    'returns.not_allowed',
    422,
    '按退换货政策，此申请不能办理，不能提交审批',
    'The policy does not allow this request; it cannot be submitted',
  ),
  documentsMissing: defineError(
    'returns.documents_missing',
    422,
    '单据不齐，请先核对并勾选所需单据',
    'Required documents are missing; check them off first',
  ),
  signatureMissing: defineError(
    'returns.signature_missing',
    422,
    '请先请客户签字（屏幕签名或纸质签字）',
    'The customer must sign first (on screen or on paper)',
  ),
  signatureInvalid: defineError(
    'returns.signature_invalid',
    400,
    '签名图片无效或为空白',
    'The signature image is invalid or blank',
  ),
  wrongState: defineError(
    'returns.wrong_state',
    409,
    '申请当前的状态不允许此操作',
    'The request’s current state does not allow this',
  ),
  policyBackdated: defineError(
    'returns.policy_backdated',
    400,
    '新政策的生效时间不能早于现在：已作出的决定不能因政策修改而改变',
    'A new policy version cannot start in the past: decisions already taken must not change',
  ),
  inspectionPending: defineError(
    'returns.inspection_pending',
    409,
    '质量问题须先检测：检测派工单完成后（或登记门店检测）才能继续',
    'A quality claim is inspected first: finish the inspection work order (or record an in-store inspection) before going on',
  ),
  noInspectionDue: defineError(
    'returns.no_inspection_due',
    409,
    '此申请不需要登记检测结果，或已登记',
    'This request needs no inspection finding, or has one already',
  ),
  inspectorNotFound: defineError(
    'returns.inspector_not_found',
    404,
    '找不到该检测人员',
    'Inspector not found',
  ),
  inspectionTimeInvalid: defineError(
    'returns.inspection_time_invalid',
    400,
    '检测时间须在申请之后、不晚于现在',
    'The inspection time must fall between the request and now',
  ),
  requestedBeforeOrder: defineError(
    'returns.requested_before_order',
    400,
    '申请时间不能早于下单时间',
    'The request cannot precede the order',
  ),
};
