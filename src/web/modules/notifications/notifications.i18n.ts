import { pick, type ModuleBundle, type PairTree } from '../../i18n/module-bundles';

// My notifications (通知): what the system told me. Each string is written once as [中文, English].
const strings: PairTree = {
  nav: { list: ['我的通知', 'Notifications'] },
  title: ['我的通知', 'My notifications'],
  all: ['全部', 'All'],
  unreadOnly: ['未读', 'Unread'],
  unreadCount: ['{{count}} 条未读', '{{count}} unread'],
  markRead: ['标为已读', 'Mark read'],
  markAllRead: ['全部标为已读', 'Mark all read'],
  allRead: ['已全部标为已读', 'All marked read'],
  open: ['查看', 'Open'],
  empty: ['暂无通知', 'No notifications'],
  read: ['已读', 'Read'],
  unread: ['未读', 'Unread'],
  kind: {
    at_risk: ['即将超时', 'Due soon'],
    breached: ['已超时', 'Overdue'],
    escalated: ['已升级', 'Escalated'],
    department_replied: ['部门已回复', 'Department replied'],
    praise: ['收到表扬', 'Praise received'],
    complaint_cluster: ['同类投诉集中出现', 'A cluster of similar complaints'],
    evaluation_dissatisfied: ['客户评价不满意', 'Customer dissatisfied'],
    survey_weekly_summary: ['满意度周报', 'Weekly satisfaction summary'],
    close_out_turn: ['投诉结案轮到您', 'Complaint close-out: your step'],
    approval_turn: ['待您审批', 'Waiting for your approval'],
    approval_sent_back: ['您的申请被退回', 'Your request was sent back'],
    cancellation_signed: ['总经理已签字取消订单', 'Cancellation signed by the general manager'],
    approval_reminder: ['审批即将到期', 'Approval due soon'],
    approval_overdue: ['审批已超时', 'Approval overdue'],
    approval_escalated: ['审批超时已上报', 'Overdue approval escalated'],
    contract_renewal_due: [
      '维保合同即将到期，请跟进续约',
      'Maintenance contract ends soon: follow up the renewal',
    ],
    kb_answer_expiring: ['您负责的答客问即将到期', 'An answer you own expires soon'],
    assigned: ['有工作分派给您', 'Work assigned to you'],
    care_task_due: ['回访任务已到期', 'Care call due'],
    customer_replied: ['客户已回复', 'The customer replied'],
    other: ['系统通知', 'Notice'],
  },
};

export const notificationsI18n: ModuleBundle = {
  namespace: 'notifications',
  zhCN: pick(strings, 0),
  en: pick(strings, 1),
};
