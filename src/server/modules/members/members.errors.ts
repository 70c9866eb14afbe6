import { commonErrors, defineError } from '../../app/errors';

export const memberErrors = {
  unitNotFound: commonErrors.unitNotFound,
  memberNotFound: defineError('members.not_found', 404, '找不到该会员', 'Member not found'),
  customerNotFound: defineError('members.customer_not_found', 404, '找不到该客户', 'Customer not found'),
  alreadyMember: defineError(
    'members.already_member',
    409,
    '该客户已经是会员',
    'This customer is already a member',
  ),
  insufficientPoints: defineError(
    'members.insufficient_points',
    409,
    '积分余额不足，不能扣减',
    'Not enough points: a balance cannot go below zero',
  ),
  pointsSign: defineError(
    'members.points_sign',
    400,
    '获得和兑换的积分须为正数，调整不能为 0',
    'Earned and redeemed points must be positive; an adjustment cannot be zero',
  ),
  activityNotFound: defineError('members.activity_not_found', 404, '找不到该会员活动', 'Activity not found'),
  activityClosed: defineError(
    'members.activity_closed',
    409,
    '活动已取消，不能报名或签到',
    'The activity is cancelled: no sign-ups or attendance',
  ),
  notSignedUp: defineError(
    'members.not_signed_up',
    409,
    '该会员未报名此活动',
    'This member has not signed up for the activity',
  ),
  memberOutsideActivity: defineError(
    'members.member_outside_activity',
    404,
    '该会员不属于本活动的单位',
    "The member does not belong to the activity's unit",
  ),
  coordinatorNotFound: defineError(
    'members.coordinator_not_found',
    404,
    '找不到该协调人',
    'Coordinator not found',
  ),
};
