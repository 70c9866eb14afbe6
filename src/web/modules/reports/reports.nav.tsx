import { AuditOutlined, BarChartOutlined, ExperimentOutlined, MailOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/web-module';
import { REPORT_PERM } from './reports-api';

/** 报表 menu group: the monthly complaint analysis, department assessment, nonconformity, deliveries. */
export const reportsNavItems: NavItem[] = [
  {
    path: '/reports/monthly',
    labelKey: 'reports.nav.monthly',
    icon: <BarChartOutlined />,
    anyOf: [REPORT_PERM.read],
  },
  {
    path: '/reports/assessment',
    labelKey: 'reports.nav.assessment',
    icon: <AuditOutlined />,
    anyOf: [REPORT_PERM.read],
  },
  {
    path: '/reports/nonconformity',
    labelKey: 'reports.nav.nonconformity',
    icon: <ExperimentOutlined />,
    anyOf: [REPORT_PERM.read],
  },
  {
    path: '/reports/subscriptions',
    labelKey: 'reports.nav.subscriptions',
    icon: <MailOutlined />,
    anyOf: [REPORT_PERM.manage],
  },
];
