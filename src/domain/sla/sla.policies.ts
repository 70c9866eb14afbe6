/**
 * Shipped default SLA policies, one per ticket type (SLA-3…SLA-6).
 *
 * Working vs calendar time (SLA-2: "hours/minutes count working time unless the policy says
 * calendar time"):
 * - Minutes and short hours (15/30 min, 1 h, 3 h) and all "N days" are working time: they are
 *   promises about the team's own reaction, and a complaint at 17:55 cannot be answered at 18:10.
 * - "72 hours" (repair solution) and "24 hours" (satisfaction calls) are calendar time: they are
 *   customer-facing clock promises. Counted in working time they would stretch to ~10 and ~3
 *   working days (7.5 h days), which is not what a customer hears in "72 hours". A unit that does
 *   not call on weekends should override these targets in its own policy.
 * - Repair "contact within 1 day" is 1 working day (close of business of the next working day,
 *   SLA-2), because the service centre books visits only on its working days.
 * Pending customer pauses response/resolution clocks (SLA-7) but not satisfaction calls or
 * committed dates: those are fixed promises once made.
 *
 * The manuals give no numbers for installation, return/exchange, cancellation, praise, suggestion
 * and other; their defaults below are what a customer-service manager would promise: the customer
 * hears back within 1 working day (first reply: 'first_responded'), and the case is resolved
 * ('resolved') within a few working days — installation 5, return/exchange 7 (the inspection and
 * approval chain of RET-7/RET-8), cancellation 2 (the 48-hour rule of RET-2 makes it urgent),
 * other 5. Praise and suggestions are thanked within 2 working days (CMP-9: the praise is
 * registered and passed on; nothing is "resolved" for the customer).
 */
import { slaError } from './sla.errors';
import { isEmittedOn } from './sla.events';
import type { SlaPolicy, SlaTarget } from './sla.types';

export type TicketType =
  | 'consultation_direct'
  | 'consultation_indirect'
  | 'rectification'
  | 'soft_complaint'
  | 'hard_complaint'
  | 'repair'
  | 'installation'
  | 'return_exchange'
  | 'order_cancellation'
  | 'praise'
  | 'suggestion'
  | 'other';

const t = (target: SlaTarget): SlaTarget => Object.freeze(target);

/** First reply + resolution, both in working days, both paused while waiting on the customer. */
const replyThenResolve = (key: TicketType, resolveDays: number): SlaPolicy => ({
  key,
  targets: [
    t({
      key: 'first_response',
      startsOn: 'intake',
      stopsOn: 'first_responded',
      allowed: { unit: 'working_days', amount: 1 },
      pausesWhenPendingCustomer: true,
    }),
    t({
      key: 'resolution',
      startsOn: 'intake',
      stopsOn: 'resolved',
      allowed: { unit: 'working_days', amount: resolveDays },
      pausesWhenPendingCustomer: true,
    }),
  ],
});

/** Thanks / acknowledgement only (praise, suggestion): one reply within `days` working days. */
const acknowledge = (key: TicketType, days: number): SlaPolicy => ({
  key,
  targets: [
    t({
      key: 'first_response',
      startsOn: 'intake',
      stopsOn: 'first_responded',
      allowed: { unit: 'working_days', amount: days },
      pausesWhenPendingCustomer: true,
    }),
  ],
});

/** Default policies keyed by ticket type. */
export const DEFAULT_SLA_POLICIES: Readonly<Record<TicketType, SlaPolicy>> = Object.freeze({
  // SLA-3: consultation answered directly by the intake agent — 1 working day.
  consultation_direct: {
    key: 'consultation_direct',
    targets: [
      t({
        key: 'customer_reply',
        startsOn: 'intake',
        stopsOn: 'customer_replied',
        allowed: { unit: 'working_days', amount: 1 },
        pausesWhenPendingCustomer: true,
      }),
    ],
  },
  // SLA-3: consultation needing a department — 2 working days.
  consultation_indirect: {
    key: 'consultation_indirect',
    targets: [
      t({
        key: 'customer_reply',
        startsOn: 'intake',
        stopsOn: 'customer_replied',
        allowed: { unit: 'working_days', amount: 2 },
        pausesWhenPendingCustomer: true,
      }),
    ],
  },
  // SLA-3: rectification — department reply 2 working days, customer reply 3, result at the committed date.
  rectification: {
    key: 'rectification',
    targets: [
      t({
        key: 'department_reply',
        startsOn: 'intake',
        stopsOn: 'department_replied',
        allowed: { unit: 'working_days', amount: 2 },
        pausesWhenPendingCustomer: true,
      }),
      t({
        key: 'customer_reply',
        startsOn: 'intake',
        stopsOn: 'customer_replied',
        allowed: { unit: 'working_days', amount: 3 },
        pausesWhenPendingCustomer: true,
      }),
      // Met by the result reply at completion or the committed date, whichever comes first.
      t({
        key: 'result_reply',
        startsOn: 'committed_date_set',
        stopsOn: 'result_replied',
        allowed: { unit: 'committed_date' },
        pausesWhenPendingCustomer: false,
      }),
    ],
  },
  // SLA-4: soft complaint — respond in 15 working minutes, facts verified in 30.
  soft_complaint: {
    key: 'soft_complaint',
    targets: [
      t({
        key: 'first_response',
        startsOn: 'intake',
        stopsOn: 'first_responded',
        allowed: { unit: 'working_minutes', amount: 15 },
        pausesWhenPendingCustomer: true,
      }),
      t({
        key: 'verification',
        startsOn: 'intake',
        stopsOn: 'verified',
        allowed: { unit: 'working_minutes', amount: 30 },
        pausesWhenPendingCustomer: true,
      }),
    ],
  },
  // SLA-5: hard complaint — 1 h, then 3 h after the first response, resolution at the committed time, call within 24 h.
  hard_complaint: {
    key: 'hard_complaint',
    targets: [
      t({
        key: 'first_response',
        startsOn: 'intake',
        stopsOn: 'first_responded',
        allowed: { unit: 'working_hours', amount: 1 },
        pausesWhenPendingCustomer: true,
      }),
      t({
        key: 'second_response',
        startsOn: 'previous_met',
        stopsOn: 'second_responded',
        allowed: { unit: 'working_hours', amount: 3 },
        pausesWhenPendingCustomer: true,
      }),
      t({
        key: 'resolution',
        startsOn: 'committed_date_set',
        stopsOn: 'resolved',
        allowed: { unit: 'committed_date' },
        pausesWhenPendingCustomer: false,
      }),
      t({
        key: 'follow_up',
        startsOn: 'previous_met',
        stopsOn: 'satisfaction_call_made',
        allowed: { unit: 'calendar_hours', amount: 24 },
        pausesWhenPendingCustomer: false,
      }),
    ],
  },
  // SLA-6: repair — contact within 1 working day, concrete solution within 72 h, call within 24 h of the item's return.
  repair: {
    key: 'repair',
    targets: [
      t({
        key: 'contact',
        startsOn: 'intake',
        stopsOn: 'customer_contacted',
        allowed: { unit: 'working_days', amount: 1 },
        pausesWhenPendingCustomer: true,
      }),
      t({
        key: 'solution',
        startsOn: 'intake',
        stopsOn: 'solution_offered',
        allowed: { unit: 'calendar_hours', amount: 72 },
        pausesWhenPendingCustomer: true,
      }),
      t({
        key: 'follow_up',
        startsOn: { event: 'item_returned' },
        stopsOn: 'satisfaction_call_made',
        allowed: { unit: 'calendar_hours', amount: 24 },
        pausesWhenPendingCustomer: false,
      }),
    ],
  },
  // No numbers in the manuals: documented defaults (see the header).
  installation: replyThenResolve('installation', 5),
  return_exchange: replyThenResolve('return_exchange', 7),
  order_cancellation: replyThenResolve('order_cancellation', 2),
  other: replyThenResolve('other', 5),
  praise: acknowledge('praise', 2),
  suggestion: acknowledge('suggestion', 2),
} satisfies Record<TicketType, SlaPolicy>);

/** The shipped default policy for a ticket type. */
export function defaultSlaPolicy(type: TicketType): SlaPolicy {
  return DEFAULT_SLA_POLICIES[type];
}

/**
 * Throws sla.invalid_policy for duplicate keys, bad amounts or ratios, 'previous_met' on the first
 * target, or an event no ticket action emits (SLA-10: every target must be able to start and end).
 */
export function validateSlaPolicy(policy: SlaPolicy): void {
  const bad = (zh: string, en: string) =>
    slaError('sla.invalid_policy', `时限策略「${policy.key}」：${zh}`, `SLA policy "${policy.key}": ${en}`);
  if (policy.targets.length === 0) throw bad('至少需要一个时限目标', 'needs at least one target');
  const seen = new Set<string>();
  policy.targets.forEach((target, i) => {
    if (seen.has(target.key)) throw bad(`目标「${target.key}」重复`, `target "${target.key}" appears twice`);
    seen.add(target.key);
    if (i === 0 && target.startsOn === 'previous_met')
      throw bad('第一个目标不能从“上一目标达成”开始', 'the first target cannot start on previous_met');
    if (!isEmittedOn(target.stopsOn, 'ticket'))
      throw bad(
        `目标「${target.key}」的达成事件「${target.stopsOn}」在工单上不会发生`,
        `target "${target.key}" is met by "${target.stopsOn}", which no ticket action emits`,
      );
    const s = target.startsOn;
    if (typeof s === 'object' && !isEmittedOn(s.event, 'ticket'))
      throw bad(
        `目标「${target.key}」的开始事件「${s.event}」在工单上不会发生`,
        `target "${target.key}" starts on "${s.event}", which no ticket action emits`,
      );
    if (target.allowed.unit !== 'committed_date') {
      const { amount, unit } = target.allowed;
      if (!Number.isFinite(amount) || amount <= 0 || (unit === 'working_days' && !Number.isInteger(amount))) {
        throw bad(
          `目标「${target.key}」的时长 ${amount} 无效`,
          `target "${target.key}" has an invalid amount ${amount}`,
        );
      }
    }
    const r = target.atRiskRatio;
    if (r !== undefined && !(r > 0 && r < 1))
      throw bad(
        `目标「${target.key}」的预警比例须在 0 与 1 之间`,
        `target "${target.key}" atRiskRatio must be between 0 and 1`,
      );
  });
}
