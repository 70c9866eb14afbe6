import { pick, type ModuleBundle, type PairTree } from '../../i18n/module-bundles';

// Account requests (开户申请). Each string is written once as [中文, English].
const strings: PairTree = {
  nav: {
    accountRequests: ['开户申请', 'Account requests'],
  },
  title: ['开户申请', 'Account requests'],
  create: ['提交开户申请', 'File an account request'],
  username: ['申请用户名', 'Requested username'],
  displayName: ['姓名', 'Name'],
  reason: ['申请理由', 'Reason'],
  reasonRequired: ['请填写申请理由', 'Please give a reason'],
  requestedBy: ['申请人', 'Requested by'],
  requestedAt: ['申请时间', 'Requested at'],
  decidedBy: ['审批人', 'Decided by'],
  decidedAt: ['审批时间', 'Decided at'],
  decisionComment: ['审批意见', 'Decision comment'],
  openedBy: ['开户人', 'Opened by'],
  openedAt: ['开户时间', 'Opened at'],
  statusPending: ['待审批', 'Pending'],
  statusApproved: ['已批准', 'Approved'],
  statusRejected: ['已驳回', 'Rejected'],
  statusOpened: ['已开户', 'Opened'],
  approve: ['批准', 'Approve'],
  reject: ['驳回', 'Reject'],
  open: ['开户', 'Open account'],
  approveTitle: ['批准开户申请：{{name}}', 'Approve account request: {{name}}'],
  rejectTitle: ['驳回开户申请：{{name}}', 'Reject account request: {{name}}'],
  openTitle: ['开通账号：{{name}}', 'Open account: {{name}}'],
  openHint: [
    '将以此初始密码开通账号，用户首次登录时需修改密码。',
    'The account is opened with this initial password; the user must change it at the first login.',
  ],
  comment: ['意见', 'Comment'],
  commentRequired: ['驳回时请填写意见', 'A comment is required when rejecting'],
  approved: ['已批准', 'Approved'],
  rejected: ['已驳回', 'Rejected'],
  opened: ['账号已开通', 'Account opened'],
  submitted: ['开户申请已提交', 'Account request filed'],
};

export const accountRequestsI18n: ModuleBundle = {
  namespace: 'accountRequests',
  zhCN: pick(strings, 0),
  en: pick(strings, 1),
};
