import { commonErrors, defineError } from '../../app/errors';

/** Quality review (RPT-7); the domain's own codes (reports.quality_*) are kept as they are. */
export const qualityErrors = {
  unitNotFound: commonErrors.unitNotFound,
  reviewNotFound: defineError(
    'quality.review_not_found',
    404,
    '找不到该质检记录',
    'Quality review not found',
  ),
  rangeReversed: defineError(
    'reports.range_reversed',
    400,
    '结束日期早于开始日期',
    'The period ends before it starts',
  ),
  dateInvalid: defineError('reports.date_invalid', 400, '日期不正确', 'The date is not valid'),
  rangeTooLong: defineError(
    'quality.range_too_long',
    400,
    '一次抽检最多覆盖 93 天，请缩短日期范围',
    'One draw covers at most 93 days; shorten the range',
  ),
  formConflict: defineError(
    'quality.form_conflict',
    409,
    '评分表刚被他人修改，请刷新后再保存',
    'Someone saved this form just now; reload and save again',
  ),
  alreadyScored: defineError(
    'quality.already_scored',
    409,
    '该记录已评分，不能重复评分；如有异议请走申诉',
    'This review is scored already; disagreement goes through an appeal',
  ),
  notScored: defineError('quality.not_scored', 409, '该记录尚未评分', 'This review has not been scored yet'),
  ownWork: defineError(
    'quality.own_work',
    403,
    '不能给自己处理的工作评分或处理自己的申诉',
    'Nobody scores their own work or decides their own appeal',
  ),
  appealNotYours: defineError(
    'reports.quality_appeal_not_yours',
    403,
    '只有被质检的坐席本人可以申诉',
    'Only the reviewed agent may appeal',
  ),
  alreadyAppealed: defineError(
    'reports.quality_already_appealed',
    409,
    '每条质检只能申诉一次',
    'A review may be appealed once only',
  ),
  noAppealPending: defineError(
    'reports.quality_no_appeal_pending',
    409,
    '该质检没有待处理的申诉',
    'This review has no appeal waiting for a decision',
  ),
  reviewerDecidesOwn: defineError(
    'reports.quality_reviewer_decides_own_appeal',
    403,
    '申诉须由评分人以外的另一位主管处理',
    'The appeal is decided by a supervisor other than the one who scored it',
  ),
};
