import { PhoneOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/web-module';
import { TELEPHONY_REPORT_PERM } from './telephony.routes';

/** 报表与质检 menu group: the hotline report (SLA-9). */
export const telephonyReportNavItems: NavItem[] = [
  {
    path: '/reports/hotline',
    labelKey: 'telephony.nav.hotline',
    icon: <PhoneOutlined />,
    anyOf: [TELEPHONY_REPORT_PERM],
  },
];
