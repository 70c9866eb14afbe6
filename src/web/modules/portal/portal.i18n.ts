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
  // Official-account menu links (issue 22).
  oa: {
    bindFirst: [
      '首次从公众号进入，请用预留的手机号验证一次，之后从菜单进入无需再输验证码。',
      'First time from the official account: verify your mobile number once; after that the menu opens without a code.',
    ],
    bound: [
      '已绑定微信，下次从公众号菜单进入无需验证码。',
      'WeChat linked: next time the menu opens without a code.',
    ],
    again: [
      '链接已失效，请从公众号菜单重新进入。',
      'The link has expired; open it again from the official account menu.',
    ],
    failed: [
      '暂时无法通过微信进入，请用手机号验证码登录。',
      'Cannot enter through WeChat right now; sign in with your mobile number and a code.',
    ],
  },
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
  tabs: {
    requests: ['我的诉求', 'Requests'],
    new: ['提交', 'New'],
    workorders: ['上门服务', 'Visits'],
    surveys: ['评价', 'Surveys'],
    faq: ['常见问题', 'FAQ'],
  },
  photos: {
    add: ['添加照片', 'Add photos'],
    hint: ['可上传最多 9 张照片，帮助师傅提前了解情况', 'Up to 9 photos help the technician prepare'],
    failed: ['照片未能上传：{{reason}}', 'A photo was not uploaded: {{reason}}'],
    title: ['我上传的照片', 'My photos'],
  },
  reply: {
    placeholder: ['补充说明或回复客服…', 'Add details or answer us…'],
    send: ['发送', 'Send'],
    me: ['我', 'Me'],
    closed: ['该诉求已办结，如有新问题请提交新诉求', 'This request is closed; please submit a new one'],
  },
  workorders: {
    empty: ['暂无上门服务记录', 'No visits yet'],
    appointment: ['预约时间：{{when}}', 'Booked: {{when}}'],
    noAppointment: ['待预约', 'Not booked yet'],
    open: ['查看 / 签字评价', 'View / sign and rate'],
    type: {
      install: ['安装', 'Installation'],
      repair: ['维修', 'Repair'],
      inspection: ['检测', 'Inspection'],
      carry_in: ['带回维修', 'Carry-in repair'],
      return_delivery: ['送回', 'Return delivery'],
    },
    state: {
      new: ['已受理', 'Received'],
      assigned: ['已派工', 'Technician assigned'],
      appointment_agreed: ['已预约', 'Visit booked'],
      en_route: ['师傅已出发', 'Technician on the way'],
      on_site: ['师傅已到达', 'Technician on site'],
      completed: ['已完工', 'Completed'],
      carried_in: ['已带回维修', 'Taken in for repair'],
      returned: ['已送回', 'Returned'],
      verified: ['已完工', 'Completed'],
      closed: ['已完成', 'Closed'],
      cancelled: ['已取消', 'Cancelled'],
    },
  },
  surveys: {
    empty: ['暂无待评价的服务', 'Nothing waiting for your rating'],
    until: ['{{when}} 前有效', 'Open until {{when}}'],
    answer: ['去评价', 'Rate it'],
  },
  faq: {
    empty: ['暂无常见问题', 'No answers posted yet'],
    search: ['搜索常见问题', 'Search the answers'],
  },
};

export const portalI18n: ModuleBundle = {
  namespace: 'portal',
  zhCN: pick(strings, 0),
  en: pick(strings, 1),
};
