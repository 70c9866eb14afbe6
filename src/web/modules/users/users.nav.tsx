import { TeamOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/web-module';
import { PERM } from '../../auth/permissions';

/** 用户管理 in the 组织与人员 group. */
export const usersNavItems: NavItem[] = [
  { path: '/org/users', labelKey: 'users.nav.users', icon: <TeamOutlined />, anyOf: [PERM.usersRead] },
];
