import { ApartmentOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/web-module';
import { PERM } from '../../auth/permissions';

/** 组织架构 in the 组织与人员 group. */
export const orgNavItems: NavItem[] = [
  { path: '/org/units', labelKey: 'units.nav.units', icon: <ApartmentOutlined />, anyOf: [PERM.unitsRead] },
];
