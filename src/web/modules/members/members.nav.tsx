import { CrownOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/web-module';

export const membersNavItems: NavItem[] = [
  { path: '/members', labelKey: 'members.nav.members', icon: <CrownOutlined />, anyOf: ['members.read'] },
];
