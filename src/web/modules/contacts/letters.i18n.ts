import { pick, type ModuleBundle, type PairTree } from '../../i18n/module-bundles';

// Each string is written once as [中文, English] so the two languages cannot drift apart in keys.
/** IN-8 coordination sheet (协调单) strings: the letter register's column, the issue dialog and the A4 sheet. */
const strings: PairTree = {
  sheet: {
    column: ['协调单', 'Coordination sheet'],
    none: ['不开协调单', 'No sheet'],
    issue: ['开具协调单', 'Issue coordination sheet'],
    issueLate: ['补开协调单', 'Issue the missing sheet'],
    issueTitle: ['为投诉来函开具协调单', 'Open a coordination sheet for this complaint letter'],
    issueHelp: [
      '投诉来函由客户中心助理决定是否开具协调单。开具后协调单编号固定，可随时重新打印同一张单。',
      'The customer-centre assistant decides whether a complaint letter gets a tracked coordination sheet. Once issued, its number never changes and it can be printed again at any time.',
    ],
    responsible: ['责任部门', 'Responsible department'],
    responsibleHint: ['不选则按来函转交部门', 'Leave empty to use the department the letter went to'],
    request: ['要求处理事项', 'Requested handling'],
    requestHint: [
      '不填则为：请核实来函所述情况，安排处理，并在处理期限前将处理结果书面反馈客户服务中心。',
      'Leave empty for the standard request: check, handle and report the result in writing before the deadline.',
    ],
    due: ['处理期限', 'Handling deadline'],
    dueHint: [
      '不选则为责任部门 2 个工作日内下班前',
      'Leave empty for close of business on the 2nd working day',
    ],
    issued: ['协调单 {{number}} 已开具', 'Coordination sheet {{number}} issued'],
    print: ['打印协调单', 'Print coordination sheet'],
    dueShort: ['限 {{time}} 前', 'due {{time}}'],
    autoIssued: [
      '来函已登记，协调单 {{number}} 已开具',
      'Letter registered; coordination sheet {{number}} issued',
    ],
  },
  print: {
    title: ['客户来函协调单', 'Customer Letter Coordination Sheet'],
    number: ['单号', 'No.'],
    issuedAt: ['开单时间', 'Issued'],
    category: ['来函类别', 'Letter type'],
    receivedOn: ['收函日期', 'Received on'],
    sender: ['来函人', 'Sender'],
    phone: ['联系电话', 'Phone'],
    customer: ['客户', 'Customer'],
    address: ['地址', 'Address'],
    content: ['来函内容', 'Letter content'],
    unit: ['受理单位', 'Registered at'],
    responsible: ['责任部门', 'Responsible department'],
    due: ['处理期限', 'Deadline'],
    dueValue: ['{{time}} 前', 'by {{time}}'],
    request: ['要求处理事项', 'Requested handling'],
    handling: ['处理情况', 'Handling'],
    handlingNote: [
      '由责任部门填写：核实情况、处理经过、处理结果及完成日期',
      'By the department: findings, what was done, the result and the date it was completed',
    ],
    review: ['回访意见', 'Follow-up'],
    reviewNote: [
      '由客户服务中心填写：回访客户的时间和客户意见',
      'By the customer service centre: when the customer was called back and what they said',
    ],
    deptReceive: ['责任部门签收', 'Received by the department'],
    deptHead: ['责任部门负责人', 'Head of department'],
    centre: ['客户服务中心（开单人）', 'Customer service centre (issued by)'],
    date: ['日期', 'Date'],
    scan: ['扫码查看来函', 'Scan to open the letter'],
    printedAt: ['打印时间', 'Printed'],
    foot: [
      '本单一式两联：第一联客户服务中心存档，第二联交责任部门。请于处理期限前将处理结果反馈客户服务中心。',
      'Two copies: the first stays with the customer service centre, the second goes to the responsible department. Report the result to the customer service centre before the deadline.',
    ],
    back: ['返回来函登记', 'Back to the letter register'],
    printNow: ['打印', 'Print'],
  },
};

export const lettersI18n: ModuleBundle = {
  namespace: 'letters',
  zhCN: pick(strings, 0),
  en: pick(strings, 1),
};
