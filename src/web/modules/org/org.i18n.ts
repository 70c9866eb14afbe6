import { BUSINESS_TYPES, BUSINESS_TYPE_LABELS } from '../../../shared/org';
import { pick, type ModuleBundle, type PairTree } from '../../i18n/module-bundles';

// The unit tree (组织架构). Each string is written once as [中文, English].
const strings: PairTree = {
  nav: {
    units: ['组织架构', 'Organisation'],
  },
  title: ['组织架构', 'Organisation'],
  showInactive: ['显示已停用', 'Show inactive'],
  empty: ['暂无组织单位', 'No organisation units yet'],
  selectHint: ['请在左侧选择一个单位查看详情', 'Select a unit on the left to see its details'],
  name: ['单位名称', 'Name'],
  code: ['单位编码', 'Code'],
  kind: ['单位类型', 'Kind'],
  timezone: ['时区', 'Time zone'],
  parent: ['上级单位', 'Parent unit'],
  active: ['启用中', 'Active'],
  inactive: ['已停用', 'Inactive'],
  addChild: ['新增下级单位', 'Add child unit'],
  rename: ['编辑', 'Edit'],
  renameTitle: ['编辑：{{name}}', 'Edit: {{name}}'],
  customerFacing: ['对客户显示', 'What customers see'],
  customerFacingHint: [
    '用于打印的表单、客户问卷页、客户服务单页面和发给客户的短信；留空则沿用上级单位的设置',
    'Used on printed forms, the survey page, the customer work-order page and SMS to customers; leave empty to use the unit above',
  ],
  displayName: ['对外名称', 'Display name'],
  displayNamePlaceholder: [
    '如：上海徐汇店（留空用单位名称）',
    'e.g. Shanghai Xuhui store (empty: the unit name)',
  ],
  address: ['地址', 'Address'],
  servicePhone: ['客服电话', 'Service phone'],
  servicePhonePlaceholder: ['如：021-64880000', 'e.g. 021-64880000'],
  inheritedShort: ['（沿用上级单位）', '(from the unit above)'],
  notSet: ['未设置', 'Not set'],
  departmentFacing: [
    '部门不直接面对客户：打印和客户页面显示「{{unit}}」的名称和电话',
    'Departments do not face customers: prints and customer pages show "{{unit}}"',
  ],
  addChildTitle: ['在“{{name}}”下新增单位', 'Add a unit under "{{name}}"'],
  deactivate: ['停用', 'Deactivate'],
  activate: ['启用', 'Activate'],
  deactivateConfirm: [
    '确定停用“{{name}}”吗？停用后该单位不能再分配人员。',
    'Deactivate "{{name}}"? People can no longer be assigned to it.',
  ],
  deactivated: ['已停用', 'Deactivated'],
  activated: ['已启用', 'Activated'],
  nameRequired: ['请输入单位名称', 'Please enter a name'],
  kindRequired: ['请选择单位类型', 'Please choose a kind'],
  path: ['所属路径', 'Path'],
  businessType: ['业务类型', 'Business type'],
  businessTypeHint: [
    '决定上门验收单的评分项：家具、安装、家装按送货安装评价（销售服务、施工质量、安装服务），其他按维修评价',
    'Decides what the on-site acceptance rates: furniture, installer and home decoration rate delivery & installation (sales service, workmanship, installation service); others rate repair',
  ],
  businessTypeInherit: ['沿用上级单位', 'From the unit above'],
  businessTypes: Object.fromEntries(
    BUSINESS_TYPES.map((b) => [b, [BUSINESS_TYPE_LABELS[b].zh, BUSINESS_TYPE_LABELS[b].en]]),
  ) as PairTree,
};

export const unitsI18n: ModuleBundle = {
  namespace: 'units',
  zhCN: pick(strings, 0),
  en: pick(strings, 1),
};
