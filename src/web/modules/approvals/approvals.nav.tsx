import { AuditOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/web-module';

/** 审批 for everyone signed in: finance, the division head and the GM approve with few other rights. */
export const approvalsNavItems: NavItem[] = [
  { path: '/approvals', labelKey: 'approvals.nav.inbox', icon: <AuditOutlined /> },
];
