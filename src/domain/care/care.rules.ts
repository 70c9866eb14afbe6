/** CARE-1: the rules in force at a unit — shipped defaults, then each ancestor's rules, nearest wins. */
import { SHIPPED_CARE_RULES } from './care.defaults';
import type { CareRule } from './care.types';

/** A unit's stored rules, root first; each replaces the inherited rule of its code or adds one. */
export function effectiveCareRules(chain: readonly (readonly CareRule[])[]): CareRule[] {
  const byCode = new Map<string, CareRule>(SHIPPED_CARE_RULES.map((r) => [r.code, r]));
  for (const link of chain) for (const r of link) byCode.set(r.code, r);
  return [...byCode.values()];
}

export type CareRuleProblem =
  | 'offset_out_of_range'
  | 'event_offset_negative'
  | 'inactivity_days_out_of_range'
  | 'message_template_required'
  | 'survey_needs_call'
  | 'loop';

/** Why a rule cannot be saved, or null. Each answer names a mistake an administrator can fix. */
export function careRuleProblem(rule: CareRule): CareRuleProblem | null {
  const { amount, unit } = rule.offset;
  const limit = { minutes: 60 * 24 * 30, hours: 24 * 90, days: 730, working_days: 60, months: 24 }[unit];
  if (!Number.isInteger(amount) || Math.abs(amount) > limit) return 'offset_out_of_range';
  // An event is in the past when it is announced: "before" it cannot be scheduled — except an
  // appointment, announced when booked and counted from the visit ahead (JRN-3).
  if (rule.trigger.kind === 'event' && amount < 0 && rule.trigger.event !== 'workorder.appointment_agreed')
    return 'event_offset_negative';
  if (rule.trigger.kind === 'inactivity' && (rule.trigger.days < 1 || rule.trigger.days > 3650))
    return 'inactivity_days_out_of_range';
  if (rule.channel === 'email' && !rule.messageTemplateCode) return 'message_template_required';
  if (rule.surveyTemplateCode && rule.channel === 'letter') return 'survey_needs_call';
  // A rule firing on a closed ticket with no delay would chase its own follow-up tickets
  // (reached-issue opens a ticket, closing it fires the rule again at once).
  if (
    rule.trigger.kind === 'event' &&
    rule.trigger.event === 'ticket.closed' &&
    amount === 0 &&
    rule.channel === 'call'
  )
    return 'loop';
  return null;
}
