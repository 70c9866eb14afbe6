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
  rename: ['重命名', 'Rename'],
  renameTitle: ['重命名：{{name}}', 'Rename: {{name}}'],
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
};

export const unitsI18n: ModuleBundle = {
  namespace: 'units',
  zhCN: pick(strings, 0),
  en: pick(strings, 1),
};
