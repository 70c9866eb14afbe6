import { pick, type ModuleBundle, type PairTree } from '../../i18n/module-bundles';

// The contact log (来电来访记录). Each string is written once as [中文, English].
const strings: PairTree = {
  nav: {
    contacts: ['来电来访记录', 'Contact log'],
  },
  title: ['来电来访记录', 'Contact log'],
  tabLog: ['来电来访', 'Calls and visits'],
  tabLetters: ['来函登记', 'Letter register'],
  occurredAt: ['时间', 'Time'],
  channelLabel: ['渠道', 'Channel'],
  direction: ['方向', 'Direction'],
  directions: {
    inbound: ['呼入/来访', 'Inbound'],
    outbound: ['呼出/回访', 'Outbound'],
  },
  customer: ['客户', 'Customer'],
  noCustomer: ['未关联', 'Not linked'],
  phoneNumber: ['电话号码', 'Phone number'],
  summary: ['内容摘要', 'Summary'],
  duration: ['通话时长', 'Duration'],
  durationMinutes: ['{{m}} 分 {{s}} 秒', '{{m}} min {{s}} s'],
  durationSeconds: ['{{s}} 秒', '{{s}} s'],
  agent: ['经办人', 'Agent'],
  unit: ['单位', 'Unit'],
  ticket: ['关联工单', 'Ticket'],
  filterChannel: ['全部渠道', 'All channels'],
  filterAgent: ['经办人', 'Agent'],
  searchPlaceholder: ['摘要或号码（至少 4 位）', 'Summary text, or 4+ digits of the number'],
  summaryPlaceholder: ['客户说了什么？写完按回车保存', 'What did the customer say? Enter saves'],
  letterSummaryPlaceholder: ['来函主要内容，写完按回车保存', 'What the letter is about; Enter saves'],
  summaryRequired: ['请填写内容摘要', 'Write a summary'],
  log: ['登记', 'Log'],
  logLetter: ['登记来函', 'Log letter'],
  logged: ['已登记', 'Logged'],
  letterLogged: ['来函已登记，转交{{unit}}', 'Letter logged and routed to {{unit}}'],
  letterCategory: ['函件类别', 'Category'],
  letterCategories: {
    service_report: ['报事', 'Service report'],
    complaint: ['投诉', 'Complaint'],
    praise: ['表扬信', 'Praise'],
    other_business: ['其他业务函件', 'Other business'],
  },
  sender: ['来函人', 'Sender'],
  receivedOn: ['收函日期', 'Received on'],
  routedTo: ['转交部门', 'Routed to'],
  routedToAuto: ['转交部门（按类别自动）', 'Routed to (default by category)'],
};

export const contactsI18n: ModuleBundle = {
  namespace: 'contacts',
  zhCN: pick(strings, 0),
  en: pick(strings, 1),
};
