/**
 * Complaint and department-handling rules (投诉处理 · 部门回复): CMP-1…CMP-10, SLA-3/5, SAT-2.
 * Pure: instants and settings are passed in.
 */
import type { TicketState, TicketTypeCode } from './tickets.types';

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

/** CMP-4 departments invited to a cause-analysis meeting. */
export const MEETING_DEPARTMENTS = ['sales', 'technical', 'quality', 'supply', 'production'] as const;
export type MeetingDepartment = (typeof MEETING_DEPARTMENTS)[number];

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

/** Per-unit settings with the shipped defaults (CMP-4 threshold; CMP-8 N complaints in D days). */
export interface ComplaintSettings {
  seriousClaimThresholdFen: number;
  clusterMinCount: number;
  clusterWindowDays: number;
}
export const DEFAULT_COMPLAINT_SETTINGS: Readonly<ComplaintSettings> = Object.freeze({
  seriousClaimThresholdFen: 500_000, // ¥5,000
  clusterMinCount: 3,
  clusterWindowDays: 7,
});

/** CMP-4: a hard complaint, or a claim above the unit's threshold, needs a cause-analysis meeting. */
export function seriousReason(
  type: TicketTypeCode,
  claimAmountFen: number | null,
  thresholdFen: number,
): 'hard_complaint' | 'claim_over_threshold' | null {
  if (type === 'hard_complaint') return 'hard_complaint';
  if (claimAmountFen !== null && claimAmountFen > thresholdFen) return 'claim_over_threshold';
  return null;
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

/** CMP-5: close-out may be asked for once the case is resolved, and not while a request is pending. */
export function mayRequestCloseOut(state: TicketState, closeOutState: CloseOutState | null): boolean {
  return state === 'resolved' && closeOutState !== 'pending';
}
export const CLOSE_OUT_STATES = ['pending', 'approved', 'rejected'] as const;
export type CloseOutState = (typeof CLOSE_OUT_STATES)[number];

/** SAT-2: the customer evaluates a resolved or closed case. */
export function mayEvaluate(state: TicketState): boolean {
  return state === 'resolved' || state === 'closed';
}

/** Offset (ms) of `timeZone` from UTC at instant `t`. */
function zoneOffset(t: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(t);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - t;
}

/** 00:00 of a local calendar date (YYYY-MM-DD) in a time zone, as epoch ms. */
export function startOfLocalDay(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  const first = guess - zoneOffset(guess, timeZone);
  // A second pass settles zones whose offset differs between the guess and the answer.
  return guess - zoneOffset(first, timeZone);
}

/** One tallied line of CMP-10 nonconformity statistics. */
export interface NonconformityCount {
  key: string;
  count: number;
}

/** CMP-10: counts product-caused cases by a field, most frequent first (blank = "unspecified"). */
export function tallyBy<T>(rows: readonly T[], field: (row: T) => string | null): NonconformityCount[] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const key = field(row)?.trim() || '';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}
