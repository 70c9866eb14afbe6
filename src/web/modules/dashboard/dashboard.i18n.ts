import { pick, type ModuleBundle, type PairTree } from '../../i18n/module-bundles';

// The dashboard (运营看板, RPT-1) and a department's replies owed. Each string is [中文, English].
const strings: PairTree = {
  title: ['运营看板', 'Dashboard'],
  unit: ['单位', 'Unit'],
  allUnits: ['全部单位', 'All my units'],
  updatedAt: ['更新于 {{time}}', 'Updated {{time}}'],
  refresh: ['刷新', 'Refresh'],
  calendarWarning: { open: ['查看工作日历', 'Open the calendar'] },
  tile: {
    open: ['未结工单', 'Open tickets'],
    dueToday: ['今日到期', 'Due today'],
    atRisk: ['即将超时', 'At risk'],
    breached: ['已超时', 'Breached'],
    waitingDepartment: ['等待部门回复', 'Waiting on departments'],
    followUpsToday: ['今日回访', "Today's follow-ups"],
    technicians: ['今日上门', "Today's visits"],
    satisfaction: ['本周满意度', 'Satisfaction this week'],
    responses: ['{{count}} 份回评', '{{count}} responses'],
    responses_one: ['{{count}} 份回评', '{{count}} response'],
    detractors: ['不满意 {{count}}', '{{count}} dissatisfied'],
    noScore: ['暂无评分', 'No scores yet'],
  },
  byType: {
    title: ['各类未结工单与时限状态', 'Open tickets by type and SLA state'],
    type: ['工单类型', 'Type'],
    open: ['未结', 'Open'],
    atRisk: ['即将超时', 'At risk'],
    breached: ['已超时', 'Breached'],
    waitingDepartment: ['等待部门', 'Waiting on department'],
    pendingCustomer: ['待客户（暂停计时）', 'Pending customer (paused)'],
    onTrack: ['正常', 'On track'],
    empty: ['没有未结工单', 'No open tickets'],
  },
  technicians: {
    title: ['技师今日负荷', "Technicians' load today"],
    name: ['技师', 'Technician'],
    appointments: ['今日预约', 'Visits today'],
    finished: ['已完工', 'Finished'],
    empty: ['今天没有预约上门', 'No visits booked today'],
  },
  report: {
    excel: ['导出 Excel', 'Export to Excel'],
    print: ['打印', 'Print'],
    period: ['统计期间', 'Period'],
    unit: ['单位', 'Unit'],
  },
  department: {
    title: ['本部门待回复', 'Replies your department owes'],
    waiting: ['待回复', 'Waiting for reply'],
    dueToday: ['今日到期', 'Due today'],
    overdue: ['已逾期', 'Overdue'],
    open: ['去处理', 'Open the inbox'],
    none: ['当前没有需要本部门回复的工单', 'Nothing is waiting on your department'],
  },
};

export const dashboardI18n: ModuleBundle = {
  namespace: 'dashboard',
  zhCN: pick(strings, 0),
  en: pick(strings, 1),
};
