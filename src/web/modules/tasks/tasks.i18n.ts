import { pick, type ModuleBundle, type PairTree } from '../../i18n/module-bundles';

// Call-backs and messages for colleagues (我的待办). Each string is written once as [中文, English].
const strings: PairTree = {
  nav: {
    tasks: ['我的待办', 'My tasks'],
  },
  title: ['我的待办', 'My tasks'],
  newTitle: ['转告/回电', 'Message / call-back'],
  kindLabel: ['类型', 'Kind'],
  kind: {
    call_back: ['回电', 'Call-back'],
    message: ['转告', 'Message'],
  },
  state: {
    open: ['待办', 'Open'],
    done: ['已办', 'Done'],
    cancelled: ['已取消', 'Cancelled'],
  },
  filter: {
    open: ['待办', 'Open'],
    overdue: ['已超时', 'Overdue'],
    done: ['已办', 'Done'],
    all: ['全部', 'All'],
  },
  caller: ['来电人', 'Caller'],
  callerName: ['来电人姓名', 'Caller name'],
  callerPhone: ['回电号码', 'Call-back number'],
  note: ['事由', 'About'],
  ticket: ['工单', 'Ticket'],
  openTicket: ['查看', 'Open'],
  dueAt: ['截止时间', 'Due'],
  dueDefault: [
    '不填时：回电为当天下班前，转告为 4 个工作小时内',
    'Empty: call-backs by close of business today, messages within 4 working hours',
  ],
  overdue: ['已超时', 'Overdue'],
  escalated: ['已上报主管', 'Escalated to supervisor'],
  outcome: ['处理结果', 'Outcome'],
  callBackHint: [
    '答应客户回电的，登记后进入待办，到期未办会提醒',
    'A promised call-back becomes a task with a deadline and a reminder',
  ],
  messageHint: [
    '同事不在时代为转告，对方未处理会上报其主管',
    "A message for an absent colleague; if they don't act, their supervisor is told",
  ],
  callBackBy: ['由谁回电', 'Who calls back'],
  messageFor: ['转告给', 'Message for'],
  myself: ['我自己', 'Me'],
  callBackNote: ['回电事由', 'What it is about'],
  messageText: ['转告内容', 'Message'],
  phoneRequired: ['请填写回电号码', 'Enter the call-back number'],
  colleagueRequired: ['请选择要转告的同事', 'Choose the colleague'],
  messageRequired: ['请填写转告内容', 'Enter the message'],
  callBackCreated: ['已登记回电，请在 {{time}} 前回电', 'Call-back logged; call back before {{time}}'],
  messageCreated: ['已转告，对方须在 {{time}} 前处理', 'Message passed on; due {{time}}'],
  markDone: ['办结', 'Done'],
  doneTitle: ['办结', 'Mark done'],
  outcomePlaceholder: [
    '回电/处理结果，如：已回电，客户同意周六上门',
    'What happened, e.g. called back, visit agreed for Saturday',
  ],
  doneSaved: ['已办结', 'Marked done'],
  reassign: ['转交', 'Hand over'],
  reassignTitle: ['转交给同事', 'Hand over to a colleague'],
  reassigned: ['已转交', 'Handed over'],
};

export const tasksI18n: ModuleBundle = {
  namespace: 'tasks',
  zhCN: pick(strings, 0),
  en: pick(strings, 1),
};
