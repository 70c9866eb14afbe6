import { BookOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/web-module';

export const knowledgeNavItems: NavItem[] = [
  {
    path: '/knowledge',
    labelKey: 'knowledge.nav.articles',
    icon: <BookOutlined />,
    anyOf: ['knowledge.read'],
  },
];
