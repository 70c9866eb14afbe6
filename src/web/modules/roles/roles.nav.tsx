import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/web-module';
import { PERM } from '../../auth/permissions';

/** 角色权限 in the 组织与人员 group. */
export const rolesNavItems: NavItem[] = [
  {
    path: '/org/roles',
    labelKey: 'roles.nav.roles',
    icon: <SafetyCertificateOutlined />,
    anyOf: [PERM.rolesManage],
  },
];
