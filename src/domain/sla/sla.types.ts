/**
 * SLA policy model (服务时限). Generic over the subject: a ticket, a work order or anything else
 * that has an intake instant and emits named events.
 */

/** Target keys used by the shipped policies; custom policies may add their own. */
export type SlaTargetKey =
  | 'first_response'
  | 'verification'
  | 'second_response'
  | 'department_reply'
  | 'customer_reply'
  | 'result_reply'
  | 'resolution'
  | 'contact'
  | 'solution'
  | 'follow_up'
  | (string & {});

/**
 * When a target's clock starts:
 * - 'intake': when the subject is taken in;
 * - 'previous_met': when the previous target in the policy is met (hard complaint: second response);
 * - 'committed_date_set': when a committed date is recorded (due AT that date);
 * - { event }: when the subject emits that event (repair: 'item_returned').
 */
export type SlaStart = 'intake' | 'previous_met' | 'committed_date_set' | { readonly event: string };

export type SlaDurationUnit =
  'working_minutes' | 'working_hours' | 'working_days' | 'calendar_minutes' | 'calendar_hours';

/** Allowed time: an amount of working/calendar time, or "by the committed date". */
export type SlaAllowed =
  { readonly unit: SlaDurationUnit; readonly amount: number } | { readonly unit: 'committed_date' };

export interface SlaTarget {
  readonly key: SlaTargetKey;
  readonly startsOn: SlaStart;
  /** Event name that meets the target, e.g. 'first_responded'. */
  readonly stopsOn: string;
  readonly allowed: SlaAllowed;
  /** SLA-7: pending customer pauses the clock; waiting on a department never does. */
  readonly pausesWhenPendingCustomer: boolean;
  /** SLA-8: share of the allowed time after which the target is at risk (default 0.8). */
  readonly atRiskRatio?: number;
  /** SLA-10: runs again when the subject is reopened (default: only targets met by 'resolved'). */
  readonly restartsOnReopen?: boolean;
}

export interface SlaPolicy {
  readonly key: string;
  /** Ordered: 'previous_met' refers to the target just before. */
  readonly targets: readonly SlaTarget[];
}

/** A pause [from, to) in epoch ms; `to` undefined = still paused. */
export interface SlaPause {
  readonly from: number;
  readonly to?: number;
}

export type SlaTargetStateName = 'on_track' | 'at_risk' | 'breached' | 'met' | 'met_late';
