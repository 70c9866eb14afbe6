import { AuditOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/web-module';
import { PERM } from '../../auth/permissions';

/** 操作日志 in the 系统 group. */
export const auditNavItems: NavItem[] = [
  { path: '/system/audit', labelKey: 'audit.nav.audit', icon: <AuditOutlined />, anyOf: [PERM.auditRead] },
];
