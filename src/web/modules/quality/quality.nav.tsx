import { AuditOutlined, BarChartOutlined, FormOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/web-module';
import { QUALITY_PERM } from './quality-api';

/** 报表与质检 menu group: reviews (an agent sees their own there), figures, the scoring form. */
export const qualityNavItems: NavItem[] = [
  {
    path: '/quality/reviews',
    labelKey: 'quality.nav.reviews',
    icon: <AuditOutlined />,
    anyOf: [QUALITY_PERM.review, QUALITY_PERM.viewOwn],
  },
  {
    path: '/quality/figures',
    labelKey: 'quality.nav.figures',
    icon: <BarChartOutlined />,
    anyOf: [QUALITY_PERM.review, QUALITY_PERM.viewOwn],
  },
  {
    path: '/quality/form',
    labelKey: 'quality.nav.form',
    icon: <FormOutlined />,
    anyOf: [QUALITY_PERM.manage],
  },
];
