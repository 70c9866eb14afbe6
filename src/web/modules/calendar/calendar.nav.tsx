import { CalendarOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/web-module';
import { PERM } from '../../auth/permissions';

/** 工作日历 in the 时限管理 group (the SLA module adds its pages after it). */
export const calendarNavItems: NavItem[] = [
  {
    path: '/calendar',
    labelKey: 'calendar.nav.calendar',
    icon: <CalendarOutlined />,
    anyOf: [PERM.calendarRead],
  },
];
