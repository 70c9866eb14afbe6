/**
 * Property test of stock on the real database: random sequences of movements through the API,
 * compared with the pure reference (domain/parts applyMovement). Each run uses a part of its own, so
 * the runs do not see each other's balances.
 */
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMovement, stockKey } from '../../../domain/parts';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { partMovements, partStock } from './parts.table';
import { stockFromJournal } from './parts.usecases';

type Op =
  | { kind: 'receive'; to: number; quantity: number }
  | { kind: 'transfer'; from: number; to: number; quantity: number }
  | { kind: 'return_unused'; to: number; quantity: number }
  | { kind: 'adjust_out'; from: number; quantity: number }
  | { kind: 'adjust_in'; to: number; quantity: number };

// Locations 0 and 1 are warehouses, 2 is the van.
const qty = fc.integer({ min: 1, max: 6 });
const warehouseIx = fc.constantFrom(0, 1);
const anyIx = fc.constantFrom(0, 1, 2);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('receive' as const), to: warehouseIx, quantity: qty }),
  fc
    .record({ kind: fc.constant('transfer' as const), from: warehouseIx, to: anyIx, quantity: qty })
    .filter((o) => o.from !== o.to),
  fc.record({ kind: fc.constant('return_unused' as const), to: warehouseIx, quantity: qty }),
  fc.record({ kind: fc.constant('adjust_out' as const), from: anyIx, quantity: qty }),
  fc.record({ kind: fc.constant('adjust_in' as const), to: anyIx, quantity: qty }),
);

describe('spare-parts stock on the database (issue 18, property)', () => {
  let kefu: TestKefu;
  let keeper: HttpSession;
  let unitId: string;
  const locations: string[] = [];
  let runs = 0;

  beforeAll(async () => {
    kefu = await createTestKefu();
    const admin = await kefu.login('admin');
    const org = await buildOrganisation(admin);
    unitId = org.storeA.id;
    await createUser(admin, 'prkeeper', unitId, 'warehouse');
    const tech = await createUser(admin, 'prtech', unitId, 'technician');
    keeper = await kefu.login('prkeeper', TEST_PASSWORD);
    for (const body of [
      { kind: 'warehouse', name: '一号仓' },
      { kind: 'warehouse', name: '二号仓' },
      { kind: 'van', name: '车载库', technicianId: tech.id },
    ]) {
      const res = await keeper.post('/api/v1/stock-locations', { unitId, ...body });
      expect(res.statusCode, res.body).toBe(201);
      locations.push(res.json().id);
    }
  });
  afterAll(() => kefu.close());

  const bodyOf = (op: Op) => {
    const at = (i: number) => locations[i]!;
    switch (op.kind) {
      case 'receive':
        return { kind: 'receive', toLocationId: at(op.to), quantity: op.quantity };
      case 'transfer':
        return {
          kind: 'transfer',
          fromLocationId: at(op.from),
          toLocationId: at(op.to),
          quantity: op.quantity,
        };
      case 'return_unused':
        return {
          kind: 'return_unused',
          fromLocationId: at(2),
          toLocationId: at(op.to),
          quantity: op.quantity,
        };
      case 'adjust_out':
        return { kind: 'adjust', fromLocationId: at(op.from), quantity: op.quantity, reason: '盘亏' };
      case 'adjust_in':
        return { kind: 'adjust', toLocationId: at(op.to), quantity: op.quantity, reason: '盘盈' };
    }
  };

  it('issue 18 stock: random movement sequences never drive stock negative, refused ones leave nothing written, and every balance equals the sum of the movements', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 14 }), async (ops) => {
        runs += 1;
        const created = await keeper.post('/api/v1/parts', {
          unitId,
          code: `PR-${runs}`,
          name: `测试件 ${runs}`,
          uom: '个',
          priceFen: 100,
        });
        expect(created.statusCode, created.body).toBe(201);
        const partId = created.json().id as string;
        let model: ReadonlyMap<string, number> = new Map();
        let accepted = 0;
        for (const op of ops) {
          const body = { partId, ...bodyOf(op) };
          const expected = applyMovement(model, {
            partId,
            fromLocationId: (body as { fromLocationId?: string }).fromLocationId ?? null,
            toLocationId: (body as { toLocationId?: string }).toLocationId ?? null,
            quantity: op.quantity,
          });
          const res = await keeper.post('/api/v1/part-movements', body);
          if (expected.ok) {
            expect(res.statusCode, res.body).toBe(201);
            model = expected.balances;
            accepted += 1;
          } else {
            expect([res.statusCode, res.json().code]).toEqual([409, 'parts.insufficient_stock']);
          }
        }
        const journal = await kefu.deps.db
          .select()
          .from(partMovements)
          .where(eq(partMovements.partId, partId));
        expect(journal.length).toBe(accepted);
        const stock = await kefu.deps.db.select().from(partStock).where(eq(partStock.partId, partId));
        for (const row of stock) {
          expect(row.quantity).toBeGreaterThanOrEqual(0);
          expect(row.quantity).toBe(model.get(stockKey(row.locationId, partId)) ?? 0);
        }
        const sums = (await stockFromJournal(kefu.deps.db, locations)).filter((r) => r.part_id === partId);
        for (const loc of locations) {
          const fromJournal = sums.find((r) => r.location_id === loc)?.quantity ?? 0;
          const held = stock.find((r) => r.locationId === loc)?.quantity ?? 0;
          expect(held).toBe(fromJournal);
          expect(held).toBe(model.get(stockKey(loc, partId)) ?? 0);
        }
      }),
      { numRuns: 12 },
    );
  });
});
