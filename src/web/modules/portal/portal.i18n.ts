import { pick, type ModuleBundle, type PairTree } from '../../i18n/module-bundles';

// The customer portal (客户自助服务, PORTAL-1), mobile-first, for WeChat's browser. [中文, English].
const strings: PairTree = {
  title: ['客户自助服务', 'Customer self-service'],
  phone: ['手机号码', 'Mobile number'],
  code: ['短信验证码', 'Code from the SMS'],
  sendCode: ['获取验证码', 'Send me a code'],
  codeSent: ['验证码已发送，5 分钟内有效', 'Code sent; valid for 5 minutes'],
  signIn: ['登录', 'Sign in'],
  signOut: ['退出', 'Sign out'],
  myRequests: ['我的诉求', 'My requests'],
  newRequest: ['提交新诉求', 'New request'],
  noRequests: ['暂无记录', 'Nothing yet'],
  kind: {
    label: ['诉求类型', 'Type'],
    repair: ['报修', 'Repair'],
    complaint: ['投诉', 'Complaint'],
    consultation: ['咨询', 'Question'],
    suggestion: ['建议', 'Suggestion'],
  },
  description: ['请描述您遇到的问题', 'Describe the problem'],
  submit: ['提交', 'Submit'],
  submitted: ['已提交，我们会尽快联系您', 'Submitted; we will be in touch soon'],
  back: ['返回', 'Back'],
  updates: ['处理进展', 'Progress'],
  noUpdates: ['客服正在处理，请耐心等待', 'We are working on it'],
  state: {
    new: ['已受理', 'Received'],
    assigned: ['已受理', 'Received'],
    in_progress: ['处理中', 'In progress'],
    waiting_department: ['处理中', 'In progress'],
    pending_customer: ['待您确认', 'Waiting for you'],
    resolved: ['已解决', 'Resolved'],
    closed: ['已办结', 'Closed'],
    cancelled: ['已撤销', 'Cancelled'],
  },
  points: ['会员积分', 'Member points'],
};

export const portalI18n: ModuleBundle = {
  namespace: 'portal',
  zhCN: pick(strings, 0),
  en: pick(strings, 1),
};
