import { pick, type ModuleBundle, type PairTree } from '../../i18n/module-bundles';

// The department inbox and department replies (部门待办). Each string is written once as [中文, English].
const strings: PairTree = {
  nav: {
    departmentInbox: ['部门待办', 'Department inbox'],
  },
  inboxTitle: ['部门待办', 'Department inbox'],
  inboxHint: [
    '本部门须回复的工单，按回复期限先后排列；超时标红。',
    'Tickets your department must answer, soonest due first; overdue ones turn red.',
  ],
  inboxEmpty: ['本部门暂无待回复的工单', 'Nothing is waiting on your department'],
  allMyDepartments: ['我所在的全部部门', 'All my departments'],
  fromUnit: ['来源单位', 'From unit'],
  department: ['责任部门', 'Department'],
  intakeAgent: ['接诉人', 'Intake agent'],
  receivedAt: ['受理时间', 'Received'],
  replyDue: ['部门回复期限', 'Reply due'],
  replyState: ['回复时限状态', 'Reply target state'],
  ticketSla: ['工单时限', 'Ticket SLA'],
  noReplyTarget: ['无回复时限', 'No reply target'],
  reply: ['填写回复', 'Reply'],
  replyTitle: ['部门回复单 · {{number}}', 'Department reply · {{number}}'],
  findings: ['调查情况', 'Findings'],
  findingsPlaceholder: ['现场核实或调查到的情况', 'What the investigation found'],
  findingsRequired: ['请填写调查情况', 'Enter the findings'],
  rootCause: ['问题根源（哪个部门/环节）', 'Root cause (department or process)'],
  rootCausePlaceholder: ['如：工程部·泥工找坡工序未验收', 'e.g. Engineering · tiling slope not inspected'],
  rootCauseRequired: ['请填写问题根源', 'Enter the root cause'],
  correctiveAction: ['纠正措施', 'Corrective action'],
  correctiveKindPlaceholder: ['选择处理方式', 'Choose the action'],
  correctiveKindRequired: ['请选择处理方式', 'Choose the corrective action'],
  correctiveTextPlaceholder: ['具体怎么处理', 'What exactly will be done'],
  correctiveTextRequired: ['请填写具体处理办法', 'Describe the corrective action'],
  preventiveAction: ['预防措施', 'Preventive action'],
  preventivePlaceholder: ['以后如何避免同类问题', 'How the same problem is avoided next time'],
  preventiveRequired: ['请填写预防措施', 'Enter the preventive action'],
  committedDate: ['承诺完成日期', 'Committed completion date'],
  committedDateHelp: [
    '以当天下班时间为准；到期前接诉人须向客户回复处理结果',
    'Counts to close of business that day; the intake agent reports the result to the customer by then',
  ],
  committedDateRequired: ['请选择承诺完成日期', 'Choose the committed date'],
  responsiblePerson: ['责任人', 'Responsible person'],
  responsiblePersonRequired: ['请选择责任人', 'Choose the responsible person'],
  submitReply: ['提交部门回复', 'Submit department reply'],
  replySent: [
    '部门回复已提交，工单已转回接诉人',
    'Department reply submitted; the ticket is back with the intake agent',
  ],
  corrective: {
    rework: ['返工', 'Rework'],
    repair: ['维修', 'Repair'],
    on_site_service: ['上门服务', 'On-site service'],
    replacement: ['更换', 'Replacement'],
    refund: ['退款', 'Refund'],
    explanation: ['解释说明', 'Explanation'],
  },
};

export const departmentI18n: ModuleBundle = {
  namespace: 'department',
  zhCN: pick(strings, 0),
  en: pick(strings, 1),
};
