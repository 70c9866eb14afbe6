/**
 * Complaint and department-handling rules (投诉处理 · 部门回复): CMP-1…CMP-10, SLA-3/5, SAT-2.
 * Pure: instants and settings are passed in.
 */
import type { TicketState, TicketTypeCode } from './tickets.types';
import { isFinishedState } from './tickets.states';

/** CMP-3 corrective actions a department may choose. */
export const CORRECTIVE_ACTIONS = [
  'rework', // 返工
  'repair', // 维修
  'on_site_service', // 上门服务
  'replacement', // 更换
  'refund', // 退款
  'explanation', // 解释说明
] as const;
export type CorrectiveAction = (typeof CORRECTIVE_ACTIONS)[number];

/** CMP-1 the customer's emotional state as the agent heard it. */
export const EMOTIONAL_STATES = ['calm', 'anxious', 'dissatisfied', 'angry', 'very_angry'] as const;
export type EmotionalState = (typeof EMOTIONAL_STATES)[number];

/**
 * CMP-4 departments invited to a cause-analysis meeting (the after-sales manual invites all of
 * them): sales 销售, technical 技术, quality inspection 质检, supply 供应, production 生产, workshop 车间.
 */
export const MEETING_DEPARTMENTS = [
  'sales',
  'technical',
  'quality',
  'supply',
  'production',
  'workshop',
] as const;
export type MeetingDepartment = (typeof MEETING_DEPARTMENTS)[number];

/** CMP-4: who convenes the meeting (the management representative 管代) and who keeps the minutes (sales). */
export const MEETING_CONVENOR = 'management_representative';
export const MEETING_MINUTES_KEEPER: MeetingDepartment = 'sales';

/** SAT-2 the customer's evaluation of the result. */
export const EVALUATION_RESULTS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type EvaluationResult = (typeof EVALUATION_RESULTS)[number];

/** CMP-6 customer-visible progress updates and the SLA event each one emits (null: none). */
export const PROGRESS_SLA_EVENTS = {
  progress: null,
  verified: 'verified', // SLA-4: facts checked
  second_response: 'second_responded', // SLA-5: second response to a hard complaint
  result: 'result_replied', // SLA-3: result at completion or the committed date
} as const;
export type ProgressKind = keyof typeof PROGRESS_SLA_EVENTS;
export const PROGRESS_KINDS = Object.keys(PROGRESS_SLA_EVENTS) as ProgressKind[];

/** SLA event the department reply form emits (SLA-3). */
export const DEPARTMENT_REPLIED_SLA_EVENT = 'department_replied';

/** Types that carry a complaint record (details, product/cause, commitments, close-out). */
export const COMPLAINT_RECORD_TYPES: readonly TicketTypeCode[] = [
  'soft_complaint',
  'hard_complaint',
  'rectification',
  'repair',
  'installation',
  'return_exchange',
];

/**
 * CMP-4: which complaints open a cause-analysis meeting, per unit:
 * - `product_complaints` (the after-sales manual's default): every product complaint — see
 *   `isProductComplaint` — and every serious one (hard complaint, claim above the threshold);
 * - `serious_only`: hard complaints and claims above the threshold;
 * - `off`: none opens by itself.
 */
export const CAUSE_ANALYSIS_TRIGGERS = ['product_complaints', 'serious_only', 'off'] as const;
export type CauseAnalysisTrigger = (typeof CAUSE_ANALYSIS_TRIGGERS)[number];

/** Why a meeting was opened. */
export const CAUSE_ANALYSIS_REASONS = [
  'product_complaint',
  'hard_complaint',
  'claim_over_threshold',
] as const;
export type CauseAnalysisReason = (typeof CAUSE_ANALYSIS_REASONS)[number];

/** Per-unit settings with the shipped defaults (CMP-4 trigger and threshold; CMP-8 N complaints in D days). */
export interface ComplaintSettings {
  causeAnalysisTrigger: CauseAnalysisTrigger;
  seriousClaimThresholdFen: number;
  clusterMinCount: number;
  clusterWindowDays: number;
}
export const DEFAULT_COMPLAINT_SETTINGS: Readonly<ComplaintSettings> = Object.freeze({
  causeAnalysisTrigger: 'product_complaints',
  seriousClaimThresholdFen: 500_000, // ¥5,000
  clusterMinCount: 3,
  clusterWindowDays: 7,
});

/** The complaint types of CL-1; only these can be product complaints. */
const COMPLAINT_TYPES: readonly TicketTypeCode[] = ['soft_complaint', 'hard_complaint', 'rectification'];

/**
 * CMP-4 "product complaint" (产品投诉): a hard complaint (CL-1: a visible product defect), or a
 * soft complaint or rectification whose record names a product or is marked product-caused
 * (CMP-10). A complaint about service or attitude naming no product is not one.
 */
export function isProductComplaint(
  type: TicketTypeCode,
  record: { product: string | null; productCaused: boolean },
): boolean {
  if (!COMPLAINT_TYPES.includes(type)) return false;
  return type === 'hard_complaint' || record.productCaused || !!record.product?.trim();
}

/** CMP-4: a hard complaint, or a claim above the unit's threshold, is serious. */
export function seriousReason(
  type: TicketTypeCode,
  claimAmountFen: number | null,
  thresholdFen: number,
): 'hard_complaint' | 'claim_over_threshold' | null {
  if (type === 'hard_complaint') return 'hard_complaint';
  if (claimAmountFen !== null && claimAmountFen > thresholdFen) return 'claim_over_threshold';
  return null;
}

/** CMP-4: why this complaint opens a cause-analysis meeting under the unit's trigger, or null when it does not. */
export function causeAnalysisReason(
  type: TicketTypeCode,
  record: { product: string | null; productCaused: boolean; claimAmountFen: number | null },
  settings: Pick<ComplaintSettings, 'causeAnalysisTrigger' | 'seriousClaimThresholdFen'>,
): CauseAnalysisReason | null {
  if (settings.causeAnalysisTrigger === 'off') return null;
  const serious = seriousReason(type, record.claimAmountFen, settings.seriousClaimThresholdFen);
  if (settings.causeAnalysisTrigger === 'serious_only') return serious;
  if (serious === 'hard_complaint') return serious;
  if (isProductComplaint(type, record)) return 'product_complaint';
  return serious;
}

/** CMP-8: product and cause compared without case and surrounding/duplicated spaces ("A100 " = "a100"). */
export function clusterKey(value: string): string {
  return value.trim().replace(/\s+/g, ' ').toLowerCase();
}

const DAY_MS = 86_400_000;

/**
 * CMP-8: given the intake instants (ms) of complaints sharing product and cause, the window
 * [start, start + D days] that holds at least N of them, starting at the earliest such complaint;
 * null when no window does. The window start identifies the cluster, so re-checking never raises twice.
 */
export function clusterWindow(
  receivedAts: readonly number[],
  settings: Pick<ComplaintSettings, 'clusterMinCount' | 'clusterWindowDays'>,
): { start: number; end: number; count: number } | null {
  const sorted = [...receivedAts].sort((a, b) => a - b);
  const span = settings.clusterWindowDays * DAY_MS;
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i]!;
    const count = sorted.filter((t) => t >= start && t <= start + span).length;
    if (count >= settings.clusterMinCount) return { start, end: start + span, count };
  }
  return null;
}

/** SAT-2: the customer evaluates a resolved or closed case. */
export function mayEvaluate(state: TicketState): boolean {
  return isFinishedState(state);
}
