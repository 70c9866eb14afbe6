import { FileAddOutlined, FileSearchOutlined, RollbackOutlined, SettingOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/web-module';

export const returnsNavItems: NavItem[] = [
  { path: '/returns', labelKey: 'returns.nav.counter', icon: <RollbackOutlined />, anyOf: ['returns.read'] },
  {
    path: '/orders',
    labelKey: 'returns.nav.orderList',
    icon: <FileSearchOutlined />,
    anyOf: ['orders.read'],
  },
  {
    path: '/returns/orders',
    labelKey: 'returns.nav.orders',
    icon: <FileAddOutlined />,
    anyOf: ['orders.manage', 'orders.import'],
  },
  {
    path: '/returns/policy',
    labelKey: 'returns.nav.policy',
    icon: <SettingOutlined />,
    anyOf: ['returns.policy.manage'],
  },
];
