import { commonErrors, defineError } from '../../app/errors';

export const customerErrors = {
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
};
