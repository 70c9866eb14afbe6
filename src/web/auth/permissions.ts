// Permission codes (ORG-2, docs/api.md). The server is the authority; the UI only hides what
// the person could not use anyway.
export const PERM = {
  unitsRead: 'org.units.read',
  unitsManage: 'org.units.manage',
  usersRead: 'org.users.read',
  usersManage: 'org.users.manage',
  rolesManage: 'org.roles.manage',
  accountsRequest: 'org.accounts.request',
  accountsApprove: 'org.accounts.approve',
  accountsOpen: 'org.accounts.open',
  auditRead: 'audit.read',
  calendarRead: 'calendar.read',
  calendarManage: 'calendar.manage',
  slaManage: 'sla.manage',
  customersRead: 'customers.read',
  customersAccessReview: 'customers.access.review',
  customersManage: 'customers.manage',
  customersPhoneUnmask: 'customers.phone.unmask',
  customersPersonalData: 'customers.personal_data',
  contactsRead: 'contacts.read',
  contactsManage: 'contacts.manage',
  telephonyReceive: 'telephony.receive',
  ticketsRead: 'tickets.read',
  ticketsCreate: 'tickets.create',
  ticketsManage: 'tickets.manage',
  ticketsAssign: 'tickets.assign',
  complaintsApprove: 'complaints.approve',
  complaintsManage: 'complaints.manage',
} as const;

export const ACCOUNT_REQUEST_PERMS = [PERM.accountsRequest, PERM.accountsApprove, PERM.accountsOpen] as const;
