import { InboxOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/web-module';
import { PERM } from '../../auth/permissions';
import { DepartmentOwesBadge } from '../dashboard';

/** 部门待办: what the departments owe on complaints and escalations. */
export const departmentNavItems: NavItem[] = [
  {
    path: '/department-inbox',
    labelKey: 'department.nav.departmentInbox',
    icon: <InboxOutlined />,
    anyOf: [PERM.ticketsManage],
    badge: DepartmentOwesBadge,
  },
];
