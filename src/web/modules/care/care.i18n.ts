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
    group: ['客户关怀', 'Customer care'],
    worklist: ['回访工作台', 'Follow-up worklist'],
    rules: ['关怀规则', 'Care rules'],
  },
  worklist: {
    title: ['回访工作台', 'Follow-up worklist'],
    dueToday: ['今天要打', 'Due today'],
    dueAll: ['全部待办', 'All open'],
    mine: ['我领取的', 'Claimed by me'],
    empty: ['今天的回访都做完了', 'No follow-ups waiting'],
    pick: ['从左边选一个任务开始回访', 'Pick a task on the left to start'],
    due: ['应联系时间', 'Due'],
    customer: ['客户', 'Customer'],
    reason: ['回访原因', 'Why'],
    attempts: ['已拨打 {{count}} 次', '{{count}} attempt(s)'],
    mergedWith: ['同日合并：{{reasons}}', 'Merged the same day: {{reasons}}'],
    claimedByOther: ['同事处理中', 'A colleague is on it'],
    claim: ['领取（Enter）', 'Claim (Enter)'],
    release: ['放回', 'Release'],
    keyboardHint: [
      '↑/↓ 选择任务，Enter 领取，数字键 1–7 记录结果',
      '↑/↓ pick a task, Enter claims, keys 1–7 record the outcome',
    ],
    claimed: ['已领取，30 分钟内有效', 'Claimed for 30 minutes'],
    recorded: ['回访结果已记录', 'Outcome recorded'],
    smsFallback: [
      '已拨打三次未接通，系统已自动发送短信',
      'Three calls unanswered: the SMS has gone out automatically',
    ],
    ticketOpened: ['已生成关联工单', 'A linked ticket was opened'],
    unit: ['门店', 'Unit'],
  },
  detail: {
    card: ['客户信息', 'Customer'],
    specialAttention: ['特别关注', 'Special attention'],
    phones: ['电话', 'Phones'],
    assets: ['资产', 'Assets'],
    script: ['回访话术', 'Script'],
    objections: ['常见异议应答', 'Objection answers'],
    noObjections: ['暂无异议应答，可在“关怀规则”里补充', 'No answers yet; add them under Care rules'],
    history: ['历史记录', 'History'],
    tickets: ['工单', 'Tickets'],
    contacts: ['来电来访', 'Contacts'],
    careTasks: ['历次关怀', 'Earlier care'],
    attempts: ['拨打记录', 'Attempts'],
    survey: ['满意度问卷', 'Survey'],
    noSurvey: ['本次回访不需要问卷', 'No survey for this follow-up'],
    outcome: ['回访结果', 'Outcome'],
    note: ['备注', 'Note'],
    callBackAt: ['约定回电时间', 'Call back at'],
    issueSubject: ['问题概述（生成工单）', 'Issue (opens a ticket)'],
    save: ['记录结果', 'Record'],
    linkedTicket: ['关联工单', 'Linked ticket'],
    loadFailed: ['任务加载失败，请刷新重试', 'The task could not be loaded; refresh to retry'],
  },
  outcome: {
    reached_satisfied: ['已接通·满意', 'Reached – satisfied'],
    reached_issue: ['已接通·有问题', 'Reached – issue'],
    no_answer: ['无人接听', 'No answer'],
    unreachable: ['无法接通', 'Unreachable'],
    wrong_number: ['号码错误', 'Wrong number'],
    refused: ['拒绝回访', 'Refused'],
    call_back: ['约定再联系', 'Call back at…'],
  },
  state: {
    open: ['待回访', 'Open'],
    merged: ['已合并', 'Merged'],
    done: ['已完成', 'Done'],
    sms_fallback: ['已转短信', 'SMS sent instead'],
    sent: ['已发送', 'Sent'],
    refused: ['客户拒绝', 'Refused'],
    unreachable: ['号码错误', 'Wrong number'],
    skipped: ['未联系', 'Skipped'],
  },
  channel: {
    call: ['电话', 'Call'],
    sms: ['短信', 'SMS'],
    email: ['邮件', 'E-mail'],
    letter: ['信函', 'Letter'],
  },
  purpose: { service: ['服务', 'Service'], marketing: ['营销', 'Marketing'] },
  rules: {
    title: ['关怀规则', 'Care rules'],
    intro: [
      '系统预置规则对所有门店生效；在这里可以按门店修改或停用，下级门店继承上级的设置。',
      'Shipped rules apply everywhere; change or switch them off per unit here — units below inherit.',
    ],
    group: {
      event: ['事件触发', 'On an event'],
      date: ['按日期', 'On a date'],
      inactivity: ['长期未到店', 'After inactivity'],
    },
    name: ['规则', 'Rule'],
    when: ['触发', 'When'],
    offset: ['时间', 'Offset'],
    channel: ['方式', 'Channel'],
    purpose: ['性质', 'Purpose'],
    line: ['业务线', 'Business line'],
    enabled: ['启用', 'Enabled'],
    source: ['来源', 'From'],
    shipped: ['系统预置', 'Shipped'],
    inherited: ['继承上级', 'Inherited'],
    own: ['本单位设置', 'Set here'],
    edit: ['修改', 'Edit'],
    reset: ['恢复继承', 'Restore'],
    newRule: ['新建规则', 'New rule'],
    code: ['规则代码', 'Code'],
    nameZh: ['中文名称', 'Name (Chinese)'],
    nameEn: ['英文名称', 'Name (English)'],
    script: ['话术', 'Script'],
    survey: ['问卷模板', 'Survey template'],
    template: ['短信/邮件模板', 'Message template'],
    saved: ['规则已保存', 'Rule saved'],
    resetDone: ['已恢复为继承的设置', 'Restored to the inherited rule'],
    runNow: ['立即执行今天的日期规则', 'Run today’s date rules now'],
    ran: ['已执行，新建 {{count}} 个任务', 'Done: {{count}} new task(s)'],
    objections: ['常见异议应答', 'Objection answers'],
    objectionsNote: [
      '知识库上线前，标准异议应答先在这里维护，回访时显示在话术旁。',
      'Until the knowledge base exists, standard objection answers live here and show beside the script.',
    ],
    objection: ['客户异议', 'Objection'],
    answer: ['标准应答', 'Answer'],
    forRule: ['适用规则', 'For rule'],
    allRules: ['所有规则', 'All rules'],
    addObjection: ['添加应答', 'Add answer'],
    delete: ['删除', 'Delete'],
    event: {
      'ticket.closed': ['工单关闭', 'Ticket closed'],
      'workorder.completed': ['服务完工', 'Service completed'],
      'workorder.closed': ['服务单关闭', 'Work order closed'],
    },
    field: {
      birthday: ['客户生日', 'Birthday'],
      holiday: ['法定节假日', 'Public holiday'],
      purchase: ['购买/交房日期', 'Purchase / move-in date'],
      maintenance_due: ['保养到期', 'Maintenance due'],
      inspection_due: ['年审到期', 'Inspection due'],
    },
    inactivityDays: ['{{days}} 天未到店', '{{days}} days without a visit'],
    unit: {
      minutes: ['分钟', 'minutes'],
      hours: ['小时', 'hours'],
      days: ['天', 'days'],
      working_days: ['个工作日', 'working days'],
      months: ['个月', 'months'],
    },
    businessLine: {
      all: ['通用', 'All'],
      automotive: ['汽车', 'Automotive'],
      retail: ['零售', 'Retail'],
      real_estate: ['地产物业', 'Real estate'],
      appliance: ['家电', 'Appliances'],
    },
  },
};

export const careI18n: ModuleBundle = { namespace: 'care', zhCN: pick(strings, 0), en: pick(strings, 1) };
