import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  CalculatorOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  ContactsOutlined,
  DesktopOutlined,
  FieldTimeOutlined,
  FileTextOutlined,
  HomeOutlined,
  IdcardOutlined,
  InboxOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { ACCOUNT_REQUEST_PERMS, PERM } from '../auth/permissions';
import { careNavItems } from '../modules/care/care.nav';
import { CLOSE_OUT_PERMS } from '../modules/complaints/complaint-types';
import { messagesNavItems } from '../modules/messages/messages.nav';
import { surveysNavGroup } from '../modules/surveys/surveys.nav';
import { workOrdersNavGroup } from '../modules/workorders/workorders.nav';

export interface NavItem {
  path: string;
  labelKey: string;
  icon: ReactNode;
  /** Shown when the person holds any of these; undefined = everyone signed in. */
  anyOf?: readonly string[];
}

export interface NavGroup {
  key: string;
  labelKey: string | null;
  items: NavItem[];
}

// Grouped by business capability; later modules (tickets, field service, …) add their groups here.
export const NAV: NavGroup[] = [
  { key: 'main', labelKey: null, items: [{ path: '/', labelKey: 'nav.home', icon: <HomeOutlined /> }] },
  {
    key: 'tickets',
    labelKey: 'nav.groupTickets',
    items: [
      { path: '/desk', labelKey: 'nav.desk', icon: <DesktopOutlined />, anyOf: [PERM.ticketsCreate] },
      { path: '/tickets', labelKey: 'nav.tickets', icon: <FileTextOutlined />, anyOf: [PERM.ticketsRead] },
      // Everyone signed in: a message for a colleague (IN-6) may land with anyone.
      { path: '/tasks', labelKey: 'nav.tasks', icon: <CarryOutOutlined /> },
      {
        path: '/department-inbox',
        labelKey: 'nav.departmentInbox',
        icon: <InboxOutlined />,
        anyOf: [PERM.ticketsManage],
      },
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
    ],
  },
  {
    key: 'service',
    labelKey: 'nav.groupService',
    items: [
      {
        path: '/customers',
        labelKey: 'nav.customers',
        icon: <IdcardOutlined />,
        anyOf: [PERM.customersRead],
      },
      { path: '/contacts', labelKey: 'nav.contacts', icon: <ContactsOutlined />, anyOf: [PERM.contactsRead] },
    ],
  },
  workOrdersNavGroup,
  surveysNavGroup,
  // 客户关怀: care's worklist and rules; the messages module adds its outbox and templates here.
  { key: 'care', labelKey: 'care.nav.group', items: [...careNavItems, ...messagesNavItems] },
  {
    key: 'org',
    labelKey: 'nav.groupOrg',
    items: [
      { path: '/org/units', labelKey: 'nav.units', icon: <ApartmentOutlined />, anyOf: [PERM.unitsRead] },
      { path: '/org/users', labelKey: 'nav.users', icon: <TeamOutlined />, anyOf: [PERM.usersRead] },
      {
        path: '/org/roles',
        labelKey: 'nav.roles',
        icon: <SafetyCertificateOutlined />,
        anyOf: [PERM.rolesManage],
      },
      {
        path: '/org/account-requests',
        labelKey: 'nav.accountRequests',
        icon: <SolutionOutlined />,
        anyOf: ACCOUNT_REQUEST_PERMS,
      },
    ],
  },
  {
    key: 'sla',
    labelKey: 'nav.groupSla',
    items: [
      { path: '/calendar', labelKey: 'nav.calendar', icon: <CalendarOutlined />, anyOf: [PERM.calendarRead] },
      {
        path: '/sla/calculator',
        labelKey: 'nav.slaCalculator',
        icon: <CalculatorOutlined />,
        anyOf: [PERM.calendarRead],
      },
      {
        path: '/sla/policies',
        labelKey: 'nav.slaPolicies',
        icon: <FieldTimeOutlined />,
        anyOf: [PERM.calendarRead, PERM.slaManage],
      },
    ],
  },
  {
    key: 'system',
    labelKey: 'nav.groupSystem',
    items: [
      { path: '/system/audit', labelKey: 'nav.audit', icon: <AuditOutlined />, anyOf: [PERM.auditRead] },
    ],
  },
];

export function visibleNav(permissions: readonly string[]): NavGroup[] {
  return NAV.map((group) => ({
    ...group,
    items: group.items.filter((item) => !item.anyOf || item.anyOf.some((p) => permissions.includes(p))),
  })).filter((group) => group.items.length > 0);
}

/** The nav entry a location belongs to (longest matching prefix), for highlighting the menu. */
export function activeNavPath(pathname: string): string {
  const paths = NAV.flatMap((g) => g.items.map((i) => i.path)).filter((p) => p !== '/');
  return (
    paths
      .filter((p) => pathname === p || pathname.startsWith(`${p}/`))
      .sort((a, b) => b.length - a.length)[0] ?? '/'
  );
}
