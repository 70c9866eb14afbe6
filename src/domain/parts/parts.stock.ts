/**
 * Spare-parts stock (备件库存, issue 18): which movements exist, where each may take parts from and
 * put them to, and what a sequence of movements leaves at each location. Stock is counted per
 * (location, part) and never goes below zero; the balance is always the sum of the movements.
 * The database holds the same rule (a CHECK on the balance table, kept by a trigger on the
 * movement journal); this core is what the use cases check first and what the tests compare to.
 */

export const LOCATION_KINDS = ['warehouse', 'van'] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

/**
 * receive: into a warehouse from a supplier; transfer: warehouse → warehouse or van;
 * requisition: warehouse → the technician's van for one work order (REP-4, PAY-3 approved quote);
 * use: used on the visit (REP-5), out of stock; return_unused: signed back to the warehouse (REP-5);
 * adjust: a stock-take correction in or out, with its reason.
 */
export const MOVEMENT_KINDS = [
  'receive',
  'transfer',
  'requisition',
  'use',
  'return_unused',
  'adjust',
  // A transfer between two units' warehouses: two journal rows, one in each unit, in one transaction.
  'transfer_out',
  'transfer_in',
] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];
/** The kinds one movement request records; the cross-unit pair is written by its own command. */
export const RECORDABLE_MOVEMENT_KINDS = [
  'receive',
  'transfer',
  'requisition',
  'use',
  'return_unused',
  'adjust',
] as const satisfies readonly MovementKind[];
export type RecordableMovementKind = (typeof RECORDABLE_MOVEMENT_KINDS)[number];

export interface MovementShape {
  /** The kinds of location parts may leave; null: none (parts come from outside). */
  from: readonly LocationKind[] | null;
  /** The kinds of location parts may arrive at; null: none (parts leave the stock). */
  to: readonly LocationKind[] | null;
  workOrder: 'required' | 'optional' | 'none';
  reason: 'required' | 'optional';
}

const ANY: readonly LocationKind[] = LOCATION_KINDS;

/** Where each kind of movement takes parts from and puts them to. */
export const MOVEMENT_SHAPES: Record<Exclude<MovementKind, 'adjust'>, MovementShape> = {
  receive: { from: null, to: ['warehouse'], workOrder: 'none', reason: 'optional' },
  transfer: { from: ['warehouse'], to: ANY, workOrder: 'none', reason: 'optional' },
  requisition: { from: ['warehouse'], to: ['van'], workOrder: 'required', reason: 'optional' },
  use: { from: ANY, to: null, workOrder: 'required', reason: 'optional' },
  return_unused: { from: ['van'], to: ['warehouse'], workOrder: 'optional', reason: 'optional' },
  transfer_out: { from: ['warehouse'], to: null, workOrder: 'none', reason: 'optional' },
  transfer_in: { from: null, to: ['warehouse'], workOrder: 'none', reason: 'optional' },
};

export interface MovementPlan {
  kind: MovementKind;
  from: { id: string; kind: LocationKind } | null;
  to: { id: string; kind: LocationKind } | null;
  quantity: number;
  workOrderId: string | null;
  reason: string | null;
}

export type ShapeProblem =
  | 'quantity_not_positive'
  | 'from_not_allowed'
  | 'to_not_allowed'
  | 'same_location'
  | 'work_order_required'
  | 'work_order_not_allowed'
  | 'reason_required'
  | 'adjust_one_side';

/**
 * What is wrong with a movement's shape, or null when it is well formed. An adjustment has exactly
 * one side (in: to; out: from) and always a reason.
 */
export function movementShapeProblem(m: MovementPlan): ShapeProblem | null {
  if (!Number.isInteger(m.quantity) || m.quantity <= 0) return 'quantity_not_positive';
  if (m.kind === 'adjust') {
    if ((m.from === null) === (m.to === null)) return 'adjust_one_side';
    if (!m.reason?.trim()) return 'reason_required';
    return null;
  }
  const shape = MOVEMENT_SHAPES[m.kind];
  if (shape.from === null ? m.from !== null : m.from === null || !shape.from.includes(m.from.kind))
    return 'from_not_allowed';
  if (shape.to === null ? m.to !== null : m.to === null || !shape.to.includes(m.to.kind))
    return 'to_not_allowed';
  if (m.from && m.to && m.from.id === m.to.id) return 'same_location';
  if (shape.workOrder === 'required' && !m.workOrderId) return 'work_order_required';
  if (shape.workOrder === 'none' && m.workOrderId) return 'work_order_not_allowed';
  return null;
}

/** The key of one balance: a part at a location. */
export const stockKey = (locationId: string, partId: string) => `${locationId}/${partId}`;

export interface Movement {
  partId: string;
  fromLocationId: string | null;
  toLocationId: string | null;
  quantity: number;
}

export type StockResult =
  { ok: true; balances: ReadonlyMap<string, number> } | { ok: false; available: number };

/**
 * The balances after one movement, or the refusal when the movement would take more than the
 * source holds (stock never goes below zero). The input map is not changed.
 */
export function applyMovement(balances: ReadonlyMap<string, number>, m: Movement): StockResult {
  const next = new Map(balances);
  if (m.fromLocationId) {
    const key = stockKey(m.fromLocationId, m.partId);
    const available = next.get(key) ?? 0;
    if (available < m.quantity) return { ok: false, available };
    next.set(key, available - m.quantity);
  }
  if (m.toLocationId) {
    const key = stockKey(m.toLocationId, m.partId);
    next.set(key, (next.get(key) ?? 0) + m.quantity);
  }
  return { ok: true, balances: next };
}

/** The balance of every (location, part) as the plain sum of the movements: in minus out. */
export function balancesFromMovements(movements: readonly Movement[]): Map<string, number> {
  const sums = new Map<string, number>();
  const add = (key: string, n: number) => sums.set(key, (sums.get(key) ?? 0) + n);
  for (const m of movements) {
    if (m.fromLocationId) add(stockKey(m.fromLocationId, m.partId), -m.quantity);
    if (m.toLocationId) add(stockKey(m.toLocationId, m.partId), m.quantity);
  }
  return sums;
}

/** True when a part's total on hand is at or below its low-stock threshold (0 = not watched). */
export function isLowStock(onHand: number, threshold: number): boolean {
  return threshold > 0 && onHand <= threshold;
}
