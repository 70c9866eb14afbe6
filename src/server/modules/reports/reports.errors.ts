import { commonErrors, defineError } from '../../app/errors';

/** Errors of the reports module; clients switch on the code. */
export const reportErrors = {
  unitNotFound: commonErrors.unitNotFound,
  rangeReversed: defineError(
    'reports.range_reversed',
    400,
    '结束日期早于开始日期，请重新选择统计区间',
    'The period ends before it starts; choose the dates again',
  ),
  dateInvalid: defineError('reports.date_invalid', 400, '日期不存在，请检查', 'That date does not exist'),
  rangeTooLong: defineError(
    'reports.range_too_long',
    400,
    '统计区间最长 400 天，请缩短区间',
    'A report covers at most 400 days; shorten the range',
  ),
  periodInvalid: defineError(
    'reports.period_label_invalid',
    400,
    '月份不正确，请用 YYYY-MM',
    'The month is not valid; use YYYY-MM',
  ),
  cutOffDayInvalid: defineError(
    'reports.cut_off_day_invalid',
    400,
    '结账日须为 1–28 日，或 31 表示月末',
    'The cut-off day must be 1–28, or 31 for the last day of the month',
  ),
  analysisNotFound: defineError(
    'reports.analysis_not_found',
    404,
    '找不到这一版月度分析',
    'No such version of the monthly analysis',
  ),
  analysisAlreadySigned: defineError(
    'reports.analysis_already_signed',
    409,
    '这一版已经签署，签署后不能再改动',
    'This version is already signed and cannot change',
  ),
  analysisNotLatest: defineError(
    'reports.analysis_not_latest',
    409,
    '只能签署最新一版，请先刷新查看最新内容',
    'Only the latest version can be signed; reload to see it',
  ),
  subscriptionMonthlyOnly: defineError(
    'reports.subscription_monthly_only',
    400,
    '月度满意度报告和质检月报按结账月统计，只能选择“每月结账日次日”发送',
    'The monthly satisfaction report and the quality review are kept per report month; choose the day after each cut-off',
  ),
  subscriptionTypesNotOffered: defineError(
    'reports.subscription_types_not_offered',
    400,
    '只有月度投诉分析、部门考核和不合格品统计可以按工单类型筛选',
    'Only the complaint analysis, department assessment and nonconformity reports filter by ticket type',
  ),
  subscriptionNotFound: defineError(
    'reports.subscription_not_found',
    404,
    '找不到这个定时发送',
    'No such scheduled delivery',
  ),
};
