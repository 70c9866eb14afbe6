import { ApartmentOutlined, NodeIndexOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/web-module';

export const journeysNavItems: NavItem[] = [
  { path: '/journeys', labelKey: 'journeys.nav.list', icon: <NodeIndexOutlined />, anyOf: ['journeys.read'] },
  {
    path: '/journeys/templates',
    labelKey: 'journeys.nav.templates',
    icon: <ApartmentOutlined />,
    anyOf: ['journeys.read'],
  },
];
