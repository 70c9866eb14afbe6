import { AppError, commonErrors, defineError } from '../../app/errors';

const list = (names: readonly string[]) => names.join('、');

export const messageErrors = {
  notFound: defineError('messages.not_found', 404, '找不到这条消息', 'Message not found'),
  templateNotFound: (code: string) =>
    new AppError(
      'messages.template_not_found',
      404,
      `找不到消息模板“${code}”`,
      `No message template "${code}"`,
      { code },
    ),
  templateChannelMismatch: (code: string, channel: string) =>
    new AppError(
      'messages.template_channel_mismatch',
      400,
      `模板“${code}”不是${channel === 'sms' ? '短信' : '邮件'}模板`,
      `Template "${code}" is not a ${channel} template`,
      { code, channel },
    ),
  variablesMissing: (missing: readonly string[]) =>
    new AppError(
      'messages.template_variables_missing',
      400,
      `缺少模板变量：${list(missing)}，消息没有发出`,
      `Template variables missing: ${missing.join(', ')}; nothing was sent`,
      { missing },
    ),
  unknownVariables: (unknown: readonly string[]) =>
    new AppError(
      'messages.template_unknown_variables',
      400,
      `模板里有不认识的变量：${list(unknown.map((v) => `{{${v}}}`))}，请从变量列表中选择`,
      `The template uses unknown variables: ${unknown.map((v) => `{{${v}}}`).join(', ')}`,
      { unknown },
    ),
  contentMissing: defineError(
    'messages.content_missing',
    400,
    '消息既没有选择模板也没有填写内容',
    'A message needs a template or a body',
  ),
  subjectMissing: defineError(
    'messages.subject_missing',
    400,
    '邮件需要填写主题',
    'An e-mail needs a subject',
  ),
  invalidPhone: (to: string) =>
    new AppError(
      'messages.invalid_phone',
      400,
      `“${to}”不是可以接收短信的手机号码`,
      `"${to}" is not a mobile number`,
      {
        to,
      },
    ),
  invalidEmail: (to: string) =>
    new AppError(
      'messages.invalid_email',
      400,
      `“${to}”不是有效的邮箱地址`,
      `"${to}" is not an e-mail address`,
      {
        to,
      },
    ),
  cannotCancel: defineError(
    'messages.cannot_cancel',
    409,
    '只有排队中的消息可以取消（正在发送或已发出的消息无法撤回）',
    'Only a queued message can be cancelled',
  ),
  cannotRetry: defineError(
    'messages.cannot_retry',
    409,
    '只有发送失败或已取消的消息可以重新发送',
    'Only a failed or cancelled message can be retried',
  ),
  templateExists: defineError(
    'messages.template_exists',
    409,
    '本单位已经有这个编码的模板，请直接修改它',
    'This unit already has a template with this code',
  ),
  templateCodeReserved: defineError(
    'messages.template_channel_fixed',
    400,
    '系统模板的发送渠道不能更改',
    'A shipped template keeps its channel',
  ),
  invalidContactHours: defineError(
    'messages.invalid_contact_hours',
    400,
    '联系时段不正确：开始和结束须为 HH:MM，且开始早于结束',
    'Contact hours must be HH:MM with the start before the end',
  ),
  optedOut: defineError(
    'messages.customer_opted_out',
    409,
    '客户已拒收营销信息，这条营销消息不能再发',
    'The customer refuses marketing; this message cannot be sent',
  ),
  receiptTooEarly: defineError(
    'messages.receipt_before_sent',
    409,
    '这条消息还没有发出，不能登记送达结果',
    'The message has not been sent yet',
  ),
  receiptUnauthorised: defineError(
    'messages.receipt_unauthorised',
    401,
    '回执的密钥不正确',
    'The receipt does not carry the webhook secret',
  ),
  unitNotFound: commonErrors.unitNotFound,
  customerNotFound: defineError('messages.customer_not_found', 404, '找不到这位客户', 'Customer not found'),
};
