/**
 * Permission catalogue: every right a role can carry, with its group and its names in Chinese and
 * English (ORG-2). Default roles are in permissions.roles.ts, scoping (ORG-1) in permissions.scoping.ts.
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
    nameZh: '维护投诉规则（原因分析会启动规则、索赔金额标准、集中投诉阈值）',
    nameEn: 'Manage complaint rules (cause-analysis trigger, serious-claim amount, cluster threshold)',
  },
  {
    code: 'routing.manage',
    group: 'tickets',
    nameZh: '维护分派规则（小组、店铺渠道、整改部门）',
    nameEn: 'Manage routing (teams, sales channels, rectification departments)',
  },
  { code: 'customers.read', group: 'customers', nameZh: '查看客户档案', nameEn: 'View customer records' },
  // The member club (会员俱乐部, MEM-1, MEM-2): members, points, activities.
  { code: 'members.read', group: 'customers', nameZh: '查看会员与积分', nameEn: 'View members and points' },
  {
    code: 'members.manage',
    group: 'customers',
    nameZh: '管理会员、积分与会员活动',
    nameEn: 'Manage members, points and activities',
  },
  {
    code: 'customers.manage',
    group: 'customers',
    nameZh: '登记与维护客户档案',
    nameEn: 'Create and edit customer records',
  },
  {
    code: 'customers.import',
    group: 'customers',
    nameZh: '批量导入客户与资产（Excel、CSV）',
    nameEn: 'Import customers and assets (Excel, CSV)',
  },
  {
    code: 'customers.phone.unmask',
    group: 'customers',
    nameZh: '查看完整电话与证件号',
    nameEn: 'View full phone and ID numbers',
  },
  {
    code: 'customers.change.submit',
    group: 'customers',
    nameZh: '提交客户信息变更登记表',
    nameEn: 'Submit customer information change forms',
  },
  {
    code: 'customers.change.verify',
    group: 'customers',
    nameZh: '核实客户身份并办理信息变更',
    nameEn: 'Verify customers and apply information changes',
  },
  {
    code: 'customers.personal_data',
    group: 'customers',
    nameZh: '办理个人信息请求（导出本人信息、申请删除）',
    nameEn: 'Handle personal-information requests (export, erasure)',
  },
  {
    code: 'customers.access.review',
    group: 'customers',
    nameZh: '查阅客户档案的查看与导出记录',
    nameEn: 'Review who viewed and exported customer records',
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
    code: 'telephony.report',
    group: 'customers',
    nameZh: '查看热线报表（接听时长、放弃来电）',
    nameEn: 'View the hotline report (answer times, abandoned calls)',
  },
  {
    code: 'telephony.recordings.play',
    group: 'customers',
    nameZh: '收听通话录音',
    nameEn: 'Play call recordings',
  },
  {
    code: 'channels.manage',
    group: 'customers',
    nameZh: '配置接入渠道（短信网关、微信客服）',
    nameEn: 'Configure channels (SMS gateways, WeChat customer service)',
  },
  {
    code: 'channels.reply',
    group: 'customers',
    nameZh: '查看并回复微信客服会话',
    nameEn: 'Read and answer WeChat customer-service conversations',
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
  // RPT-7 quality review (质检): supervisors sample and score; agents see their own and may appeal.
  {
    code: 'quality.review',
    group: 'surveys',
    nameZh: '质检：抽检打分、处理申诉、查看坐席质检统计',
    nameEn: 'Quality review: sample and score, decide appeals, view agents’ figures',
  },
  {
    code: 'quality.view_own',
    group: 'surveys',
    nameZh: '查看本人质检结果并申诉',
    nameEn: 'See one’s own quality reviews and appeal',
  },
  {
    code: 'quality.manage',
    group: 'surveys',
    nameZh: '维护质检评分表',
    nameEn: 'Manage the quality-review scoring form',
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
  // Spare parts (备件, issue 18): catalogue, stock per warehouse and van, movements.
  { code: 'parts.view', group: 'workorders', nameZh: '查看备件与库存', nameEn: 'View spare parts and stock' },
  {
    code: 'parts.manage',
    group: 'workorders',
    nameZh: '维护备件目录与库位',
    nameEn: 'Manage the parts catalogue and stock locations',
  },
  {
    code: 'parts.move',
    group: 'workorders',
    nameZh: '备件出入库、领料与旧件返回',
    nameEn: 'Move stock: receive, transfer, requisition, use, return, old parts',
  },
  // Reports (报表 · 考核, RPT-2/3/6, CMP-10).
  {
    code: 'reports.read',
    group: 'reports',
    nameZh: '查看报表与考核',
    nameEn: 'View reports and assessments',
  },
  {
    code: 'reports.export',
    group: 'reports',
    nameZh: '导出报表（Excel）',
    nameEn: 'Export reports (Excel)',
  },
  {
    code: 'reports.analysis.write',
    group: 'reports',
    nameZh: '撰写并签署月度投诉分析',
    nameEn: 'Write and sign the monthly complaint analysis',
  },
  {
    code: 'reports.manage',
    group: 'reports',
    nameZh: '报表设置与定时发送',
    nameEn: 'Report settings and scheduled delivery',
  },
  // Orders, returns and the approval engine (订单 · 退换货 · 审批, RET-1…10, issue 17).
  { code: 'orders.read', group: 'returns', nameZh: '查看订单', nameEn: 'View orders' },
  { code: 'orders.manage', group: 'returns', nameZh: '柜台登记订单', nameEn: 'Enter orders at the counter' },
  {
    code: 'orders.import',
    group: 'returns',
    nameZh: '批量导入订单（Excel 导入，ERP、电商平台接口推送）',
    nameEn: 'Import orders (from Excel, or pushed by the ERP or e-commerce platform)',
  },
  { code: 'returns.read', group: 'returns', nameZh: '查看退换货与取消申请', nameEn: 'View return requests' },
  {
    code: 'returns.request',
    group: 'returns',
    nameZh: '受理退换货与取消订单申请',
    nameEn: 'Take return, exchange and cancellation requests',
  },
  {
    code: 'returns.policy.manage',
    group: 'returns',
    nameZh: '维护退换货政策',
    nameEn: 'Manage the return policy',
  },
  {
    code: 'approvals.manage',
    group: 'returns',
    nameZh: '维护审批流程与代理人',
    nameEn: 'Manage approval chains and delegates',
  },
  // Knowledge base and case library (知识库 · 案例库, KB-1…KB-3, CL-2).
  {
    code: 'knowledge.read',
    group: 'knowledge',
    nameZh: '查看知识库（答客问、案例），受理时获得推荐',
    nameEn: 'Read the knowledge base and get suggestions at intake',
  },
  {
    code: 'knowledge.manage',
    group: 'knowledge',
    nameZh: '编写答客问并提交审核，维护词典与同义词',
    nameEn: 'Write answers for approval; manage the dictionary and synonyms',
  },
  {
    code: 'knowledge.review',
    group: 'knowledge',
    nameZh: '在设计评审清单上签认（确定相关问题已经规避）',
    nameEn: 'Sign off design-review cases as avoided',
  },
  // Journeys (服务流程, JRN-1…8): staged processes on versioned templates.
  { code: 'journeys.read', group: 'journeys', nameZh: '查看服务流程', nameEn: 'View journeys' },
  {
    code: 'journeys.run',
    group: 'journeys',
    nameZh: '发起并推进服务流程（登记表单、资料、收款）',
    nameEn: 'Start and run journeys (forms, documents, payments)',
  },
  {
    code: 'journeys.close',
    group: 'journeys',
    nameZh: '终止服务流程（未完成即关闭，按规定处理定金）',
    nameEn: 'Close journeys without finishing (deposits handled as the rules say)',
  },
  {
    code: 'journeys.discounts.approve',
    group: 'journeys',
    nameZh: '批准装修折扣（200 元以内，服务经理）',
    nameEn: 'Approve decoration discounts (up to ¥200, the service manager)',
  },
  {
    code: 'journeys.templates.manage',
    group: 'journeys',
    nameZh: '维护服务流程模板（新版本）',
    nameEn: 'Manage journey templates (new versions)',
  },
] as const;

export type PermissionCode = (typeof PERMISSIONS)[number]['code'];

/** Every permission code of the catalogue, in catalogue order. */
export const PERMISSION_CODES: PermissionCode[] = PERMISSIONS.map((p) => p.code);

/** True when the string names a permission in the catalogue. */
export function isPermissionCode(code: string): code is PermissionCode {
  return (PERMISSION_CODES as string[]).includes(code);
}
