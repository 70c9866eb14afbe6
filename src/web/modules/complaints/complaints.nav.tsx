import { AuditOutlined, SettingOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/web-module';
import { PERM } from '../../auth/permissions';
import { CLOSE_OUT_PERMS } from './complaint-types';

/** 工单 menu items of the complaints module: the close-out worklist and the complaint rules. */
export const complaintsNavItems: NavItem[] = [
  {
    path: '/complaints/close-outs',
    labelKey: 'complaintFlow.nav.closeOuts',
    icon: <AuditOutlined />,
    anyOf: [...CLOSE_OUT_PERMS, PERM.ticketsManage],
  },
  {
    path: '/complaints/settings',
    labelKey: 'complaintFlow.nav.rules',
    icon: <SettingOutlined />,
    anyOf: [PERM.complaintsManage],
  },
];
