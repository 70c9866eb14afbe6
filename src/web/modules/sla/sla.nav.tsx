import { CalculatorOutlined, FieldTimeOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/web-module';
import { PERM } from '../../auth/permissions';

/** 时限管理 menu items of the SLA module (after the calendar's 工作日历). */
export const slaNavItems: NavItem[] = [
  {
    path: '/sla/calculator',
    labelKey: 'sla.nav.slaCalculator',
    icon: <CalculatorOutlined />,
    anyOf: [PERM.calendarRead],
  },
  {
    path: '/sla/policies',
    labelKey: 'sla.nav.slaPolicies',
    icon: <FieldTimeOutlined />,
    anyOf: [PERM.calendarRead, PERM.slaManage],
  },
];
