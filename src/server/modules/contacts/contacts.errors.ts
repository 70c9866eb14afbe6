import { defineError } from '../../app/errors';

export const contactErrors = {
  notFound: defineError('contacts.not_found', 404, '找不到该接待记录', 'Contact not found'),
  unitNotFound: defineError(
    'contacts.unit_not_found',
    404,
    '找不到该组织单元',
    'Organisation unit not found',
  ),
  unitRequired: defineError(
    'contacts.unit_required',
    400,
    '请选择记录归属的门店或部门',
    'Say which unit the contact belongs to (unitId), or give the customer',
  ),
  occurredInFuture: defineError(
    'contacts.occurred_in_future',
    400,
    '接待时间不能晚于现在',
    'A contact cannot have happened in the future',
  ),
  letterCategoryRequired: defineError(
    'contacts.letter_category_required',
    400,
    '来函请选择类别：报事、投诉、表扬或其他业务',
    'A letter needs its category: service_report, complaint, praise or other_business',
  ),
  letterFieldsOnLetterOnly: defineError(
    'contacts.letter_fields_on_letter_only',
    400,
    '只有来函才填写来函类别、寄件人和收函日期',
    'Letter category, sender and received date belong to letters only',
  ),
};
