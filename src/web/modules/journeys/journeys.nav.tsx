import { ApartmentOutlined, NodeIndexOutlined, ProjectOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/web-module';

export const journeysNavItems: NavItem[] = [
  { path: '/journeys', labelKey: 'journeys.nav.list', icon: <NodeIndexOutlined />, anyOf: ['journeys.read'] },
  {
    path: '/journeys/board',
    labelKey: 'journeys.nav.board',
    icon: <ProjectOutlined />,
    anyOf: ['journeys.read'],
  },
  {
    path: '/journeys/templates',
    labelKey: 'journeys.nav.templates',
    icon: <ApartmentOutlined />,
    anyOf: ['journeys.read'],
  },
];
