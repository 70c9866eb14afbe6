import type { ModuleBundle, TranslationTree } from '../../i18n/module-bundles';

// Each string is written once as [中文, English] so the two languages cannot drift apart in keys.
type Pair = readonly [zh: string, en: string];
interface PairTree {
  [key: string]: Pair | PairTree;
}

function pick(tree: PairTree, index: 0 | 1): TranslationTree {
  const out: TranslationTree = {};
  for (const [key, value] of Object.entries(tree))
    out[key] = Array.isArray(value) ? (value as Pair)[index] : pick(value as PairTree, index);
  return out;
}

const strings: PairTree = {
  nav: {
    outbox: ['发件箱', 'Outbox'],
    templates: ['消息模板', 'Message templates'],
  },
  channel: { sms: ['短信', 'SMS'], email: ['邮件', 'E-mail'] },
  purpose: { service: ['服务通知', 'Service'], marketing: ['营销', 'Marketing'] },
  state: {
    queued: ['排队中', 'Queued'],
    sending: ['发送中', 'Sending'],
    sent: ['已发出', 'Sent'],
    delivered: ['已送达', 'Delivered'],
    failed: ['发送失败', 'Failed'],
    cancelled: ['已取消', 'Cancelled'],
  },
  reason: {
    marketing_opt_out: ['客户已拒收营销信息', 'Customer opted out of marketing'],
    attempts_exhausted: ['多次重试仍失败', 'Gave up after retries'],
    refused: ['通道拒收（号码或邮箱有误）', 'Refused by the provider'],
    cancelled_by_user: ['人工取消', 'Cancelled by hand'],
    undeliverable: ['网关回执：未能送达', 'Gateway receipt: not delivered'],
  },
  outcome: {
    sent: ['成功', 'Sent'],
    failed: ['失败', 'Failed'],
    interrupted: [
      '中断（发送程序重启，已用同一编号重发）',
      'Interrupted (worker restarted; resent with the same key)',
    ],
    running: ['进行中', 'Running'],
  },
  outbox: {
    title: ['发件箱', 'Outbox'],
    demoBanner: [
      '当前为演示发送通道：消息只保存在发件箱，不会真正发出。',
      'Demo channel: messages are only kept in the outbox and are not actually sent.',
    ],
    demoBannerSms: [
      '短信未接入短信网关（KEFU_SMS_PROVIDER=outbox），客户收不到短信。',
      'No SMS gateway configured (KEFU_SMS_PROVIDER=outbox): customers receive no SMS.',
    ],
    demoBannerEmail: [
      '邮件未接入 SMTP 服务器（KEFU_EMAIL_PROVIDER=outbox），客户收不到邮件。',
      'No SMTP server configured (KEFU_EMAIL_PROVIDER=outbox): customers receive no e-mail.',
    ],
    demoBannerHow: [
      '如需真正发送，请系统管理员按 README“短信与邮件”一节配置发送通道。',
      'To send for real, an administrator configures the providers as README “SMS and e-mail” describes.',
    ],
    unit: ['所属单位', 'Unit'],
    allStates: ['全部状态', 'All states'],
    allChannels: ['全部渠道', 'All channels'],
    search: ['搜索号码、邮箱、内容', 'Search number, address, text'],
    createdAt: ['创建时间', 'Created'],
    recipient: ['收件人', 'Recipient'],
    content: ['内容', 'Content'],
    template: ['模板', 'Template'],
    purposeLabel: ['类型', 'Purpose'],
    sendAt: ['计划发送', 'Send at'],
    sentAt: ['发出时间', 'Sent at'],
    attempts: ['尝试次数', 'Attempts'],
    provider: ['发送通道', 'Provider'],
    providerNames: {
      outbox: ['演示通道（未真正发出）', 'Demo (not actually sent)'],
      webhook: ['短信网关', 'SMS gateway'],
      smtp: ['SMTP 邮件', 'SMTP'],
    },
    detail: ['消息详情', 'Message details'],
    attemptLog: ['发送记录', 'Delivery attempts'],
    startedAt: ['开始时间', 'Started'],
    noAttempts: ['还没有发送过', 'Not attempted yet'],
    lastError: ['最近错误', 'Last error'],
    providerMessageId: ['通道消息编号', 'Provider message id'],
    source: ['来源', 'Source'],
    cancel: ['取消发送', 'Cancel'],
    cancelTitle: ['取消这条消息？', 'Cancel this message?'],
    cancelReason: ['取消原因（选填）', 'Reason (optional)'],
    cancelled: ['已取消，不会再发送', 'Cancelled; it will not be sent'],
    retry: ['重新发送', 'Send again'],
    retried: ['已重新排队，稍后发送', 'Queued again'],
    quietHoursNote: [
      '短信只在联系时段内发出，夜间的会顺延到第二天上午',
      'SMS go out only within contact hours',
    ],
  },
  optOut: {
    label: ['不接收营销信息', 'No marketing'],
    confirm: ['登记客户不接收营销信息？', 'Record that the customer refuses marketing?'],
    explain: [
      '之后不再给这位客户发促销、活动类短信和邮件；服务通知（回访、预约提醒、问卷）照常发送。',
      'No more promotions to this customer; service messages (follow-ups, reminders, surveys) still go.',
    ],
    reason: ['客户怎么说的（选填），如：来电要求不要再发促销短信', 'What the customer said (optional)'],
    on: ['已登记：不再发送营销信息', 'Recorded: no more marketing'],
    off: ['已恢复接收营销信息', 'Marketing allowed again'],
  },
  contactHours: {
    label: ['联系时段（电话、短信）', 'Contact hours (calls, SMS)'],
    own: ['本单位设置', 'Set for this unit'],
    inherited: ['沿用上级单位', 'Inherited from a parent unit'],
    default: ['系统默认', 'Company default'],
    inherit: ['改为沿用上级', 'Inherit again'],
    saved: ['联系时段已保存，之后的短信和回访按新时段安排', 'Contact hours saved'],
  },
  templates: {
    title: ['消息模板', 'Message templates'],
    intro: [
      '模板里用 {{example}} 这样的变量代入客户姓名、门店等信息。上级单位的模板下级自动沿用，本单位修改后只影响本单位及下级。',
      'Templates use variables such as {{example}} for names, stores and so on. Units inherit their parent’s templates; a change here applies to this unit and below.',
    ],
    unit: ['单位', 'Unit'],
    code: ['编码', 'Code'],
    name: ['名称', 'Name'],
    channelLabel: ['渠道', 'Channel'],
    subject: ['邮件主题', 'Subject'],
    body: ['正文', 'Text'],
    variables: ['变量', 'Variables'],
    source: ['来源', 'Source'],
    sourceShipped: ['系统默认', 'Shipped default'],
    sourceOwn: ['本单位', 'This unit'],
    sourceInherited: ['沿用上级', 'Inherited'],
    edit: ['修改', 'Edit'],
    customise: ['为本单位修改', 'Customise for this unit'],
    add: ['新建模板', 'New template'],
    restore: ['恢复上级/默认', 'Restore inherited'],
    restoreConfirm: [
      '删除本单位的修改，改回沿用上级或系统默认？',
      'Remove this unit’s text and use the inherited one?',
    ],
    restored: ['已恢复为沿用', 'Restored'],
    saved: ['模板已保存', 'Template saved'],
    insertVariable: ['点击插入变量', 'Click to insert a variable'],
    preview: ['预览（示例数据）', 'Preview (sample data)'],
    smsLength: ['{{length}} 字，按 {{parts}} 条短信计费', '{{length}} characters, billed as {{parts}} SMS'],
    unknownVariables: ['不认识的变量：{{names}}', 'Unknown variables: {{names}}'],
    pickUnit: ['先选择单位', 'Choose a unit first'],
    codeHelp: [
      '小写字母、数字、下划线，如 spring_offer',
      'Lowercase letters, digits and _, e.g. spring_offer',
    ],
  },
};

export const messagesI18n: ModuleBundle = {
  namespace: 'messages',
  zhCN: pick(strings, 0),
  en: pick(strings, 1),
};
