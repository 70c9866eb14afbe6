import type { ApprovalChainRule } from './approvals';

/** The kinds of request the shipped chains cover; a company may add rules for others. */
export const APPROVAL_KINDS = ['cancellation', 'return', 'exchange', 'quote', 'field_record'] as const;
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

/**
 * PAY-3/PAY-4: charged-service quotes below this total are small charges, collected on site without
 * the two managers' approval. It is the quote chain's lower amount bound, so a company changes it
 * (per unit, like any chain) in the chain administration.
 */
export const SMALL_CHARGE_THRESHOLD_FEN = 20_000;

/**
 * The chains a company starts with (RET-2, RET-8), seeded as data at the root unit the first time
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
];

/** Names of the shipped stages for the pages (a company's own stage keys show as written). */
export const STAGE_LABELS: Record<string, { zh: string; en: string }> = {
  general_manager: { zh: '总经理签字', en: 'General manager signs' },
  finance: { zh: '财务备案', en: 'Filed with finance' },
  inspection: { zh: '验货', en: 'Goods inspected' },
  division_head: { zh: '自营部负责人签字', en: 'Head of retail operations signs' },
  department_head: { zh: '部门负责人审批', en: 'Department head approves' },
  company_head: { zh: '公司负责人审批', en: 'Company head approves' },
  quality: { zh: '品质经理审批', en: 'Quality manager approves' },
};
