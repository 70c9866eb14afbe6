/**
 * Default roles of ORG-2 (客服专员, 客服主管, 店长, 总经理, 技术员…): the permission sets a new
 * organisation starts with; administrators may edit them later.
 */
import { PERMISSION_CODES, type PermissionCode } from './permissions.catalogue';

export interface DefaultRole {
  code: string;
  nameZh: string;
  nameEn: string;
  permissions: PermissionCode[];
}

const READ_ORG: PermissionCode[] = ['org.units.read', 'org.users.read'];
/** Reading customers and the contact log: anyone who serves or checks on a customer. */
const CUSTOMERS_READ: PermissionCode[] = ['customers.read', 'contacts.read'];
/** The agent's desk: keep the archive, log every contact, take calls (IN-2, IN-3). */
const CUSTOMER_DESK: PermissionCode[] = [
  ...CUSTOMERS_READ,
  'customers.manage',
  'contacts.manage',
  'telephony.receive',
];
// Supervisors take messages themselves and see, hand over and close their team's (IN-5, IN-6).
const TASKS_SUPERVISE: PermissionCode[] = ['tasks.create', 'tasks.read', 'tasks.manage'];
const HANDLE_TICKETS: PermissionCode[] = [
  'tickets.read',
  'tickets.create',
  'tickets.manage',
  'tickets.assign',
];

/** The default roles of ORG-2; administrators may edit their permission sets later. */
export const DEFAULT_ROLES: DefaultRole[] = [
  { code: 'administrator', nameZh: '系统管理员', nameEn: 'Administrator', permissions: PERMISSION_CODES },
  {
    code: 'general_manager',
    nameZh: '总经理',
    nameEn: 'General manager',
    permissions: [
      'orders.read',
      'returns.read',
      ...CUSTOMERS_READ,
      ...READ_ORG,
      'org.accounts.approve',
      'audit.read',
      'calendar.read',
      'tickets.read',
      'tickets.export',
      'reports.read',
      'reports.export',
      // CMP-2 approves promises; CMP-5 approves close-out (the last step); CMP-4 signs the meeting record.
      'complaints.commitments.approve',
      'complaints.approve',
      'care.read',
      'surveys.read',
      'workorders.read',
      'workorders.approve',
      'telephony.report',
      'quality.review',
    ],
  },
  {
    code: 'cs_supervisor',
    nameZh: '客服主管',
    nameEn: 'Customer-service supervisor',
    permissions: [
      'orders.read',
      'orders.manage',
      'orders.import',
      'returns.read',
      'returns.request',
      'returns.policy.manage',
      'approvals.manage',
      ...CUSTOMER_DESK,
      'customers.phone.unmask',
      ...READ_ORG,
      'org.accounts.request',
      'org.accounts.open',
      'audit.read',
      'calendar.read',
      ...TASKS_SUPERVISE,
      ...HANDLE_TICKETS,
      'tickets.export',
      'reports.read',
      'reports.export',
      'reports.analysis.write',
      'reports.manage',
      'routing.manage',
      'complaints.commitments.approve',
      'complaints.manage',
      'messages.read',
      'messages.manage',
      'messages.templates.manage',
      'care.read',
      'care.work',
      'care.rules.manage',
      'surveys.read',
      'surveys.send',
      'surveys.manage',
      'workorders.read',
      'workorders.create',
      'workorders.dispatch',
      'telephony.report',
      'quality.review',
      'quality.view_own',
      'quality.manage',
    ],
  },
  {
    code: 'agent',
    nameZh: '客服专员',
    nameEn: 'Customer-service agent',
    permissions: [
      'orders.read',
      'orders.manage',
      'returns.read',
      'returns.request',
      ...CUSTOMER_DESK,
      ...READ_ORG,
      'tasks.create',
      ...HANDLE_TICKETS,
      'messages.read',
      'care.read',
      'care.work',
      'surveys.read',
      'surveys.send',
      'workorders.read',
      'workorders.create',
      'quality.view_own',
    ],
  },
  // IN-7: a trainee reads tickets to learn but takes no intake and is never assigned one.
  {
    code: 'trainee',
    nameZh: '见习客服',
    nameEn: 'Trainee',
    permissions: [...CUSTOMERS_READ, 'org.units.read', 'tickets.read'],
  },
  {
    code: 'store_manager',
    nameZh: '店长',
    nameEn: 'Store manager',
    permissions: [
      'orders.read',
      'orders.manage',
      'orders.import',
      'returns.read',
      'returns.request',
      ...CUSTOMER_DESK,
      'customers.phone.unmask',
      ...READ_ORG,
      'org.accounts.request',
      'audit.read',
      'calendar.read',
      ...TASKS_SUPERVISE,
      ...HANDLE_TICKETS,
      'tickets.export',
      'reports.read',
      'reports.export',
      'complaints.commitments.approve',
      'messages.read',
      'messages.manage',
      'care.read',
      'care.work',
      'care.rules.manage',
      'surveys.read',
      'surveys.send',
      'surveys.manage',
      'workorders.read',
      'workorders.create',
      'workorders.dispatch',
      'workorders.approve',
      'pricing.manage',
      'telephony.report',
    ],
  },
  {
    code: 'technician',
    nameZh: '售服专员/技术员',
    nameEn: 'Technician',
    permissions: [
      'orders.read',
      'returns.read',
      'customers.read',
      'org.units.read',
      'tickets.read',
      'workorders.read',
      'workorders.work',
    ],
  },
  {
    code: 'installation_supervisor',
    nameZh: '安装主管',
    nameEn: 'Installation supervisor',
    permissions: [
      ...CUSTOMERS_READ,
      ...READ_ORG,
      'tickets.read',
      'tickets.manage',
      'workorders.read',
      'workorders.create',
      'workorders.dispatch',
      'workorders.verify',
    ],
  },
  {
    code: 'department_head',
    nameZh: '部门负责人',
    nameEn: 'Department head',
    permissions: [
      ...CUSTOMERS_READ,
      ...READ_ORG,
      'org.accounts.request',
      'tasks.create',
      'tasks.read',
      'tickets.read',
      'tickets.manage',
      'tickets.assign',
      'complaints.commitments.approve',
      // PAY-3: approves charged-service quotes and opens the work order from the approval inbox.
      'workorders.read',
    ],
  },
  {
    code: 'department_member',
    nameZh: '部门成员',
    nameEn: 'Department member',
    permissions: [...CUSTOMERS_READ, 'org.units.read', 'tickets.read', 'tickets.manage'],
  },
  {
    code: 'quality_manager',
    nameZh: '质量经理',
    nameEn: 'Quality manager',
    permissions: [
      'returns.read',
      ...CUSTOMERS_READ,
      ...READ_ORG,
      'tickets.read',
      'reports.read',
      'reports.export',
      'complaints.quality_sign_off',
      // CMP-5 step 1: the quality lead's opinion on the responsible department.
      'complaints.close_out.quality',
      'surveys.read',
      'workorders.read',
      'workorders.approve',
    ],
  },
  // CMP-5 step 2: confirms the responsible department's performance assessment was carried out.
  {
    code: 'performance_assessor',
    nameZh: '绩效考核负责人',
    nameEn: 'Performance-assessment lead',
    permissions: [
      ...CUSTOMERS_READ,
      ...READ_ORG,
      'tickets.read',
      'complaints.close_out.assessment',
      'reports.read',
      'reports.export',
    ],
  },
  // RET-8: signs returns and exchanges (the request takes effect with this signature).
  {
    code: 'self_operated_head',
    nameZh: '自营部负责人',
    nameEn: 'Head of retail operations',
    permissions: [...CUSTOMERS_READ, ...READ_ORG, 'orders.read', 'returns.read'],
  },
  // RET-9: the online shop's administrator refunds and logs the return in the shop's ERP.
  {
    code: 'online_shop_admin',
    nameZh: '网店管理员',
    nameEn: 'Online shop administrator',
    permissions: [...CUSTOMERS_READ, ...READ_ORG, 'orders.read', 'returns.read'],
  },
  // RET-9: follows the returned parcel with the carrier before the warehouse takes it in.
  {
    code: 'parcel_tracking',
    nameZh: '快递跟踪组',
    nameEn: 'Parcel-tracking team',
    permissions: ['org.units.read', 'orders.read', 'returns.read'],
  },
  {
    code: 'finance',
    nameZh: '财务',
    nameEn: 'Finance',
    permissions: [
      'orders.read',
      'returns.read',
      'org.units.read',
      'workorders.read',
      'pricing.manage',
      'pricing.confirm_service',
    ],
  },
  {
    code: 'warehouse',
    nameZh: '仓库',
    nameEn: 'Warehouse',
    permissions: ['org.units.read', 'workorders.read', 'pricing.confirm_parts'],
  },
  {
    code: 'hr_admin',
    nameZh: '人事行政',
    nameEn: 'HR and administration',
    permissions: [...CUSTOMERS_READ, ...READ_ORG, 'org.accounts.request'],
  },
  {
    code: 'auditor',
    nameZh: '只读审计员',
    nameEn: 'Read-only auditor',
    permissions: [...CUSTOMERS_READ, ...READ_ORG, 'audit.read', 'tickets.read', 'surveys.read'],
  },
];
