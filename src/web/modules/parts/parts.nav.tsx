import { InboxOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/web-module';

export const partsNavItems: NavItem[] = [
  { path: '/parts', labelKey: 'parts.nav.parts', icon: <InboxOutlined />, anyOf: ['parts.view'] },
];
