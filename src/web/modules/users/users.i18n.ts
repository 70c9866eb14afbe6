import { pick, type ModuleBundle, type PairTree } from '../../i18n/module-bundles';

// User management (用户管理). Each string is written once as [中文, English].
const strings: PairTree = {
  nav: {
    users: ['用户管理', 'Users'],
  },
  title: ['用户管理', 'Users'],
  create: ['新建用户', 'New user'],
  edit: ['编辑用户', 'Edit user'],
  editTitle: ['编辑用户：{{name}}', 'Edit user: {{name}}'],
  statusLocked: ['{{status}}（已锁定）', '{{status}} (locked)'],
  username: ['用户名', 'Username'],
  displayName: ['姓名', 'Name'],
  initialPassword: ['初始密码', 'Initial password'],
  memberships: ['所属单位与角色', 'Units and roles'],
  addMembership: ['添加单位', 'Add unit'],
  membershipsRequired: ['请至少添加一个单位', 'Add at least one unit'],
  statusActive: ['正常', 'Active'],
  statusDisabled: ['已停用', 'Disabled'],
  locked: ['已锁定', 'Locked'],
  lockedUntil: ['锁定至 {{time}}', 'Locked until {{time}}'],
  disable: ['停用', 'Disable'],
  enable: ['启用', 'Enable'],
  enabled: ['已启用', 'Enabled'],
  disabled: ['已停用', 'Disabled'],
  disableTitle: ['停用用户：{{name}}', 'Disable user: {{name}}'],
  disableHint: [
    '停用后该用户将无法登录，数据保留不删除。可将其手头未完成的工作转交给其他同事。',
    'The user will no longer be able to log in; their data is kept. Their open work can be handed to a colleague.',
  ],
  reassignTo: ['工作转交给', 'Hand open work to'],
  reassignOptional: ['不转交', 'Do not reassign'],
  resetPassword: ['重置密码', 'Reset password'],
  staffIds: {
    action: ['企业微信/钉钉账号', 'WeCom / DingTalk account'],
    title: ['{{name}} 的企业微信/钉钉账号', 'WeCom / DingTalk account of {{name}}'],
    hint: [
      '填写此人在企业微信或钉钉通讯录中的账号（userid），超时提醒、待审批等通知会同时推送到那里。留空则不推送。',
      'The person’s userid in the company’s WeCom or DingTalk: SLA alerts and approvals waiting are also sent there. Leave empty to send nothing.',
    ],
    wecom: ['企业微信账号（userid）', 'WeCom userid'],
    dingtalk: ['钉钉账号（userid）', 'DingTalk userid'],
    dingtalkUnion: ['钉钉 unionId（用于钉钉登录）', 'DingTalk unionId (for DingTalk sign-in)'],
    dingtalkUnionHelp: [
      '企业微信登录按上面的企业微信账号识别本人；钉钉登录按 unionId 识别。也可由本人登录后在右上角菜单中绑定。',
      'WeCom sign-in finds the person by the WeCom userid above; DingTalk sign-in by the unionId. The person can also link it from the menu at the top right.',
    ],
    pattern: ['账号只能包含字母、数字和 _ . @ -', 'Letters, digits and _ . @ - only'],
    saved: ['已保存', 'Saved'],
  },
  resetPasswordTitle: ['重置密码：{{name}}', 'Reset password: {{name}}'],
  resetPasswordHint: [
    '重置后该用户下次登录需修改密码。',
    'The user must change this password at the next login.',
  ],
  passwordReset: ['密码已重置', 'Password reset'],
  usernameRequired: ['请输入用户名', 'Please enter a username'],
  usernamePattern: [
    '用户名只能包含字母、数字、点、下划线和短横线',
    'Letters, digits, dots, underscores and hyphens only',
  ],
  displayNameRequired: ['请输入姓名', 'Please enter a name'],
  passwordRequired: ['请输入初始密码', 'Please enter an initial password'],
  filterUnit: ['按单位筛选', 'Filter by unit'],
  filterStatus: ['按状态筛选', 'Filter by status'],
};

export const usersI18n: ModuleBundle = {
  namespace: 'users',
  zhCN: pick(strings, 0),
  en: pick(strings, 1),
};
