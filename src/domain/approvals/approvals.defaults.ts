import type { ApprovalChainRule } from './approvals';

/** The kinds of request the shipped chains cover; a company may add rules for others. */
export const APPROVAL_KINDS = ['cancellation', 'return', 'exchange', 'customer_export'] as const;
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
  // CUS-3: customer records leave the system in bulk only with the general manager's approval.
  {
    subjectType: 'customer_export',
    nameZh: '客户资料导出：总经理审批',
    nameEn: 'Customer data export: general manager approves',
    stages: [{ key: 'general_manager', roles: ['general_manager'], mode: 'any', timeLimit: ONE_DAY }],
  },
];

/** Names of the shipped stages for the pages (a company's own stage keys show as written). */
export const STAGE_LABELS: Record<string, { zh: string; en: string }> = {
  general_manager: { zh: '总经理签字', en: 'General manager signs' },
  finance: { zh: '财务备案', en: 'Filed with finance' },
  inspection: { zh: '验货', en: 'Goods inspected' },
  division_head: { zh: '自营部负责人签字', en: 'Head of retail operations signs' },
};
