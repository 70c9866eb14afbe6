/**
 * Permission catalogue, default roles (ORG-2) and the pure scoping rules (ORG-1).
 * A person holds roles in organisation units; a role held in a unit applies to that unit and
 * every unit below it, so a region manager sees every store of the region.
 */

export const PERMISSIONS = [
  { code: 'org.units.read', group: 'org', nameZh: '查看组织架构', nameEn: 'View organisation' },
  { code: 'org.units.manage', group: 'org', nameZh: '维护组织架构', nameEn: 'Manage organisation units' },
  { code: 'org.users.read', group: 'org', nameZh: '查看用户', nameEn: 'View users' },
  { code: 'org.users.manage', group: 'org', nameZh: '管理用户', nameEn: 'Manage users' },
  { code: 'org.roles.manage', group: 'org', nameZh: '管理角色权限', nameEn: 'Manage roles and permissions' },
  {
    code: 'org.accounts.request',
    group: 'org',
    nameZh: '提交开户申请',
    nameEn: 'File account-opening requests',
  },
  {
    code: 'org.accounts.approve',
    group: 'org',
    nameZh: '审批开户申请',
    nameEn: 'Approve account-opening requests',
  },
  { code: 'org.accounts.open', group: 'org', nameZh: '开通账号', nameEn: 'Open approved accounts' },
  { code: 'audit.read', group: 'system', nameZh: '查看操作日志', nameEn: 'View the audit trail' },
  {
    code: 'calendar.read',
    group: 'sla',
    nameZh: '查看工作日历与时限',
    nameEn: 'View working calendars and SLA policies',
  },
  { code: 'calendar.manage', group: 'sla', nameZh: '维护工作日历', nameEn: 'Manage working calendars' },
  { code: 'sla.manage', group: 'sla', nameZh: '维护服务时限策略', nameEn: 'Manage SLA policies' },
  { code: 'tasks.create', group: 'tasks', nameZh: '登记回电与转告', nameEn: 'Take call-backs and messages' },
  { code: 'tasks.read', group: 'tasks', nameZh: '查看他人待办', nameEn: "View colleagues' tasks" },
  {
    code: 'tasks.manage',
    group: 'tasks',
    nameZh: '调派与处理他人待办',
    nameEn: "Reassign and close colleagues' tasks",
  },
  { code: 'tickets.read', group: 'tickets', nameZh: '查看工单', nameEn: 'View tickets' },
  {
    code: 'tickets.create',
    group: 'tickets',
    nameZh: '受理登记工单',
    nameEn: 'Take intake and create tickets',
  },
  {
    code: 'tickets.manage',
    group: 'tickets',
    nameZh: '处理工单（回复、备注、改类、流转、合并）',
    nameEn: 'Handle tickets (reply, note, reclassify, change state, merge)',
  },
  { code: 'tickets.assign', group: 'tickets', nameZh: '分派工单', nameEn: 'Assign tickets' },
  {
    code: 'tickets.export',
    group: 'tickets',
    nameZh: '导出工单列表（Excel）',
    nameEn: 'Export ticket lists to Excel',
  },
  {
    code: 'complaints.commitments.approve',
    group: 'tickets',
    nameZh: '批准对客户的承诺',
    nameEn: 'Approve commitments made to customers',
  },
  // CMP-5 close-out: one permission per owner's step, so each step belongs to its own role.
  {
    code: 'complaints.close_out.quality',
    group: 'tickets',
    nameZh: '投诉结案：质量负责人对责任部门的处理意见',
    nameEn: 'Complaint close-out: the quality lead’s opinion on the responsible department',
  },
  {
    code: 'complaints.close_out.assessment',
    group: 'tickets',
    nameZh: '投诉结案：绩效考核负责人确认已考核',
    nameEn: 'Complaint close-out: the assessment lead confirms the assessment was carried out',
  },
  {
    code: 'complaints.approve',
    group: 'tickets',
    nameZh: '投诉结案：总经理审批归档；原因分析会总经理签字',
    nameEn: 'Complaint close-out: general-manager approval and filing; GM sign-off of meetings',
  },
  {
    code: 'complaints.quality_sign_off',
    group: 'tickets',
    nameZh: '原因分析会质量经理签字',
    nameEn: 'Quality-manager sign-off of cause-analysis meetings',
  },
  {
    code: 'complaints.manage',
    group: 'tickets',
    nameZh: '维护投诉规则（原因分析会启动规则、严重投诉金额、集中投诉阈值）',
    nameEn: 'Manage complaint rules (cause-analysis trigger, serious-claim amount, cluster threshold)',
  },
  {
    code: 'routing.manage',
    group: 'tickets',
    nameZh: '维护分派规则（小组、店铺渠道、整改部门）',
    nameEn: 'Manage routing (teams, sales channels, rectification departments)',
  },
  { code: 'customers.read', group: 'customers', nameZh: '查看客户档案', nameEn: 'View customer records' },
  {
    code: 'customers.manage',
    group: 'customers',
    nameZh: '登记与维护客户档案',
    nameEn: 'Create and edit customer records',
  },
  {
    code: 'customers.phone.unmask',
    group: 'customers',
    nameZh: '查看完整电话与证件号',
    nameEn: 'View full phone and ID numbers',
  },
  {
    code: 'contacts.read',
    group: 'customers',
    nameZh: '查看来电来访来函记录',
    nameEn: 'View the contact log',
  },
  {
    code: 'contacts.manage',
    group: 'customers',
    nameZh: '登记来电来访来函',
    nameEn: 'Log calls, visits and letters',
  },
  {
    code: 'telephony.receive',
    group: 'customers',
    nameZh: '接听来电（来电弹屏）',
    nameEn: 'Take inbound calls (caller pop-up)',
  },
  {
    code: 'messages.read',
    group: 'care',
    nameZh: '查看发件箱（短信、邮件）',
    nameEn: 'View the outbox (SMS, e-mail)',
  },
  {
    code: 'messages.manage',
    group: 'care',
    nameZh: '管理发件箱（取消、重发）与联系时段',
    nameEn: 'Manage the outbox (cancel, retry) and contact hours',
  },
  {
    code: 'messages.templates.manage',
    group: 'care',
    nameZh: '维护短信与邮件模板',
    nameEn: 'Manage SMS and e-mail templates',
  },
  {
    code: 'surveys.read',
    group: 'surveys',
    nameZh: '查看满意度结果',
    nameEn: 'View satisfaction results',
  },
  {
    code: 'surveys.send',
    group: 'surveys',
    nameZh: '发送满意度调查、登记电话回访答卷',
    nameEn: 'Send surveys and record answers given on the phone',
  },
  {
    code: 'surveys.manage',
    group: 'surveys',
    nameZh: '维护满意度问卷模板',
    nameEn: 'Manage survey templates',
  },
  { code: 'care.read', group: 'care', nameZh: '查看回访任务与关怀规则', nameEn: 'View care tasks and rules' },
  {
    code: 'care.work',
    group: 'care',
    nameZh: '领取并执行回访任务',
    nameEn: 'Claim and work follow-up calls',
  },
  {
    code: 'care.rules.manage',
    group: 'care',
    nameZh: '维护关怀规则、话术与异议应答',
    nameEn: 'Manage care rules, scripts and objection answers',
  },
  {
    code: 'workorders.read',
    group: 'workorders',
    nameZh: '查看派工单',
    nameEn: 'View work orders',
  },
  {
    code: 'workorders.create',
    group: 'workorders',
    nameZh: '开派工单（由工单或直接）',
    nameEn: 'Create work orders (from a ticket or standalone)',
  },
  {
    code: 'workorders.dispatch',
    group: 'workorders',
    nameZh: '派工、预约与改约、取消与归档',
    nameEn: 'Dispatch: assign, book and reschedule visits, cancel and close orders',
  },
  {
    code: 'workorders.work',
    group: 'workorders',
    nameZh: '上门服务（技术员）',
    nameEn: 'Do field work on one’s own orders (technician)',
  },
  {
    code: 'workorders.verify',
    group: 'workorders',
    nameZh: '审核签字反馈单',
    nameEn: 'Verify signed feedback forms',
  },
  {
    code: 'workorders.approve',
    group: 'workorders',
    nameZh: '审批上门服务记录与报价',
    nameEn: 'Approve field-service records and quotes',
  },
  { code: 'pricing.manage', group: 'workorders', nameZh: '维护价目表', nameEn: 'Manage the price list' },
  {
    code: 'pricing.confirm_service',
    group: 'workorders',
    nameZh: '确认服务费（财务）',
    nameEn: 'Confirm service prices (finance)',
  },
  {
    code: 'pricing.confirm_parts',
    group: 'workorders',
    nameZh: '确认配件价格（仓库）',
    nameEn: 'Confirm parts prices (warehouse)',
  },
] as const;

export type PermissionCode = (typeof PERMISSIONS)[number]['code'];

const ALL: PermissionCode[] = PERMISSIONS.map((p) => p.code);

/** True when the string names a permission in the catalogue. */
export function isPermissionCode(code: string): code is PermissionCode {
  return (ALL as string[]).includes(code);
}

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
  { code: 'administrator', nameZh: '系统管理员', nameEn: 'Administrator', permissions: ALL },
  {
    code: 'general_manager',
    nameZh: '总经理',
    nameEn: 'General manager',
    permissions: [
      ...CUSTOMERS_READ,
      ...READ_ORG,
      'org.accounts.approve',
      'audit.read',
      'calendar.read',
      'tickets.read',
      'tickets.export',
      // CMP-2 approves promises; CMP-5 approves close-out (the last step); CMP-4 signs the meeting record.
      'complaints.commitments.approve',
      'complaints.approve',
      'care.read',
      'surveys.read',
      'workorders.read',
      'workorders.approve',
    ],
  },
  {
    code: 'cs_supervisor',
    nameZh: '客服主管',
    nameEn: 'Customer-service supervisor',
    permissions: [
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
    ],
  },
  {
    code: 'agent',
    nameZh: '客服专员',
    nameEn: 'Customer-service agent',
    permissions: [
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
      ...CUSTOMER_DESK,
      'customers.phone.unmask',
      ...READ_ORG,
      'org.accounts.request',
      'audit.read',
      'calendar.read',
      ...TASKS_SUPERVISE,
      ...HANDLE_TICKETS,
      'tickets.export',
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
    ],
  },
  {
    code: 'technician',
    nameZh: '售服专员/技术员',
    nameEn: 'Technician',
    permissions: ['customers.read', 'org.units.read', 'tickets.read', 'workorders.read', 'workorders.work'],
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
      ...CUSTOMERS_READ,
      ...READ_ORG,
      'tickets.read',
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
    permissions: [...CUSTOMERS_READ, ...READ_ORG, 'tickets.read', 'complaints.close_out.assessment'],
  },
  {
    code: 'finance',
    nameZh: '财务',
    nameEn: 'Finance',
    permissions: ['org.units.read', 'workorders.read', 'pricing.manage', 'pricing.confirm_service'],
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

/** A role a person holds in one unit; unitPath lists unit ids from the root down to that unit. */
export interface Grant {
  unitId: string;
  unitPath: readonly string[];
  permissions: readonly string[];
  /** The role behind the permissions, when loaded with them (IN-7 asks whether someone is a trainee). */
  roleCode?: string;
}

/** True when `unitPath` (root → unit) lies at or below the unit with id `ancestorId`. */
export function isWithin(unitPath: readonly string[], ancestorId: string): boolean {
  return unitPath.includes(ancestorId);
}

/** ORG-1: may the holder of these grants use `permission` on a record owned by the unit at `unitPath`? */
export function can(
  grants: readonly Grant[],
  permission: PermissionCode,
  unitPath: readonly string[],
): boolean {
  return grants.some((g) => g.permissions.includes(permission) && isWithin(unitPath, g.unitId));
}

/** The units (ids) at whose subtrees a permission applies: the roots of the holder's scope. */
export function scopeRoots(grants: readonly Grant[], permission: PermissionCode): string[] {
  const roots = grants.filter((g) => g.permissions.includes(permission));
  // A grant below another grant's unit adds nothing; keeping only the top ones makes queries smaller.
  return [
    ...new Set(
      roots
        .filter(
          (g) =>
            !roots.some(
              (other) => other !== g && other.unitId !== g.unitId && isWithin(g.unitPath, other.unitId),
            ),
        )
        .map((g) => g.unitId),
    ),
  ];
}

/** Union of every permission held anywhere; what the UI uses to show or hide navigation. */
export function effectivePermissions(grants: readonly Grant[]): string[] {
  return [...new Set(grants.flatMap((g) => g.permissions))].sort();
}

/**
 * No escalation through role assignment: a person may give a role in a unit only when they
 * themselves hold, at that unit, every permission the role carries.
 */
export function mayGrantRole(
  grants: readonly Grant[],
  rolePermissions: readonly string[],
  unitPath: readonly string[],
): boolean {
  const held = new Set(grants.filter((g) => isWithin(unitPath, g.unitId)).flatMap((g) => g.permissions));
  return rolePermissions.every((p) => held.has(p));
}
