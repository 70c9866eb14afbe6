import { pick, type ModuleBundle, type PairTree } from '../../i18n/module-bundles';

// Roles and the groups of the permission picker (角色权限). Each string is written once as [中文, English].
const strings: PairTree = {
  nav: {
    roles: ['角色权限', 'Roles & permissions'],
  },
  title: ['角色权限', 'Roles & permissions'],
  create: ['新建角色', 'New role'],
  edit: ['编辑角色权限', 'Edit role permissions'],
  editTitle: ['编辑角色权限：{{name}}', 'Edit role: {{name}}'],
  code: ['角色编码', 'Code'],
  nameZh: ['中文名称', 'Chinese name'],
  nameEn: ['英文名称', 'English name'],
  permissions: ['权限', 'Permissions'],
  permissionCount: ['{{count}} 项权限', '{{count}} permissions'],
  permissionCount_one: ['{{count}} 项权限', '{{count}} permission'],
  builtin: ['系统内置', 'Built-in'],
  custom: ['自定义', 'Custom'],
  type: ['类型', 'Type'],
  codeRequired: ['请输入角色编码', 'Please enter a code'],
  codePattern: [
    '编码只能包含小写字母、数字和下划线，以字母开头',
    'Lower-case letters, digits and underscores, starting with a letter',
  ],
  nameRequired: ['请输入名称', 'Please enter a name'],
  selectAll: ['全选', 'Select all'],
};

const permissionGroupStrings: PairTree = {
  sla: ['工作日历与时限', 'Calendars and time limits'],
  org: ['组织与人员', 'Organisation & people'],
  audit: ['审计', 'Audit'],
  system: ['系统', 'System'],
  tasks: ['回电与转告', 'Call-backs and messages'],
  tickets: ['工单与投诉', 'Tickets and complaints'],
  customers: ['客户档案与来电', 'Customers and calls'],
  care: ['客户关怀与消息', 'Customer care and messaging'],
  surveys: ['满意度调查', 'Satisfaction surveys'],
  workorders: ['上门服务与收费', 'Field service and charges'],
  reports: ['报表与考核', 'Reports and assessment'],
  returns: ['订单、退换货与审批', 'Orders, returns and approvals'],
  knowledge: ['知识库与案例库', 'Knowledge base and cases'],
  other: ['其他', 'Other'],
};

export const rolesI18n: ModuleBundle = {
  namespace: 'roles',
  zhCN: pick(strings, 0),
  en: pick(strings, 1),
};

export const permissionGroupI18n: ModuleBundle = {
  namespace: 'permissionGroup',
  zhCN: pick(permissionGroupStrings, 0),
  en: pick(permissionGroupStrings, 1),
};
