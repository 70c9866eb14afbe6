import { commonErrors, defineError } from '../../app/errors';

export const journeyErrors = {
  notFound: defineError('journeys.not_found', 404, '找不到该服务流程', 'Journey not found'),
  templateNotFound: defineError(
    'journeys.template_not_found',
    404,
    '找不到该流程模板',
    'Journey template not found',
  ),
  templateInvalid: defineError(
    'journeys.template_invalid',
    422,
    '流程模板有误，不能保存（详见错误说明）',
    'The journey template is invalid and cannot be saved (see the details)',
  ),
  unitNotFound: commonErrors.unitNotFound,
  orderNotFound: defineError('journeys.order_not_found', 404, '找不到该订单', 'Order not found'),
  finished: defineError('journeys.finished', 409, '该流程已结束', 'The journey has finished'),
  requirementsMissing: defineError(
    'journeys.requirements_missing',
    422,
    '当前阶段还有未完成的资料，不能进入下一阶段（缺少的项目见说明）',
    'Something the current stage requires is missing; it cannot be left yet (the missing items are listed)',
  ),
  answerRequired: defineError(
    'journeys.answer_required',
    422,
    '请先回答本阶段的问题（是 / 否）再继续',
    'Answer the stage’s question (yes / no) before going on',
  ),
  notOfStage: defineError(
    'journeys.not_of_stage',
    422,
    '当前阶段不需要这份表单、资料或审批',
    'The current stage does not ask for this form, document or approval',
  ),
  paymentUnknown: defineError(
    'journeys.payment_unknown',
    422,
    '当前阶段没有这笔款项',
    'The current stage has no such payment',
  ),
  contractMissing: defineError(
    'journeys.contract_missing',
    422,
    '请先登记合同金额，才能按比例计算应收款',
    'Record the contract sum first: payments are a share of it',
  ),
  paymentShort: defineError(
    'journeys.payment_short',
    422,
    '实收金额少于应收金额',
    'The amount received is less than the amount due',
  ),
  approvalGranted: defineError(
    'journeys.approval_granted',
    409,
    '该审批已经批准，无需再次提交',
    'This approval has already been granted',
  ),
  approvalPending: defineError(
    'journeys.approval_pending',
    409,
    '该审批已提交，正在审批中',
    'This approval has been asked for and is pending',
  ),
  approvalBeyondAuthority: defineError(
    'journeys.approval_beyond_authority',
    422,
    '超出审批权限，任何人都不能批准（如折扣超过 200 元），请按规定调整后再提交',
    'Beyond anyone’s authority to approve (such as a discount above ¥200); change it as the rules say and ask again',
  ),
  approvalNotNeeded: defineError(
    'journeys.approval_not_needed',
    422,
    '按当前登记的内容，这一阶段不需要该审批',
    'With what is on file, the current stage does not need this approval',
  ),
  linkOtherCustomer: defineError(
    'journeys.link_other_customer',
    422,
    '该工单或派工单属于其他客户，不能关联到这个流程',
    'The ticket or work order belongs to another customer and cannot be linked to this journey',
  ),
  linkNotFound: defineError(
    'journeys.link_not_found',
    404,
    '该流程没有这条关联（可能已被取消）',
    'The journey has no such link (it may have been removed already)',
  ),
};
