/**
 * Spare-parts commands (issue 18): catalogue, stock locations, movements, old parts returned.
 * Each command checks access (another store's record answers 404, ORG-1), the shape of the request,
 * then writes in one transaction with its audit row. Stock is moved only by inserting a movement:
 * the trigger in migration 0049 moves part_stock in the same statement and the CHECK on part_stock
 * refuses a balance below zero, so a refused movement leaves nothing written.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { can } from '../../../domain/permissions';
import { applyMovement, movementShapeProblem, stockKey, type MovementKind } from '../../../domain/parts';
import type {
  locationBody,
  movementBody,
  oldPartBody,
  oldPartReceiveBody,
  transferBody,
  partBody,
  partPatch,
  requisitionBody,
} from '../../../shared/parts';
import type { Actor, Deps } from '../../app/context';
import { rowsOf, type Db } from '../../app/db';
import { recordAudit } from '../audit/audit.service';
import { assertCan, findUnit } from '../org/org.service';
import { memberships, organisationUnits } from '../org/org.table';
import { partsErrors } from './parts.errors';
import { oldPartReturns, partMovements, partStock, parts, stockLocations } from './parts.table';
import { quoteApproved, workOrderFacts, workOrderOver } from './parts.workorders';

export type PartRow = typeof parts.$inferSelect;
export type LocationRow = typeof stockLocations.$inferSelect;
export type MovementRow = typeof partMovements.$inferSelect;

const pgCode = (err: unknown): { code?: string; constraint?: string } => {
  const e = err as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  return e.cause ?? e;
};

async function unitFor(deps: Deps, actor: Actor, unitId: string) {
  const unit = await findUnit(deps.db, unitId);
  if (!unit || !unit.active) throw partsErrors.unitNotFound();
  assertCan(actor, 'parts.manage', unit.path, partsErrors.unitNotFound);
  return unit;
}

/** A part with its unit's path. */
export async function findPart(db: Db, id: string, forUpdate = false) {
  const q = db
    .select({ part: parts, unitPath: organisationUnits.path })
    .from(parts)
    .innerJoin(organisationUnits, eq(organisationUnits.id, parts.unitId))
    .where(eq(parts.id, id));
  const [row] = forUpdate ? await q.for('update', { of: parts }) : await q;
  return row ? { ...row.part, unitPath: row.unitPath } : undefined;
}

/** A location with its unit's path. */
export async function findLocation(db: Db, id: string) {
  const [row] = await db
    .select({ location: stockLocations, unitPath: organisationUnits.path })
    .from(stockLocations)
    .innerJoin(organisationUnits, eq(organisationUnits.id, stockLocations.unitId))
    .where(eq(stockLocations.id, id));
  return row ? { ...row.location, unitPath: row.unitPath } : undefined;
}

/** A new part in a unit's catalogue. */
export async function createPart(deps: Deps, actor: Actor, input: z.output<typeof partBody>) {
  const unit = await unitFor(deps, actor, input.unitId);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(parts)
      .values({ ...input, model: input.model ?? null, unitId: unit.id, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning();
    if (!row) throw partsErrors.codeTaken();
    await recordAudit(tx, now, actor, {
      action: 'part.created',
      subjectType: 'part',
      subjectId: row.id,
      unitId: unit.id,
      after: row,
    });
    return row;
  });
}

/** Name, model, measure, price, threshold or in-use of a part; the code stays. */
export async function updatePart(
  deps: Deps,
  actor: Actor,
  id: string,
  patch: z.output<typeof partPatch>,
): Promise<PartRow> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const found = await findPart(tx, id, true);
    if (!found) throw partsErrors.partNotFound();
    assertCan(actor, 'parts.manage', found.unitPath, partsErrors.partNotFound);
    const { unitPath: _path, ...before } = found;
    const [after] = await tx
      .update(parts)
      .set({ ...patch, updatedAt: now })
      .where(eq(parts.id, id))
      .returning();
    await recordAudit(tx, now, actor, {
      action: 'part.updated',
      subjectType: 'part',
      subjectId: id,
      unitId: before.unitId,
      before,
      after,
    });
    return after!;
  });
}

/** A warehouse of a unit, or the van of one of its technicians. */
export async function createLocation(deps: Deps, actor: Actor, input: z.output<typeof locationBody>) {
  const unit = await unitFor(deps, actor, input.unitId);
  const technicianId = input.technicianId ?? null;
  if ((input.kind === 'van') !== (technicianId !== null)) throw partsErrors.vanNeedsTechnician();
  if (technicianId) {
    // A member of the unit or of a unit below it (the store's installation team).
    const [member] = await deps.db
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(organisationUnits, eq(organisationUnits.id, memberships.unitId))
      .where(
        and(eq(memberships.userId, technicianId), sql`${unit.id}::uuid = any(${organisationUnits.path})`),
      );
    if (!member) throw partsErrors.technicianNotInUnit();
  }
  const now = deps.clock.now();
  try {
    return await deps.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(stockLocations)
        .values({ unitId: unit.id, kind: input.kind, name: input.name, technicianId, createdAt: now })
        .returning();
      await recordAudit(tx, now, actor, {
        action: 'stock_location.created',
        subjectType: 'stock_location',
        subjectId: row!.id,
        unitId: unit.id,
        after: row,
      });
      return row!;
    });
  } catch (err) {
    if (pgCode(err).code === '23505') throw partsErrors.locationNameTaken();
    throw err;
  }
}

type MovementInput = z.output<typeof movementBody>;

// One audit action per kind of movement, so the trail reads as the warehouse speaks.
const AUDIT_ACTIONS: Record<MovementKind, string> = {
  transfer_out: 'part.transferred_between_units',
  transfer_in: 'part.transferred_between_units',
  receive: 'part.received',
  transfer: 'part.transferred',
  requisition: 'part.requisitioned',
  use: 'part.used',
  return_unused: 'part.returned_unused',
  adjust: 'part.adjusted',
};

async function visibleLocation(deps: Deps, actor: Actor, id: string | null | undefined) {
  if (!id) return null;
  const loc = await findLocation(deps.db, id);
  if (!loc) throw partsErrors.locationNotFound();
  // A van is in its technician's keeping, even when it is kept at the store above their department.
  if (
    loc.kind === 'van' &&
    loc.technicianId === actor.userId &&
    actor.grants.some((g) => g.permissions.includes('parts.move'))
  )
    return loc;
  assertCan(actor, 'parts.move', loc.unitPath, partsErrors.locationNotFound);
  return loc;
}

/**
 * One movement of stock. Refused before anything is written when a record is unknown or out of the
 * caller's scope (404), the shape does not fit the kind (400), the order's quote is not approved
 * (PAY-3, requisitions) or the source holds too little (409).
 */
export async function recordMovement(deps: Deps, actor: Actor, input: MovementInput): Promise<MovementRow> {
  const from = await visibleLocation(deps, actor, input.fromLocationId);
  const to = await visibleLocation(deps, actor, input.toLocationId);
  const unitLocation = from ?? to;
  const part = await findPart(deps.db, input.partId);
  // The catalogue of a location is its unit's and its ancestors'; any other part is unknown here.
  if (!part || (unitLocation && !unitLocation.unitPath.includes(part.unitId)))
    throw partsErrors.partNotFound();
  const problem = movementShapeProblem({
    kind: input.kind,
    from: from && { id: from.id, kind: from.kind },
    to: to && { id: to.id, kind: to.kind },
    quantity: input.quantity,
    workOrderId: input.workOrderId ?? null,
    reason: input.reason ?? null,
  });
  if (problem) throw partsErrors.badMovement({ problem });
  if (from && to && from.unitId !== to.unitId) throw partsErrors.unitsDiffer();
  // A van's stock is in its technician's keeping: others take from it only as parts managers.
  if (
    from?.kind === 'van' &&
    from.technicianId !== actor.userId &&
    !can(actor.grants, 'parts.manage', from.unitPath)
  )
    throw partsErrors.notYourVan();
  if (!part.active || (from && !from.active) || (to && !to.active)) throw partsErrors.inactive();
  const unitId = unitLocation!.unitId;
  if (input.workOrderId) {
    const wo = await workOrderFacts(deps.db, input.workOrderId);
    // The order must be one the caller may move parts for, in the location's unit or below it.
    if (!wo || !wo.unitPath.includes(unitId) || !can(actor.grants, 'parts.move', wo.unitPath))
      throw partsErrors.workOrderNotFound();
    if (workOrderOver(wo.state)) throw partsErrors.workOrderClosed();
    if (input.kind === 'requisition') {
      if (!wo.technicianId) throw partsErrors.noTechnician();
      if (to!.technicianId !== wo.technicianId)
        throw partsErrors.badMovement({ problem: 'not_the_order_van' });
      if (!(await quoteApproved(deps.db, wo.id))) throw partsErrors.quoteNotApproved();
    }
  }
  const now = deps.clock.now();
  try {
    return await deps.db.transaction(async (tx) => {
      if (from) {
        // Lock the source's balance so the check and the insert see the same number.
        const [held] = await tx
          .select({ quantity: partStock.quantity })
          .from(partStock)
          .where(and(eq(partStock.locationId, from.id), eq(partStock.partId, part.id)))
          .for('update');
        const key = stockKey(from.id, part.id);
        const result = applyMovement(new Map([[key, held?.quantity ?? 0]]), {
          partId: part.id,
          fromLocationId: from.id,
          toLocationId: to?.id ?? null,
          quantity: input.quantity,
        });
        if (!result.ok) throw partsErrors.insufficientStock({ available: result.available });
      }
      const [row] = await tx
        .insert(partMovements)
        .values({
          unitId,
          partId: part.id,
          kind: input.kind,
          fromLocationId: from?.id ?? null,
          toLocationId: to?.id ?? null,
          quantity: input.quantity,
          workOrderId: input.workOrderId ?? null,
          reason: input.reason?.trim() || null,
          actorId: actor.userId,
          at: now,
        })
        .returning();
      await recordAudit(tx, now, actor, {
        action: AUDIT_ACTIONS[input.kind],
        subjectType: 'part',
        subjectId: part.id,
        unitId,
        after: row,
      });
      return row!;
    });
  } catch (err) {
    // The database's own guard (part_stock_quantity_not_negative), should a race slip past the lock.
    const e = pgCode(err);
    if (e.code === '23514' && e.constraint === 'part_stock_quantity_not_negative')
      throw partsErrors.insufficientStock();
    throw err;
  }
}

/**
 * 跨单位调拨: stock moves from one unit's warehouse to another unit's — an out-row in the source
 * unit and an in-row in the destination unit, written in one transaction with one audit entry.
 * The part must be in both units' catalogues (a common ancestor's); the caller moves parts in both.
 * Never below zero: the source balance is locked and checked, and the database refuses it anyway.
 */
export async function transferBetweenUnits(
  deps: Deps,
  actor: Actor,
  input: z.output<typeof transferBody>,
): Promise<{ out: MovementRow; in: MovementRow }> {
  const from = (await visibleLocation(deps, actor, input.fromLocationId))!;
  const to = (await visibleLocation(deps, actor, input.toLocationId))!;
  if (from.kind !== 'warehouse' || to.kind !== 'warehouse')
    throw partsErrors.badMovement({ problem: 'warehouses_only' });
  if (from.unitId === to.unitId) throw partsErrors.badMovement({ problem: 'same_unit' });
  const part = await findPart(deps.db, input.partId);
  if (!part || !from.unitPath.includes(part.unitId) || !to.unitPath.includes(part.unitId))
    throw partsErrors.partNotFound();
  if (!part.active || !from.active || !to.active) throw partsErrors.inactive();
  const now = deps.clock.now();
  const reason = input.reason?.trim() || null;
  try {
    return await deps.db.transaction(async (tx) => {
      const [held] = await tx
        .select({ quantity: partStock.quantity })
        .from(partStock)
        .where(and(eq(partStock.locationId, from.id), eq(partStock.partId, part.id)))
        .for('update');
      const result = applyMovement(new Map([[stockKey(from.id, part.id), held?.quantity ?? 0]]), {
        partId: part.id,
        fromLocationId: from.id,
        toLocationId: null,
        quantity: input.quantity,
      });
      if (!result.ok) throw partsErrors.insufficientStock({ available: result.available });
      const common = { partId: part.id, quantity: input.quantity, reason, actorId: actor.userId, at: now };
      const [out] = await tx
        .insert(partMovements)
        .values({ ...common, unitId: from.unitId, kind: 'transfer_out', fromLocationId: from.id })
        .returning();
      const [inRow] = await tx
        .insert(partMovements)
        .values({ ...common, unitId: to.unitId, kind: 'transfer_in', toLocationId: to.id })
        .returning();
      await recordAudit(tx, now, actor, {
        action: 'part.transferred_between_units',
        subjectType: 'part',
        subjectId: part.id,
        unitId: from.unitId,
        after: { out, in: inRow },
      });
      return { out: out!, in: inRow! };
    });
  } catch (err) {
    const e = pgCode(err);
    if (e.code === '23514' && e.constraint === 'part_stock_quantity_not_negative')
      throw partsErrors.insufficientStock();
    throw err;
  }
}

/** 派工单领料 (REP-4, PAY-3): from a warehouse to the van of the order's technician. */
export async function requisition(deps: Deps, actor: Actor, input: z.output<typeof requisitionBody>) {
  const wo = await workOrderFacts(deps.db, input.workOrderId);
  if (!wo || !can(actor.grants, 'parts.move', wo.unitPath)) throw partsErrors.workOrderNotFound();
  const warehouse = await visibleLocation(deps, actor, input.warehouseId);
  if (!wo.technicianId) throw partsErrors.noTechnician();
  const [van] = await deps.db
    .select({ id: stockLocations.id })
    .from(stockLocations)
    .where(
      and(
        eq(stockLocations.unitId, warehouse!.unitId),
        eq(stockLocations.kind, 'van'),
        eq(stockLocations.technicianId, wo.technicianId),
      ),
    );
  if (!van) throw partsErrors.vanMissing();
  return recordMovement(deps, actor, {
    kind: 'requisition',
    partId: input.partId,
    fromLocationId: warehouse!.id,
    toLocationId: van.id,
    quantity: input.quantity,
    workOrderId: wo.id,
  });
}

/** 旧件返回: the technician took the faulty part from the customer; tracked until the warehouse has it. */
export async function collectOldPart(deps: Deps, actor: Actor, input: z.output<typeof oldPartBody>) {
  const wo = await workOrderFacts(deps.db, input.workOrderId);
  if (!wo || !can(actor.grants, 'parts.move', wo.unitPath)) throw partsErrors.workOrderNotFound();
  const part = await findPart(deps.db, input.partId);
  if (!part || !wo.unitPath.includes(part.unitId)) throw partsErrors.partNotFound();
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(oldPartReturns)
      .values({
        unitId: wo.unitId,
        partId: part.id,
        workOrderId: wo.id,
        quantity: input.quantity,
        note: input.note?.trim() || null,
        collectedBy: actor.userId,
        collectedAt: now,
      })
      .returning();
    await recordAudit(tx, now, actor, {
      action: 'old_part.collected',
      subjectType: 'part',
      subjectId: part.id,
      unitId: wo.unitId,
      after: row,
    });
    return row!;
  });
}

/** The warehouse signs an old part in; it stays out of stock (it is faulty) but is no longer owed. */
export async function receiveOldPart(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.output<typeof oldPartReceiveBody>,
) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [found] = await tx
      .select({ row: oldPartReturns, unitPath: organisationUnits.path })
      .from(oldPartReturns)
      .innerJoin(organisationUnits, eq(organisationUnits.id, oldPartReturns.unitId))
      .where(eq(oldPartReturns.id, id))
      .for('update', { of: oldPartReturns });
    if (!found) throw partsErrors.oldPartNotFound();
    assertCan(actor, 'parts.move', found.unitPath, partsErrors.oldPartNotFound);
    const warehouse = await findLocation(tx, input.warehouseId);
    if (!warehouse || warehouse.kind !== 'warehouse' || !found.unitPath.includes(warehouse.unitId))
      throw partsErrors.locationNotFound();
    assertCan(actor, 'parts.move', warehouse.unitPath, partsErrors.locationNotFound);
    if (found.row.receivedAt) throw partsErrors.alreadyReceived();
    const [after] = await tx
      .update(oldPartReturns)
      .set({ warehouseId: warehouse.id, receivedBy: actor.userId, receivedAt: now })
      .where(eq(oldPartReturns.id, id))
      .returning();
    await recordAudit(tx, now, actor, {
      action: 'old_part.received',
      subjectType: 'part',
      subjectId: found.row.partId,
      unitId: found.row.unitId,
      before: found.row,
      after,
    });
    return after!;
  });
}

/** Balances as the sum of the journal, for checks that part_stock still agrees with it. */
export async function stockFromJournal(db: Db, locationIds: string[]) {
  if (locationIds.length === 0) return [];
  const ids = sql.join(
    locationIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const res = await db.execute(sql`
    select location_id, part_id, sum(q)::int as quantity from (
      select to_location_id as location_id, part_id, quantity as q from part_movements where to_location_id in (${ids})
      union all
      select from_location_id, part_id, -quantity from part_movements where from_location_id in (${ids})
    ) m group by location_id, part_id`);
  return rowsOf<{ location_id: string; part_id: string; quantity: number }>(res);
}
