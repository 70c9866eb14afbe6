import { commonErrors, defineError } from '../../app/errors';

export const contactErrors = {
  notFound: defineError('contacts.not_found', 404, '找不到该接待记录', 'Contact not found'),
  callNotFound: defineError(
    'contacts.call_not_found',
    404,
    '找不到这通来电的记录（只能关联自己接听的来电）',
    'No record of this call on your desk (only your own calls can be linked)',
  ),
  unitNotFound: commonErrors.unitNotFound,
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
  coordinationSheetNotApplicable: defineError(
    'contacts.coordination_sheet_not_applicable',
    422,
    '只有报事和投诉来函才开具协调单；表扬信和其他业务来函不开协调单',
    'Only service-report and complaint letters get a coordination sheet',
  ),
  coordinationSheetExists: defineError(
    'contacts.coordination_sheet_exists',
    409,
    '这封来函已开具协调单，请直接重新打印',
    'This letter already has a coordination sheet; print it again instead',
  ),
  coordinationSheetNotFound: defineError(
    'contacts.coordination_sheet_not_found',
    404,
    '这封来函还没有开具协调单',
    'This letter has no coordination sheet',
  ),
  coordinationDueInPast: defineError(
    'contacts.coordination_due_in_past',
    400,
    '处理期限不能早于现在',
    'The handling deadline cannot be in the past',
  ),
};
