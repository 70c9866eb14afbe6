import { ApiOutlined, WechatOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/web-module';
import { CH_PERM } from './channels-api';

export const channelsSystemNav: NavItem[] = [
  { path: '/channels', labelKey: 'channels.nav.accounts', icon: <ApiOutlined />, anyOf: [CH_PERM.manage] },
];
export const channelsServiceNav: NavItem[] = [
  {
    path: '/channels/conversations',
    labelKey: 'channels.nav.conversations',
    icon: <WechatOutlined />,
    anyOf: [CH_PERM.reply],
  },
];
