import { MailOutlined, ProfileOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/web-module';
import { MSG_PERM } from './messages-api';

/** 客户关怀 menu items of the messages module (the group is the shell's, shared with care). */
export const messagesNavItems: NavItem[] = [
  {
    path: '/messages/outbox',
    labelKey: 'messages.nav.outbox',
    icon: <MailOutlined />,
    anyOf: [MSG_PERM.read],
  },
  {
    path: '/messages/templates',
    labelKey: 'messages.nav.templates',
    icon: <ProfileOutlined />,
    anyOf: [MSG_PERM.read, MSG_PERM.templates],
  },
];
