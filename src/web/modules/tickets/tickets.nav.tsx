import { DesktopOutlined, FileTextOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/web-module';
import { PERM } from '../../auth/permissions';

/** 工单 menu items of the tickets module: the agent desk and the ticket list. */
export const ticketsNavItems: NavItem[] = [
  { path: '/desk', labelKey: 'tickets.nav.desk', icon: <DesktopOutlined />, anyOf: [PERM.ticketsCreate] },
  {
    path: '/tickets',
    labelKey: 'tickets.nav.tickets',
    icon: <FileTextOutlined />,
    anyOf: [PERM.ticketsRead],
  },
];
