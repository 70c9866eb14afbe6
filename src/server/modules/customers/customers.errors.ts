import { commonErrors, defineError } from '../../app/errors';

export const customerErrors = {
  handoverNotReceived: defineError(
    'customers.handover_not_received',
    404,
    '该客户没有登记收到销售移交的档案',
    'No archive record from sales has been registered as received for this customer',
  ),
  handoverAlreadyReceived: defineError(
    'customers.handover_already_received',
    409,
    '该客户的移交档案已登记收到',
    'This customer’s handed-over record is already registered as received',
  ),
  handoverAlreadyChecked: defineError(
    'customers.handover_already_checked',
    409,
    '该移交档案已核对过',
    'This handed-over record has already been checked',
  ),
  handoverCheckIncomplete: defineError(
    'customers.handover_check_incomplete',
    400,
    '房号、电话、地址未全部核对无误时，请写明发现的问题',
    'Note the problem found when room, phone and address are not all ticked',
  ),
  erasurePending: defineError(
    'customers.erasure_pending',
    409,
    '该客户已有一份待审批的个人信息删除申请',
    'An erasure request for this customer is already awaiting approval',
  ),
  alreadyAnonymised: defineError(
    'customers.already_anonymised',
    409,
    '该客户的个人信息已匿名化',
    'This customer’s personal data has already been anonymised',
  ),
  notFound: defineError('customers.not_found', 404, '找不到该客户', 'Customer not found'),
  unitNotFound: commonErrors.unitNotFound,
  invalidPhone: defineError(
    'customers.invalid_phone',
    400,
    '电话号码不正确：请填写 11 位手机号、带区号的座机（如 021-6432 1234）或 400/800 号码',
    'Not a phone number: give an 11-digit mobile, a landline with its area code (e.g. 021-6432 1234) or a 400/800 number',
  ),
  childNotFound: defineError(
    'customers.item_not_found',
    404,
    '要修改的电话、地址或资产不属于该客户',
    'The phone, address or asset to change does not belong to this customer',
  ),
  phoneQueryTooShort: defineError(
    'customers.phone_query_too_short',
    400,
    '按号码查找至少输入 4 位数字',
    'Give at least 4 digits to search by phone number',
  ),
  specialAttentionReasonRequired: defineError(
    'customers.special_attention_reason_required',
    400,
    '标记重点关注客户时请写明原因',
    'Give a reason when flagging a customer for special attention',
  ),
  identityChangeNeedsForm: defineError(
    'customers.identity_change_needs_form',
    409,
    '姓名、电话、地址、证件号和房号不能直接修改：请填写客户信息变更登记表，由客服核实身份后生效',
    'Name, phones, addresses, ID and room numbers cannot be edited directly: submit a change form; it applies once customer service has verified the customer',
  ),
  changeEmpty: defineError(
    'customers.change_empty',
    400,
    '变更登记表里没有要变更的内容',
    'The change form changes nothing',
  ),
  changeNotFound: defineError('customers.change_not_found', 404, '找不到该变更登记', 'Change form not found'),
  changeStale: defineError(
    'customers.change_stale',
    409,
    '这份变更登记表填写后，同一项信息已按另一份登记表变更，请对照现在的档案重新填写',
    'Another change form changed the same field after this one was filled in; fill in a new form against the record as it is now',
  ),
  changeNotOpen: defineError(
    'customers.change_not_open',
    409,
    '该变更登记已经办结，不能再次办理',
    'This change form has already been dealt with',
  ),
  changeProofRequired: defineError(
    'customers.change_proof_required',
    400,
    '办理变更前请核实客户身份，并记录核对了哪项凭证（身份证号、电话或房号）',
    'Verify the customer before applying the change and record which proof was checked (ID number, phone or room number)',
  ),
  changeProofMismatch: defineError(
    'customers.change_proof_mismatch',
    422,
    '客户提供的凭证与档案不符，身份未核实，变更未生效',
    'The proof the customer gave does not match the record; identity not verified, nothing changed',
  ),
};
