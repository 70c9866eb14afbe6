import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyMovement,
  balancesFromMovements,
  isLowStock,
  movementShapeProblem,
  stockKey,
  type Movement,
  type MovementPlan,
} from './parts.stock';

const LOCATIONS = ['w1', 'w2', 'v1'];
const PARTS = ['p1', 'p2'];

const movementArb: fc.Arbitrary<Movement> = fc
  .record({
    partId: fc.constantFrom(...PARTS),
    from: fc.option(fc.constantFrom(...LOCATIONS), { nil: null }),
    to: fc.option(fc.constantFrom(...LOCATIONS), { nil: null }),
    quantity: fc.integer({ min: 1, max: 9 }),
  })
  .filter((m) => (m.from !== null || m.to !== null) && m.from !== m.to)
  .map((m) => ({ partId: m.partId, fromLocationId: m.from, toLocationId: m.to, quantity: m.quantity }));

describe('spare-parts stock (issue 18)', () => {
  it('issue 18 stock: random movements never drive a balance below zero, refused ones change nothing, and every balance is the sum of the accepted movements', () => {
    fc.assert(
      fc.property(fc.array(movementArb, { maxLength: 60 }), (movements) => {
        let balances: ReadonlyMap<string, number> = new Map();
        const accepted: Movement[] = [];
        for (const m of movements) {
          const r = applyMovement(balances, m);
          if (!r.ok) {
            // Refused exactly when the source holds less than the movement takes.
            expect(r.available).toBe(balances.get(stockKey(m.fromLocationId!, m.partId)) ?? 0);
            expect(r.available).toBeLessThan(m.quantity);
            continue;
          }
          accepted.push(m);
          balances = r.balances;
          for (const v of balances.values()) expect(v).toBeGreaterThanOrEqual(0);
        }
        const sums = balancesFromMovements(accepted);
        for (const key of new Set([...sums.keys(), ...balances.keys()]))
          expect(balances.get(key) ?? 0).toBe(sums.get(key) ?? 0);
      }),
      { numRuns: 300 },
    );
  });

  const plan = (p: Partial<MovementPlan>): MovementPlan => ({
    kind: 'receive',
    from: null,
    to: { id: 'w1', kind: 'warehouse' },
    quantity: 1,
    workOrderId: null,
    reason: null,
    ...p,
  });
  const W = { id: 'w1', kind: 'warehouse' } as const;
  const W2 = { id: 'w2', kind: 'warehouse' } as const;
  const V = { id: 'v1', kind: 'van' } as const;

  it('issue 18 movements: each kind has its own source and destination (receive into a warehouse, requisition warehouse → van for an order, use on an order, return van → warehouse, adjustment with a reason)', () => {
    expect(movementShapeProblem(plan({}))).toBeNull();
    expect(movementShapeProblem(plan({ quantity: 0 }))).toBe('quantity_not_positive');
    expect(movementShapeProblem(plan({ quantity: -3 }))).toBe('quantity_not_positive');
    expect(movementShapeProblem(plan({ quantity: 1.5 }))).toBe('quantity_not_positive');
    expect(movementShapeProblem(plan({ to: V }))).toBe('to_not_allowed');
    expect(movementShapeProblem(plan({ from: W2 }))).toBe('from_not_allowed');
    expect(movementShapeProblem(plan({ kind: 'transfer', from: W, to: V }))).toBeNull();
    expect(movementShapeProblem(plan({ kind: 'transfer', from: W, to: W }))).toBe('same_location');
    expect(movementShapeProblem(plan({ kind: 'transfer', from: V, to: W }))).toBe('from_not_allowed');
    expect(movementShapeProblem(plan({ kind: 'requisition', from: W, to: V }))).toBe('work_order_required');
    expect(movementShapeProblem(plan({ kind: 'requisition', from: W, to: V, workOrderId: 'o' }))).toBeNull();
    expect(movementShapeProblem(plan({ kind: 'requisition', from: W, to: W2, workOrderId: 'o' }))).toBe(
      'to_not_allowed',
    );
    expect(movementShapeProblem(plan({ kind: 'use', from: V, to: null, workOrderId: 'o' }))).toBeNull();
    expect(movementShapeProblem(plan({ kind: 'use', from: V, to: null }))).toBe('work_order_required');
    expect(movementShapeProblem(plan({ kind: 'return_unused', from: V, to: W }))).toBeNull();
    expect(movementShapeProblem(plan({ kind: 'receive', workOrderId: 'o' }))).toBe('work_order_not_allowed');
    expect(movementShapeProblem(plan({ kind: 'adjust', from: W, to: null }))).toBe('reason_required');
    expect(movementShapeProblem(plan({ kind: 'adjust', from: W, to: null, reason: '盘亏' }))).toBeNull();
    expect(movementShapeProblem(plan({ kind: 'adjust', from: null, to: V, reason: '盘盈' }))).toBeNull();
    expect(movementShapeProblem(plan({ kind: 'adjust', from: W, to: V, reason: 'x' }))).toBe(
      'adjust_one_side',
    );
  });

  it('issue 18 low stock: at or below a threshold; a threshold of 0 is not watched', () => {
    expect(isLowStock(3, 3)).toBe(true);
    expect(isLowStock(4, 3)).toBe(false);
    expect(isLowStock(0, 0)).toBe(false);
  });
});
