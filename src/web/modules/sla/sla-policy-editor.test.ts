import { describe, expect, it } from 'vitest';
import {
  applyDraft,
  atRiskText,
  overridesWith,
  toDraft,
  type PolicyOverride,
  type PolicyTarget,
} from './sla-policy-editor';

const firstResponse: PolicyTarget = {
  key: 'first_response',
  startsOn: 'intake',
  stopsOn: 'first_responded',
  allowed: { unit: 'working_hours', amount: 2 },
  pausesWhenPendingCustomer: false,
};

describe('SLA policy editor', () => {
  it('SLA-2: an unchanged draft leaves the target as it was (default at-risk ratio stays unset)', () => {
    expect(applyDraft(firstResponse, toDraft(firstResponse))).toEqual(firstResponse);
  });

  it('SLA-2/SLA-8: amount, unit, at-risk percentage and the pending-customer pause are applied', () => {
    const draft = { ...toDraft(firstResponse), unit: 'working_days' as const, amount: 3, atRiskPercent: 70 };
    expect(applyDraft(firstResponse, { ...draft, pauses: true })).toEqual({
      ...firstResponse,
      allowed: { unit: 'working_days', amount: 3 },
      pausesWhenPendingCustomer: true,
      atRiskRatio: 0.7,
    });
    expect(atRiskText({ ...firstResponse, atRiskRatio: 0.7 })).toBe('70%');
    expect(atRiskText(firstResponse)).toBe('80%');
  });

  it('SLA-2: saving or resetting one type keeps the unit’s other overrides, because PUT replaces them all', () => {
    const own: PolicyOverride[] = [
      { ticketType: 'repair', priority: null, targets: [firstResponse] },
      { ticketType: 'repair', priority: 'urgent', targets: [firstResponse] },
      { ticketType: 'rectification', priority: null, targets: [firstResponse] },
    ];
    const changed = { ...firstResponse, pausesWhenPendingCustomer: true };
    expect(overridesWith(own, 'repair', [changed])).toEqual([
      own[1],
      own[2],
      { ticketType: 'repair', priority: null, targets: [changed] },
    ]);
    expect(overridesWith(own, 'repair', null)).toEqual([own[1], own[2]]);
  });
});
