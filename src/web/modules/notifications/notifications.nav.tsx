import { BellOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/web-module';
import { UnreadBadge } from './notifications-badge';

/** 我的通知, with the count still unread. */
export const notificationsNavItems: NavItem[] = [
  { path: '/notifications', labelKey: 'notifications.nav.list', icon: <BellOutlined />, badge: UnreadBadge },
];
