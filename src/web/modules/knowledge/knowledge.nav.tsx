import { AuditOutlined, BookOutlined, ContainerOutlined, TagsOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/web-module';

export const knowledgeNavItems: NavItem[] = [
  {
    path: '/knowledge',
    labelKey: 'knowledge.nav.articles',
    icon: <BookOutlined />,
    anyOf: ['knowledge.read'],
  },
  {
    path: '/knowledge/cases',
    labelKey: 'knowledge.nav.cases',
    icon: <ContainerOutlined />,
    anyOf: ['knowledge.read'],
  },
  {
    path: '/knowledge/reviews',
    labelKey: 'knowledge.nav.reviews',
    icon: <AuditOutlined />,
    anyOf: ['knowledge.read'],
  },
  {
    path: '/knowledge/terms',
    labelKey: 'knowledge.nav.terms',
    icon: <TagsOutlined />,
    anyOf: ['knowledge.manage'],
  },
];
