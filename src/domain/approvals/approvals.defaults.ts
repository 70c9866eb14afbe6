import type { ApprovalChainRule } from './approvals';

/** The kinds of request the shipped chains cover; a company may add rules for others. */
export const APPROVAL_KINDS = [
  'cancellation',
  'return',
  'exchange',
  'complaint_close_out',
  'account_opening',
  'online_return',
  'online_exchange',
  'quote',
  'field_record',
  'kb_answer',
  'customer_export',
  'customer_erasure',
  'journey_approval',
] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

/** A chain rule as a company keeps it: the engine's rule with names for the pages. */
export interface NamedChainRule extends ApprovalChainRule {
  readonly nameZh: string;
  readonly nameEn: string;
}

// Shipped stage time limits (editable per chain): a signature within a working day, finance's
// filing within two (SLA-2 counting: by close of business on the N-th working day).
const ONE_DAY = { unit: 'working_days', amount: 1 } as const;
const TWO_DAYS = { unit: 'working_days', amount: 2 } as const;

/** RET-9: who receives the returned parcel and calls the customer — the online shop's service desk. */
const ONLINE_DESK = ['online_shop_admin', 'agent', 'cs_supervisor'];

/**
 * RET-9: an online shop's return or exchange is a chain of hand-offs, each signed by the team that
 * does it: the parcel received and the customer contacted → the shop administrator refunds → the
 * return logged in the shop's ERP → the parcel-tracking team → the logistics warehouse takes the
 * goods in. Disputes are settled on purchasing's purchase vouchers (the form says so).
 */
const ONLINE_CHAINS: readonly NamedChainRule[] = (['online_return', 'online_exchange'] as const).map(
  (kind) => {
    const ret = kind === 'online_return';
    return {
      subjectType: kind,
      nameZh: `网店${ret ? '退货：收件联系顾客 → 网店管理员退款' : '换货：收件联系顾客 → 网店管理员安排换货'} → 网店 ERP 登记 → 快递跟踪组 → 物流仓库`,
      nameEn: `Online ${ret ? 'return: parcel received, customer contacted → shop administrator refunds' : 'exchange: parcel received, customer contacted → shop administrator sends the replacement'} → logged in the shop's ERP → parcel tracking → logistics warehouse`,
      stages: [
        { key: 'parcel_received', roles: ONLINE_DESK, mode: 'any' as const, timeLimit: ONE_DAY },
        {
          key: ret ? 'shop_refund' : 'shop_exchange',
          roles: ['online_shop_admin'],
          mode: 'any' as const,
          timeLimit: ONE_DAY,
        },
        { key: 'shop_erp_logged', roles: ['online_shop_admin'], mode: 'any' as const, timeLimit: ONE_DAY },
        { key: 'parcel_tracking', roles: ['parcel_tracking'], mode: 'any' as const, timeLimit: TWO_DAYS },
        { key: 'logistics_warehouse', roles: ['warehouse'], mode: 'any' as const, timeLimit: TWO_DAYS },
      ],
    };
  },
);

/**
 * PAY-3/PAY-4: charged-service quotes below this total are small charges, collected on site without
 * the two managers' approval. It is the quote chain's lower amount bound, so a company changes it
 * (per unit, like any chain) in the chain administration.
 */
export const SMALL_CHARGE_THRESHOLD_FEN = 20_000;

/**
 * The chains a company starts with (RET-2, RET-8, RET-9, CMP-5, ORG-3, PAY-3, REP-8), seeded as data at the root unit the first time
 * they are needed and editable afterwards. The customer's signature and the store manager's filling
 * come before submission (the returns module enforces them); the chain starts at what follows.
 */
export const DEFAULT_APPROVAL_CHAINS: readonly NamedChainRule[] = [
  {
    subjectType: 'cancellation',
    nameZh: '取消订单：总经理签字 → 财务备案',
    nameEn: 'Cancellation: general manager signs → filed with finance',
    stages: [
      { key: 'general_manager', roles: ['general_manager'], mode: 'any', timeLimit: ONE_DAY },
      { key: 'finance', roles: ['finance'], mode: 'any', timeLimit: TWO_DAYS },
    ],
  },
  ...(['return', 'exchange'] as const).map((kind) => ({
    subjectType: kind,
    nameZh: `${kind === 'return' ? '退货' : '换货'}：验货 → 自营部负责人签字 → 财务备案`,
    nameEn: `${kind === 'return' ? 'Return' : 'Exchange'}: goods inspected → head of retail operations signs → filed with finance`,
    stages: [
      {
        key: 'inspection',
        roles: ['technician', 'installation_supervisor', 'quality_manager'],
        mode: 'any' as const,
        timeLimit: ONE_DAY,
      },
      { key: 'division_head', roles: ['self_operated_head'], mode: 'any' as const, timeLimit: ONE_DAY },
      { key: 'finance', roles: ['finance'], mode: 'any' as const, timeLimit: TWO_DAYS },
    ],
  })),
  {
    // CMP-5: the intake agent asks; three owners sign in order, each may send it back one stage
    // (the quality lead, first, sends it back to the agent). Sales' filing is part of the approval.
    subjectType: 'complaint_close_out',
    nameZh: '投诉结案：质量负责人意见 → 绩效考核确认 → 总经理审批',
    nameEn: 'Complaint close-out: quality lead’s opinion → assessment confirmed → general manager approves',
    stages: [
      { key: 'quality_opinion', roles: ['quality_manager'], mode: 'any', sendBack: 'previous_stage' },
      { key: 'assessment', roles: ['performance_assessor'], mode: 'any', sendBack: 'previous_stage' },
      { key: 'approval', roles: ['general_manager'], mode: 'any', sendBack: 'previous_stage' },
    ],
  },
  {
    // ORG-3: HR/administration files, the general manager approves; the HQ customer-service
    // supervisor then opens the account (an action on the approved request, not a signature).
    subjectType: 'account_opening',
    nameZh: '开通账号：总经理审批',
    nameEn: 'Account opening: general manager approves',
    stages: [{ key: 'general_manager', roles: ['general_manager'], mode: 'any', timeLimit: ONE_DAY }],
  },
  ...ONLINE_CHAINS,
  {
    // PAY-3: prices confirmed and the customer agreed before submission (the work-order module
    // enforces them); the customer signs the itemised quote after the approval.
    subjectType: 'quote',
    nameZh: '收费报价：部门负责人审批 → 公司负责人审批',
    nameEn: 'Charged-service quote: department head approves → company head approves',
    minAmountFen: SMALL_CHARGE_THRESHOLD_FEN,
    stages: [
      { key: 'department_head', roles: ['department_head'], mode: 'any', timeLimit: ONE_DAY },
      { key: 'company_head', roles: ['general_manager'], mode: 'any', timeLimit: ONE_DAY },
    ],
  },
  {
    // REP-8/CMP-4: the field-service record of a complaint-driven visit, before the technician goes.
    subjectType: 'field_record',
    nameZh: '售后服务（维修）记录表：品质经理审批 → 总经理审批',
    nameEn: 'Field-service record: quality manager approves → general manager approves',
    stages: [
      { key: 'quality', roles: ['quality_manager'], mode: 'any', timeLimit: ONE_DAY },
      { key: 'general_manager', roles: ['general_manager'], mode: 'any', timeLimit: ONE_DAY },
    ],
  },
  // KB-1: an answer (or a new version of one) is approved by the customer-service supervisor.
  {
    subjectType: 'kb_answer',
    nameZh: '答客问：客服主管审核发布',
    nameEn: 'Approved answer: customer-service supervisor approves',
    stages: [{ key: 'kb_review', roles: ['cs_supervisor'], mode: 'any', timeLimit: TWO_DAYS }],
  },
  // CUS-3: customer records leave the system in bulk only with the general manager's approval.
  {
    subjectType: 'customer_export',
    nameZh: '客户资料导出：总经理审批',
    nameEn: 'Customer data export: general manager approves',
    stages: [{ key: 'general_manager', roles: ['general_manager'], mode: 'any', timeLimit: ONE_DAY }],
  },
  // PIPL: a customer's personal information is erased only with the general manager's approval.
  {
    subjectType: 'customer_erasure',
    nameZh: '删除客户个人信息：总经理审批',
    nameEn: 'Customer personal data erasure: general manager approves',
    stages: [{ key: 'general_manager', roles: ['general_manager'], mode: 'any', timeLimit: ONE_DAY }],
  },
  // JRN-1…8: an approval a journey stage asks for (the installation supervisor's leftover sheet, the
  // engineering review, a vice-president's open day…), signed by a supervisor or manager of the unit.
  {
    subjectType: 'journey_approval',
    nameZh: '服务流程审批：主管或经理签字',
    nameEn: 'Journey approval: a supervisor or manager signs',
    stages: [
      {
        key: 'journey_sign_off',
        roles: [
          'installation_supervisor',
          'cs_supervisor',
          'store_manager',
          'department_head',
          'general_manager',
        ],
        mode: 'any',
        timeLimit: ONE_DAY,
      },
    ],
  },
];

/** Names of the shipped stages for the pages (a company's own stage keys show as written). */
export const STAGE_LABELS: Record<string, { zh: string; en: string }> = {
  general_manager: { zh: '总经理签字', en: 'General manager signs' },
  finance: { zh: '财务备案', en: 'Filed with finance' },
  inspection: { zh: '验货', en: 'Goods inspected' },
  division_head: { zh: '自营部负责人签字', en: 'Head of retail operations signs' },
  quality_opinion: { zh: '质量负责人意见', en: 'Quality lead’s opinion' },
  assessment: { zh: '绩效考核确认', en: 'Assessment confirmed' },
  approval: { zh: '总经理审批', en: 'General manager approves' },
  parcel_received: { zh: '收到退件并联系顾客', en: 'Parcel received, customer contacted' },
  shop_refund: { zh: '网店管理员退款', en: 'Shop administrator refunds' },
  shop_exchange: { zh: '网店管理员安排换货', en: 'Shop administrator sends the replacement' },
  shop_erp_logged: { zh: '网店 ERP 登记退货', en: "Logged in the shop's ERP" },
  parcel_tracking: { zh: '快递跟踪组核对', en: 'Parcel-tracking team' },
  logistics_warehouse: { zh: '物流仓库入库', en: 'Logistics warehouse takes the goods in' },
  department_head: { zh: '部门负责人审批', en: 'Department head approves' },
  company_head: { zh: '公司负责人审批', en: 'Company head approves' },
  quality: { zh: '品质经理审批', en: 'Quality manager approves' },
  kb_review: { zh: '客服主管审核', en: 'Customer-service supervisor reviews' },
  journey_sign_off: { zh: '主管或经理签字', en: 'A supervisor or manager signs' },
};
