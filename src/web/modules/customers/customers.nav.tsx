import { AuditOutlined, FileDoneOutlined, FileProtectOutlined, IdcardOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/web-module';
import { PERM } from '../../auth/permissions';

/** 客户档案 in the 客户服务 group. */
export const customersNavItems: NavItem[] = [
  {
    path: '/customers',
    labelKey: 'customers.nav.customers',
    icon: <IdcardOutlined />,
    anyOf: [PERM.customersRead],
  },
  {
    path: '/customers/property-titles',
    labelKey: 'customers.nav.titles',
    icon: <FileProtectOutlined />,
    anyOf: [PERM.customersRead],
  },
  {
    path: '/customers/handover-checks',
    labelKey: 'customers.nav.handover',
    icon: <FileDoneOutlined />,
    anyOf: [PERM.customersRead],
  },
  {
    path: '/customers/access',
    labelKey: 'customers.nav.access',
    icon: <AuditOutlined />,
    anyOf: [PERM.customersAccessReview],
  },
];
