import { SolutionOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/web-module';
import { ACCOUNT_REQUEST_PERMS } from '../../auth/permissions';

/** 开户申请 in the 组织与人员 group. */
export const accountRequestsNavItems: NavItem[] = [
  {
    path: '/org/account-requests',
    labelKey: 'accountRequests.nav.accountRequests',
    icon: <SolutionOutlined />,
    anyOf: ACCOUNT_REQUEST_PERMS,
  },
];
