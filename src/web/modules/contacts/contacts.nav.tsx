import { ContactsOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/web-module';
import { PERM } from '../../auth/permissions';

/** 来电来访记录 in the 客户服务 group. */
export const contactsNavItems: NavItem[] = [
  {
    path: '/contacts',
    labelKey: 'contacts.nav.contacts',
    icon: <ContactsOutlined />,
    anyOf: [PERM.contactsRead],
  },
];
