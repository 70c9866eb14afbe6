import { pick, type ModuleBundle, type PairTree } from '../../i18n/module-bundles';

// The start page (工作台). Each string is written once as [中文, English].
const strings: PairTree = {
  nav: {
    home: ['工作台', 'Workspace'],
  },
  welcome: ['{{name}}，您好', 'Hello, {{name}}'],
  subtitle: ['欢迎使用 Kefu 客服', 'Welcome to Kefu'],
  myUnits: ['我所在的单位', 'My units'],
  noUnits: [
    '您还没有加入任何单位，请联系管理员。',
    'You do not belong to any unit yet. Please contact your administrator.',
  ],
  permissions: ['我的权限', 'My permissions'],
  permissionCount: ['共 {{count}} 项权限', '{{count}} permissions'],
  permissionCount_one: ['共 {{count}} 项权限', '{{count}} permission'],
};

export const homeI18n: ModuleBundle = {
  namespace: 'home',
  zhCN: pick(strings, 0),
  en: pick(strings, 1),
};
