import { pairsOf, pick, type ModuleBundle, type PairTree } from '../../i18n/module-bundles';
import { CLOSE_OUT_STAGE_LABELS } from '../../../shared/complaints';

// The CMP-5 close-out chain, the close-out worklist, the CMP-4 meeting and the complaint rules.
// Each string is written once as [中文, English] so the two languages cannot drift apart in keys.
const strings: PairTree = {
  nav: {
    closeOuts: ['投诉结案', 'Complaint close-out'],
    rules: ['投诉规则', 'Complaint rules'],
  },
  chain: {
    title: ['结案流程', 'Close-out'],
    notApplicable: ['此类工单无须走结案流程', 'This ticket type closes without close-out'],
    notStarted: [
      '处理完毕（已解决）后，由接诉人申请结案',
      'Once resolved, the intake agent asks for close-out',
    ],
    request: ['接诉人申请结案', 'Intake agent asks for close-out'],
    filing: ['销售归档', 'Filed by sales'],
    step: {
      quality_opinion: ['质量负责人意见', 'Quality lead’s opinion'],
      assessment: ['绩效考核确认', 'Assessment confirmed'],
      approval: ['总经理审批', 'General manager’s approval'],
    },
    owner: {
      quality_opinion: ['质量负责人', 'Quality lead'],
      assessment: ['绩效考核负责人', 'Performance-assessment lead'],
      approval: ['总经理', 'General manager'],
      intake_agent: ['接诉人', 'Intake agent'],
    },
    stage: { ...pairsOf(CLOSE_OUT_STAGE_LABELS), none: ['未申请', 'Not asked for'] },
    doneBy: ['{{name}} · {{time}}', '{{name}} · {{time}}'],
    waiting: ['待办理', 'Waiting'],
    notYet: ['未到此步', 'Not yet'],
    turn: ['现在轮到：{{owner}}', 'Now with: {{owner}}'],
    holders: ['（{{names}}）', ' ({{names}})'],
    noHolders: [
      '（本单位暂无人担任此角色，请管理员在「用户」中分配）',
      ' (nobody holds this role for the unit yet — an administrator assigns it under Users)',
    ],
    lastReturn: [
      '{{name}} 从「{{step}}」退回：{{reason}}',
      '{{name}} sent it back from “{{step}}”: {{reason}}',
    ],
    filedAt: [
      '已归档 · {{time}}（随总经理批准归档）',
      'Filed · {{time}} (with the general manager’s approval)',
    ],
    requestNote: ['结案说明', 'Note'],
    filingHint: ['总经理批准后随即归档', 'Filed as soon as the general manager approves'],
  },
  action: {
    request: ['申请结案', 'Ask for close-out'],
    requestAgain: ['重新申请结案', 'Ask for close-out again'],
    requestNotePlaceholder: [
      '简要说明处理结果，如：已上门返工，客户确认满意（选填）',
      'What was done, e.g. reworked on site, customer confirmed (optional)',
    ],
    requested: ['已申请结案，等待质量负责人出具意见', 'Close-out asked for; the quality lead is next'],
    quality_opinion: ['填写处理意见', 'Write the opinion'],
    assessment: ['确认已考核', 'Confirm the assessment'],
    approval: ['批准结案', 'Approve and close'],
    textLabel: {
      quality_opinion: ['对责任部门的处理意见', 'Opinion on the responsible department'],
      assessment: ['考核情况', 'How the assessment was carried out'],
      approval: ['审批意见（选填）', 'Comment (optional)'],
    },
    textPlaceholder: {
      quality_opinion: [
        '如：责任在安装环节，工程部已返工，建议通报批评',
        'e.g. the fault lies with installation; engineering reworked it',
      ],
      assessment: ['如：已按制度对工程部当月考核扣 2 分', 'e.g. engineering marked down 2 points this month'],
      approval: ['如：同意结案', 'e.g. approved'],
    },
    countsLabel: ['计入责任部门绩效考核', "Counts in the department's performance assessment"],
    counts: ['计入', 'Counts'],
    notCounted: ['不计入', 'Does not count'],
    notCountedHint: [
      '不计入考核时无需填写考核说明，直接确认即可',
      'Not counted: no assessment note is needed, just confirm',
    ],
    notCountedDone: ['不计入考核', 'Not counted in the assessment'],
    approveHint: [
      '批准后工单即关闭，投诉记录随即归档。',
      'Approving closes the ticket and files the complaint record.',
    ],
    stepDone: {
      quality_opinion: ['处理意见已提交，转绩效考核负责人确认', 'Opinion saved; the assessment lead is next'],
      assessment: ['已确认考核，转总经理审批', 'Assessment confirmed; the general manager is next'],
      approval: ['已批准结案，工单已关闭并归档', 'Approved: the ticket is closed and filed'],
    },
    sendBack: ['退回', 'Send back'],
    sendBackTitle: ['退回到「{{to}}」', 'Send back to “{{to}}”'],
    sendBackReason: ['退回原因', 'Reason'],
    sendBackPlaceholder: ['请写明需要补充或更正的内容', 'What needs to be added or corrected'],
    sentBack: ['已退回', 'Sent back'],
    textRequired: ['请填写内容', 'Please fill this in'],
  },
  worklist: {
    title: ['投诉结案', 'Complaint close-out'],
    mine: ['待我办理', 'Waiting for me'],
    open: ['办理中', 'Under way'],
    filed: ['已归档', 'Filed'],
    empty: ['没有需要办理的结案', 'Nothing to close out'],
    stage: ['当前环节', 'Stage'],
    requestedBy: ['申请人', 'Asked by'],
    qualityOpinion: ['质量负责人意见', 'Quality lead’s opinion'],
    assessment: ['考核情况', 'Assessment'],
    approvedBy: ['批准人', 'Approved by'],
    lastReturn: ['最近退回', 'Last sent back'],
    open_ticket: ['去办理', 'Open'],
  },
  meeting: {
    title: ['原因分析会', 'Cause-analysis meeting'],
    reason: {
      product_complaint: ['产品投诉', 'Product complaint'],
      hard_complaint: ['硬性投诉', 'Hard complaint'],
      claim_over_threshold: ['索赔金额超过标准', 'Claim above the amount'],
    },
    convenor: ['召集：管理者代表（管代）', 'Convened by the management representative'],
    minutes: ['记录：销售部', 'Minutes: sales'],
    invited: ['参会：{{departments}}', 'Invited: {{departments}}'],
    department: {
      sales: ['销售', 'Sales'],
      technical: ['技术', 'Technical'],
      quality: ['质检', 'Quality inspection'],
      supply: ['供应', 'Supply'],
      production: ['生产', 'Production'],
      workshop: ['车间', 'Workshop'],
    },
    opened: ['{{reason}}：启动原因分析会', '{{reason}}: cause-analysis meeting opened'],
  },
  event: {
    requested: ['申请结案{{note}}', 'Close-out asked for{{note}}'],
    step: {
      quality_opinion: ['质量负责人出具处理意见：{{text}}', 'Quality lead’s opinion: {{text}}'],
      assessment: ['绩效考核负责人确认已考核：{{text}}', 'Assessment confirmed: {{text}}'],
      approval: ['总经理批准结案，已归档{{text}}', 'General manager approved; filed{{text}}'],
    },
    assessmentNotCounted: [
      '绩效考核负责人确认：本次投诉不计入责任部门考核',
      'Assessment lead: this complaint does not count in the department’s assessment',
    ],
    sentBack: [
      '从「{{step}}」退回「{{to}}」：{{reason}}',
      'Sent back from “{{step}}” to “{{to}}”: {{reason}}',
    ],
  },
  rules: {
    title: ['投诉规则', 'Complaint rules'],
    unit: ['适用单位：{{unit}}', 'Unit: {{unit}}'],
    source: {
      own: ['本单位自定', 'Set for this unit'],
      inherited: ['沿用上级单位设置', 'Inherited from a unit above'],
      default: ['系统默认', 'System default'],
    },
    trigger: ['原因分析会启动规则', 'When a cause-analysis meeting opens'],
    triggerHelp: [
      '售后服务手册要求：凡产品投诉，均由管代召集销售、技术、质检、供应、生产及车间召开原因分析会，销售部记录。产品投诉指硬性投诉，以及记录了产品或标为产品原因的投诉。',
      'The after-sales manual: for every product complaint the management representative convenes sales, technical, quality inspection, supply, production and the workshop; sales keeps the minutes. A product complaint is a hard complaint, or a complaint naming a product or marked product-caused.',
    ],
    triggers: {
      product_complaints: ['所有产品投诉（手册默认）', 'Every product complaint (manual default)'],
      serious_only: ['仅硬性投诉及索赔超过金额的投诉', 'Only hard complaints and claims above the amount'],
      off: ['不自动启动', 'Never by itself'],
    },
    threshold: ['索赔金额标准（元）', 'Claim amount (yuan)'],
    thresholdHelp: [
      '索赔金额超过此数的投诉也启动原因分析会（「不自动启动」时不适用）',
      'Claims above this also open a meeting (not when set to never)',
    ],
    clusterMinCount: ['集中投诉：件数', 'Cluster: complaints'],
    clusterWindowDays: ['集中投诉：天数', 'Cluster: days'],
    clusterHelp: [
      '同一产品、同一原因的投诉在上述天数内达到上述件数，即提交责任部门并收入案例库',
      'This many complaints with the same product and cause within these days raise a cluster',
    ],
    save: ['保存', 'Save'],
    saved: ['投诉规则已保存', 'Complaint rules saved'],
    reset: ['恢复沿用上级', 'Inherit again'],
    resetDone: ['已恢复沿用上级单位的设置', 'Inheriting from above again'],
    pickUnit: ['请先在顶部选择一个单位', 'Pick a unit at the top first'],
  },
};

// Complaint records on the ticket page: the unit, the customer's evaluation, the commitment.
const recordStrings: PairTree = {
  unit: ['所属单位', 'Unit'],
  evaluation: ['客户评价', 'Customer evaluation'],
  evaluationComment: ['客户意见', 'Customer comment'],
  requestedAt: ['申请时间', 'Requested at'],
  evaluationResult: {
    satisfied: ['满意', 'Satisfied'],
    basically_satisfied: ['基本满意', 'Basically satisfied'],
    dissatisfied: ['不满意', 'Dissatisfied'],
  },
  resultRequired: ['请选择客户评价', 'Choose the customer’s evaluation'],
  saveEvaluation: ['登记评价', 'Record evaluation'],
  evaluationSaved: ['客户评价已登记', 'Customer evaluation recorded'],
  progressKind: ['进展类型', 'Update type'],
  progress: {
    progress: ['处理进展', 'Progress'],
    verified: ['已核实情况', 'Facts verified'],
    second_response: ['二次响应', 'Second response'],
    result: ['处理结果', 'Result'],
  },
  progressPlaceholder: [
    '告诉客户目前的处理进展（客户可见）',
    'Tell the customer where the case stands (customer-visible)',
  ],
  committedResolutionAt: ['承诺解决时间', 'Committed resolution time'],
  committedResolutionHint: [
    '二次响应要告诉客户什么时候解决，这个时间就是“解决”时限的截止时间',
    'The second response tells the customer when it will be resolved; that is the resolution deadline',
  ],
  committedResolutionRequired: ['请选择承诺解决时间', 'Choose the committed resolution time'],
  sendProgress: ['发送进展', 'Send update'],
  progressSent: ['进展已记录，客户可见', 'Update recorded; the customer can see it'],
  bodyRequired: ['请填写内容', 'Enter the text'],
  commitmentText: ['承诺内容', 'Commitment'],
  commitmentDue: ['承诺兑现日期', 'Due date'],
  dueRequired: ['请选择日期', 'Choose a date'],
  approver: ['批准人', 'Approver'],
  approverHelp: ['对客户的承诺须经主管批准', 'A promise to the customer needs a supervisor’s approval'],
  approverRequired: ['请选择批准人', 'Choose the approver'],
  saveCommitment: ['登记承诺', 'Record commitment'],
  commitmentSaved: ['承诺已登记', 'Commitment recorded'],
};

export const complaintsI18n: ModuleBundle = {
  namespace: 'complaintFlow',
  zhCN: pick(strings, 0),
  en: pick(strings, 1),
};

export const complaintRecordsI18n: ModuleBundle = {
  namespace: 'complaints',
  zhCN: pick(recordStrings, 0),
  en: pick(recordStrings, 1),
};
