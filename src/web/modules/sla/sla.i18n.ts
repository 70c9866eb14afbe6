import { pairsOf, pick, type ModuleBundle, type PairTree } from '../../i18n/module-bundles';
import { SLA_EVENT_LABELS, SLA_TARGET_LABELS, TICKET_TYPE_LABELS } from '../../../shared/glossary';

// Time limits (时限管理): the calculator, the policies, the targets on a ticket. Each string is written once as [中文, English].
const strings: PairTree = {
  nav: {
    slaCalculator: ['时限计算器', 'Deadline calculator'],
    slaPolicies: ['时限策略', 'SLA policies'],
  },
  endReason: {
    subject_closed: ['工单已关闭', 'ticket closed'],
    subject_cancelled: ['工单已取消', 'ticket cancelled'],
    subject_merged: ['工单已合并', 'ticket merged'],
    type_changed: ['改类后不再需要', 'not needed after the type changed'],
    step_not_needed: ['该环节不再需要', 'step not needed'],
  },
  calculatorTitle: ['时限计算器', 'Deadline calculator'],
  policiesTitle: ['时限策略', 'SLA policies'],
  ticketType: ['工单类型', 'Ticket type'],
  intakeAt: ['受理时间', 'Intake time'],
  committedAt: ['承诺完成时间', 'Committed completion'],
  calculate: ['计算', 'Calculate'],
  policySourceLabel: ['适用策略', 'Policy'],
  targetLabel: ['时限目标', 'Target'],
  allowed: ['时限', 'Allowed'],
  startsOnLabel: ['起算', 'Starts'],
  atRiskAt: ['预警时间', 'At risk from'],
  dueAt: ['截止时间', 'Due'],
  pauses: ['客户待回复时暂停', 'Pauses while pending customer'],
  atRiskRatio: ['预警比例', 'At-risk threshold'],
  amount: ['时长', 'Amount'],
  durationUnit: ['计时单位', 'Time unit'],
  unitName: {
    working_minutes: ['工作分钟', 'Working minutes'],
    working_hours: ['工作小时', 'Working hours'],
    working_days: ['工作日', 'Working days'],
    calendar_minutes: ['自然分钟', 'Calendar minutes'],
    calendar_hours: ['自然小时', 'Calendar hours'],
  },
  editTitle: ['编辑时限策略：{{type}}', 'Edit SLA policy: {{type}}'],
  editHelp: [
    '修改后只对本单位及下级单位生效（下级单位有自己设置的除外）。工作时间按工作日历计算；用时达到预警比例时提醒处理人。',
    'Changes apply to this unit and its sub-units (unless a sub-unit has its own). Working time follows the working calendar; the handler is warned once the at-risk share of the time is used.',
  ],
  reset: ['恢复默认', 'Restore default'],
  resetConfirm: [
    '删除本单位对该类型的设置，改用上级单位或系统默认的时限？',
    "Remove this unit's setting for this type and use the parent unit's or the system default?",
  ],
  resetDone: ['已恢复默认时限', 'Default deadlines restored'],
  // Ticket types, targets and events by their glossary names (src/shared/glossary.ts).
  type: pairsOf(TICKET_TYPE_LABELS),
  target: pairsOf(SLA_TARGET_LABELS),
  event: pairsOf(SLA_EVENT_LABELS),
  unit: {
    // English says "1 working hour": i18next picks the _one form for a count of 1 in English and
    // falls back to the plain key otherwise (Chinese has no plural forms).
    working_minutes: ['{{count}} 个工作分钟', '{{count}} working minutes'],
    working_minutes_one: ['{{count}} 个工作分钟', '{{count}} working minute'],
    working_hours: ['{{count}} 个工作小时', '{{count}} working hours'],
    working_hours_one: ['{{count}} 个工作小时', '{{count}} working hour'],
    working_days: ['{{count}} 个工作日', '{{count}} working days'],
    working_days_one: ['{{count}} 个工作日', '{{count}} working day'],
    calendar_minutes: ['{{count}} 分钟（自然时间）', '{{count}} minutes (calendar time)'],
    calendar_minutes_one: ['{{count}} 分钟（自然时间）', '{{count}} minute (calendar time)'],
    calendar_hours: ['{{count}} 小时（自然时间）', '{{count}} hours (calendar time)'],
    calendar_hours_one: ['{{count}} 小时（自然时间）', '{{count}} hour (calendar time)'],
    committed_date: ['承诺日期', 'Committed date'],
  },
  startsOn: {
    intake: ['受理时', 'At intake'],
    previous_met: ['上一目标完成时', 'When the previous target is met'],
    committed_date_set: ['确定承诺日期时', 'When the committed date is set'],
    event: ['{{event}}时', 'On: {{event}}'],
  },
  source: {
    own: ['本单位设置', 'Set by this unit'],
    inherited: ['沿用上级单位', 'Inherited from a parent unit'],
    default: ['系统默认', 'System default'],
  },
  note: {
    starts_on_previous_met: ['上一目标完成后起算', 'Starts when the previous target is met'],
    needs_committed_date: ['需填写承诺完成时间', 'Needs a committed completion time'],
    starts_on_event: ['事件发生后起算', 'Starts when the event happens'],
    none: ['—', '—'],
  },
};

export const slaI18n: ModuleBundle = {
  namespace: 'sla',
  zhCN: pick(strings, 0),
  en: pick(strings, 1),
};
