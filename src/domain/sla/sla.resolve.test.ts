import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICIES } from './sla.policies';
import { resolvePolicy, type SlaPolicyOverride } from './sla.resolve';
import type { SlaTarget } from './sla.types';

const quick = (amount: number): SlaTarget[] => [
  {
    key: 'first_response',
    startsOn: 'intake',
    stopsOn: 'first_responded',
    allowed: { unit: 'working_minutes', amount },
    pausesWhenPendingCustomer: false,
  },
];
const store = { id: 'store', path: ['hq', 'region', 'store'] };

describe('SLA-3…SLA-6: the policy in force for a unit', () => {
  it('SLA-3: without overrides the shipped default applies', () => {
    expect(resolvePolicy([], store, 'soft_complaint')).toEqual({
      ticketType: 'soft_complaint',
      priority: null,
      policy: DEFAULT_SLA_POLICIES.soft_complaint,
      source: 'default',
      sourceUnitId: null,
    });
  });

  it('SLA-3: the nearest unit up the tree with an override for the type wins', () => {
    const rows: SlaPolicyOverride[] = [
      { unitId: 'hq', ticketType: 'soft_complaint', priority: null, targets: quick(5) },
      { unitId: 'region', ticketType: 'soft_complaint', priority: null, targets: quick(10) },
      { unitId: 'store', ticketType: 'hard_complaint', priority: null, targets: quick(20) },
    ];
    const eff = resolvePolicy(rows, store, 'soft_complaint');
    expect(eff).toMatchObject({ source: 'inherited', sourceUnitId: 'region', priority: null });
    expect(eff.policy).toEqual({ key: 'soft_complaint', targets: quick(10) });
    expect(resolvePolicy(rows, store, 'hard_complaint')).toMatchObject({
      source: 'own',
      sourceUnitId: 'store',
    });
  });

  it('SLA-3: a matching priority beats none at the same unit, but not a nearer unit', () => {
    const rows: SlaPolicyOverride[] = [
      { unitId: 'region', ticketType: 'repair', priority: null, targets: quick(30) },
      { unitId: 'region', ticketType: 'repair', priority: 'urgent', targets: quick(15) },
    ];
    expect(resolvePolicy(rows, store, 'repair', 'urgent')).toMatchObject({ priority: 'urgent' });
    expect(resolvePolicy(rows, store, 'repair', 'low')).toMatchObject({ priority: null });
    const nearer = [...rows, { unitId: 'store', ticketType: 'repair', priority: null, targets: quick(60) }];
    expect(resolvePolicy(nearer, store, 'repair', 'urgent')).toMatchObject({ source: 'own', priority: null });
  });
});
