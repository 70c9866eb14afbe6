import { pick, type ModuleBundle, type PairTree } from '../../i18n/module-bundles';

// Each string is written once as [中文, English].
const strings: PairTree = {
  nav: {
    accounts: ['接入渠道', 'Channels'],
    conversations: ['微信客服会话', 'WeChat conversations'],
  },
  kind: {
    sms_aliyun: ['阿里云短信', 'Aliyun SMS'],
    sms_tencent: ['腾讯云短信', 'Tencent Cloud SMS'],
    wechat_kf: ['微信客服', 'WeChat customer service'],
    wecom_app: ['企业微信应用（员工通知）', 'WeCom app (staff notices)'],
    dingtalk_app: ['钉钉应用（员工通知）', 'DingTalk app (staff notices)'],
  },
  approval: {
    pending: ['审核中', 'Under review'],
    approved: ['已通过', 'Approved'],
    rejected: ['未通过', 'Rejected'],
    none: ['未登记网关模板', 'No gateway template'],
  },
  accounts: {
    title: ['接入渠道', 'Channels'],
    intro: [
      '短信网关与微信客服在此接入。密钥加密保存，保存后不再显示；留空表示沿用已保存的密钥。',
      'Connect SMS gateways and WeChat customer service here. Secrets are stored encrypted and never shown again; leave one empty to keep the stored value.',
    ],
    add: ['接入新渠道', 'Add a channel'],
    edit: ['修改', 'Edit'],
    name: ['名称', 'Name'],
    kind: ['类型', 'Type'],
    unit: ['所属单位', 'Unit'],
    enabled: ['启用', 'Enabled'],
    status: ['状态', 'Status'],
    ok: ['正常', 'OK'],
    lastError: ['最近故障：{{error}}', 'Last problem: {{error}}'],
    refused: ['已拒收 {{count}} 次伪造或错误回调', '{{count}} forged or wrong callbacks refused'],
    refused_one: ['已拒收 {{count}} 次伪造或错误回调', '{{count}} forged or wrong callback refused'],
    hooks: ['回调地址（填到服务商后台）', 'Callback addresses (enter them at the vendor)'],
    secretSet: ['已设置', 'Set'],
    secretKeep: ['留空则沿用已保存的值', 'Leave empty to keep the stored value'],
    intakeUser: ['受理人（用户 ID）', 'Intake person (user id)'],
    intakeHelp: [
      '微信客服消息以此人名义登记来访记录并新建工单，须有登记和新建工单的权限',
      'WeChat messages are logged and ticketed as this person; they need contacts.manage and tickets.create',
    ],
    endpoint: ['接口地址（留空用官方地址）', 'API address (empty: the vendor’s own)'],
    autoTicket: ['新会话自动建工单', 'New conversations open a ticket'],
    saved: ['渠道已保存', 'Channel saved'],
    sync: ['立即拉取消息', 'Pull messages now'],
    synced: ['拉取完成：新消息 {{stored}} 条', 'Pulled: {{stored}} new messages'],
    templates: ['网关模板', 'Gateway templates'],
  },
  templates: {
    kefuCode: ['客服系统模板代码', 'Kefu template code'],
    providerCode: ['服务商模板 ID', 'Vendor template id'],
    params: ['参数顺序（逗号分隔）', 'Parameter order (comma separated)'],
    add: ['登记模板', 'Register a template'],
    check: ['查询审核状态', 'Check approval'],
    checked: ['审核状态已更新', 'Approval state updated'],
    gateway: ['网关审核', 'Gateway approval'],
  },
  conversations: {
    title: ['微信客服会话', 'WeChat conversations'],
    empty: ['还没有会话', 'No conversations yet'],
    customer: ['客户', 'Customer'],
    unbound: ['未识别客户', 'Customer not identified'],
    ticket: ['工单', 'Ticket'],
    reply: ['回复', 'Reply'],
    replyPlaceholder: [
      '输入回复内容，将通过微信客服发给客户',
      'Type a reply; it goes to the customer in WeChat',
    ],
    sent: ['已发送', 'Sent'],
    bind: ['绑定客户（客户 ID）', 'Bind to a customer (customer id)'],
    bound: ['已绑定客户', 'Customer bound'],
    inbound: ['客户', 'Customer'],
    outbound: ['客服', 'Agent'],
  },
};

export const channelsI18n: ModuleBundle = {
  namespace: 'channels',
  zhCN: pick(strings, 0),
  en: pick(strings, 1),
};
