import { defineError } from '../../app/errors';

export const channelErrors = {
  notFound: defineError('channels.not_found', 404, '找不到该渠道', 'Channel not found'),
  userNotFound: defineError('channels.user_not_found', 404, '找不到该用户', 'User not found'),
  unitNotFound: defineError('channels.unit_not_found', 404, '找不到该组织单元', 'Unit not found'),
  conversationNotFound: defineError(
    'channels.conversation_not_found',
    404,
    '找不到该会话',
    'Conversation not found',
  ),
  secretsMissing: defineError(
    'channels.secrets_missing',
    400,
    '新建渠道必须填写全部密钥',
    'A new channel needs all of its secrets',
  ),
  intakeUserUnfit: defineError(
    'channels.intake_user_unfit',
    400,
    '受理人须在该单元有登记来电来访和新建工单的权限',
    'The intake person needs contacts.manage and tickets.create in this unit',
  ),
  badSignature: defineError(
    'channels.bad_signature',
    401,
    '回调签名校验失败，已拒收并记录',
    'The callback signature does not match; refused and logged',
  ),
  hookUnknown: defineError('channels.hook_unknown', 404, '回调地址无效', 'Unknown callback address'),
  wrongKind: defineError(
    'channels.wrong_kind',
    400,
    '该渠道不支持此操作',
    'This channel does not support that',
  ),
  vendorFailed: defineError(
    'channels.vendor_failed',
    502,
    '渠道服务商接口调用失败，请稍后重试',
    "The channel vendor's API failed; try again later",
  ),
  nothingToReplyTo: defineError(
    'channels.reply_window_closed',
    409,
    '客户 48 小时内没有来消息，微信客服不允许主动发送',
    'The customer has not written in the last 48 hours; WeChat customer service does not allow sending',
  ),
};
