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
    group: ['满意度', 'Satisfaction'],
    results: ['满意度结果', 'Survey results'],
    builder: ['问卷模板', 'Survey templates'],
    weekly: ['满意度周报', 'Weekly summaries'],
  },
  kind: {
    csat: ['满意度评分（1–5）', 'CSAT (1–5)'],
    nps: ['推荐意愿（0–10）', 'NPS (0–10)'],
    satisfaction: ['满意/基本满意/不满意', 'Satisfied / basically / dissatisfied'],
    rating: ['星级评分', 'Star rating'],
    single: ['单选题', 'Single choice'],
    multiple: ['多选题', 'Multiple choice'],
    text: ['文字意见', 'Comment'],
  },
  level: {
    satisfied: ['满意', 'Satisfied'],
    basically_satisfied: ['基本满意', 'Basically satisfied'],
    dissatisfied: ['不满意', 'Dissatisfied'],
  },
  scale: {
    csatLow: ['非常不满意', 'Very dissatisfied'],
    csatHigh: ['非常满意', 'Very satisfied'],
    npsLow: ['完全不可能', 'Not at all likely'],
    npsHigh: ['非常可能', 'Extremely likely'],
  },
  form: {
    required: ['必答', 'Required'],
    submit: ['提交', 'Submit'],
    submitting: ['正在提交…', 'Submitting…'],
    missing: ['请先回答带 * 号的题目', 'Please answer the questions marked *'],
    textPlaceholder: ['请写下您的意见（选填）', 'Your comments (optional)'],
    recorded: ['已记录客户的回答', 'The customer’s answers are recorded'],
    followUp: ['客户不满意，已自动开跟进工单', 'Dissatisfied: a follow-up ticket was opened'],
    openFollowUp: ['查看跟进工单', 'Open the follow-up ticket'],
    answered: ['这份问卷已经填写过了', 'This survey has been answered'],
    expired: ['这份问卷已过期', 'This survey has expired'],
  },
  public: {
    intro: [
      '耽误您一分钟，请对我们的服务打个分，您的意见会直接转给门店负责人。',
      'One minute of your time: please rate our service. Your answers go straight to the store manager.',
    ],
    thanksTitle: ['感谢您的评价！', 'Thank you for your feedback!'],
    thanksBody: [
      '我们已收到您的意见。如有不满意的地方，门店会尽快与您联系。',
      'We have your answers. If anything was not right, the store will contact you soon.',
    ],
    answeredTitle: ['您已经提交过这份问卷', 'You have already answered this survey'],
    answeredBody: ['每份问卷只能填写一次，感谢您的反馈。', 'Each survey takes one answer. Thank you.'],
    expiredTitle: ['链接已过期', 'This link has expired'],
    expiredBody: [
      '问卷链接的有效期已过，如需帮助请致电门店客服。',
      'The survey link is no longer valid; please call the store for help.',
    ],
    unknownTitle: ['链接无效', 'This link is not valid'],
    unknownBody: [
      '请核对短信中的链接是否完整，或致电门店客服。',
      'Check that the whole link from the message was opened, or call the store.',
    ],
    errorTitle: ['暂时无法打开问卷', 'The survey cannot be opened right now'],
    retry: ['重试', 'Retry'],
    loading: ['正在加载…', 'Loading…'],
  },
  results: {
    title: ['满意度结果', 'Survey results'],
    unit: ['单位', 'Unit'],
    period: ['时间段', 'Period'],
    template: ['问卷', 'Survey'],
    allTemplates: ['全部问卷', 'All surveys'],
    employee: ['员工', 'Employee'],
    allEmployees: ['全部员工', 'All employees'],
    invited: ['发出邀请', 'Invited'],
    responses: ['回收问卷', 'Responses'],
    responseRate: ['回收率', 'Response rate'],
    csat: ['平均满意度（CSAT）', 'Average CSAT'],
    satisfiedRate: ['满意率（4–5 分）', 'Satisfied (4–5)'],
    nps: ['净推荐值（NPS）', 'NPS'],
    detractors: ['不满意（需跟进）', 'Detractors (follow-up)'],
    trend: ['每周满意度趋势', 'CSAT per week'],
    npsBreakdown: ['推荐者 / 中立者 / 贬损者', 'Promoters / passives / detractors'],
    promoters: ['推荐者（9–10）', 'Promoters (9–10)'],
    passives: ['中立者（7–8）', 'Passives (7–8)'],
    npsDetractors: ['贬损者（0–6）', 'Detractors (0–6)'],
    distribution: ['各题答案分布', 'Answers per question'],
    employees: ['员工满意度', 'Per employee'],
    comments: ['客户意见', 'Comments'],
    respondedAt: ['回答时间', 'Answered at'],
    comment: ['意见', 'Comment'],
    score: ['评分', 'Score'],
    followUp: ['跟进工单', 'Follow-up'],
    subject: ['回访对象', 'Surveyed'],
    noData: ['这个时间段还没有回收的问卷', 'No responses in this period'],
    truncated: ['数据较多，只统计了最近的 50,000 份', 'Only the newest 50,000 responses are counted'],
    weekOf: ['周（周一）', 'Week (Monday)'],
    count: ['份数', 'Count'],
    filteredBySubject: ['只看这一单的回访', 'Only this case’s surveys'],
  },
  builder: {
    title: ['问卷模板', 'Survey templates'],
    shipped: ['系统默认', 'Shipped'],
    own: ['本单位版本 v{{version}}', 'Own version v{{version}}'],
    name: ['问卷名称', 'Survey name'],
    description: ['说明', 'Description'],
    questions: ['题目', 'Questions'],
    addQuestion: ['添加题目', 'Add a question'],
    label: ['题目内容', 'Question'],
    kind: ['题型', 'Type'],
    options: ['选项（每行一个）', 'Options (one per line)'],
    scaleMax: ['最高分', 'Top of scale'],
    moveUp: ['上移', 'Move up'],
    moveDown: ['下移', 'Move down'],
    remove: ['删除', 'Remove'],
    preview: ['预览（客户看到的样子）', 'Preview (what the customer sees)'],
    save: ['保存为新版本', 'Save as a new version'],
    saved: ['问卷模板已保存，之后发出的问卷会用新版本', 'Saved; new surveys use this version'],
    newCode: ['新建问卷（编码）', 'New survey (code)'],
    codeHint: ['小写字母、数字、下划线，如 install_followup', 'Lowercase letters, digits, underscores'],
    create: ['新建', 'Create'],
    readOnly: ['您可以查看，修改需要“维护满意度问卷模板”权限', 'View only: editing needs surveys.manage'],
  },
  weekly: {
    title: ['满意度周报', 'Weekly satisfaction summaries'],
    hint: [
      '每周一自动生成上周（周一至周日）的满意度汇总，按单位和员工统计，并通知总部。',
      'Every Monday the previous week (Mon–Sun) is summarised per unit and employee and headquarters is notified.',
    ],
    week: ['周次', 'Week'],
    period: ['统计期间', 'Period'],
    unit: ['单位', 'Unit'],
    employees: ['员工明细', 'Employees'],
  },
  call: {
    title: ['电话回访问卷', 'Call survey'],
  },
};

export const surveysI18n: ModuleBundle = {
  namespace: 'surveys',
  zhCN: pick(strings, 0),
  en: pick(strings, 1),
};
