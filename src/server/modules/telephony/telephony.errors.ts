import { commonErrors, defineError } from '../../app/errors';

export const telephonyErrors = {
  tokenInvalid: defineError(
    'telephony.token_invalid',
    401,
    '话务接口令牌不正确',
    'The telephony token is not valid',
  ),
  agentUnknown: defineError(
    'telephony.agent_unknown',
    400,
    '请提供坐席分机号（agentExtension）',
    'Say which agent the call rings for (agentExtension)',
  ),
  extensionNotFound: defineError(
    'telephony.extension_not_found',
    404,
    '没有坐席使用该分机号',
    'No agent uses this extension',
  ),
  extensionTaken: defineError(
    'telephony.extension_taken',
    409,
    '该分机号已分配给其他坐席',
    'This extension belongs to another agent',
  ),
  agentCannotReceive: defineError(
    'telephony.agent_cannot_receive',
    409,
    '该坐席没有接听来电的权限（见习客服不能接听来电）',
    'This person may not take inbound calls (trainees cannot, IN-7)',
  ),
  extensionNotOwn: defineError(
    'telephony.extension_not_own',
    403,
    '只能为自己的分机模拟来电',
    'A signed-in person may only post calls for their own extension',
  ),
  recordingNotFound: defineError(
    'telephony.recording_not_found',
    404,
    '找不到这通电话的录音，或您没有收听录音的权限',
    'No recording of this call, or you may not play it',
  ),
  recordingUnavailable: defineError(
    'telephony.recording_unavailable',
    502,
    '暂时无法从话务平台取得录音，请稍后再试',
    'The telephony platform did not return the recording; try again later',
  ),
  userNotFound: defineError('telephony.user_not_found', 404, '找不到该用户', 'User not found'),
  // SLA-9 hotline report.
  unitNotFound: commonErrors.unitNotFound,
  rangeReversed: defineError(
    'reports.range_reversed',
    400,
    '结束日期早于开始日期',
    'The period ends before it starts',
  ),
  dateInvalid: defineError('reports.date_invalid', 400, '日期不正确', 'The date is not valid'),
  rangeTooLong: defineError(
    'telephony.hotline_range_too_long',
    400,
    '热线报表一次最多查看 366 天，请缩短日期范围',
    'The hotline report covers at most 366 days at a time; shorten the range',
  ),
};
