/**
 * Spare-parts reads: the catalogue of a unit (its own parts and its ancestors'), the locations and
 * stock within it, the low-stock list, the movement journal and old parts still owed. Every read
 * is of one unit the caller may view parts at (another store's unit answers 404, ORG-1).
 */
import {
  aliasedTable,
  and,
  asc,
  count,
  desc,
  eq,
  ilike,
  inArray,
  isNull,
  notExists,
  or,
  sql,
} from 'drizzle-orm';
import type { z } from 'zod';
import { isLowStock } from '../../../domain/parts';
import type {
  movementsQuery,
  OldPartReturn,
  oldPartsQuery,
  Part,
  PartMovement,
  partsQuery,
  StockLine,
  StockLocation,
  stockQuery,
} from '../../../shared/parts';
import type { Actor, Deps } from '../../app/context';
import { can } from '../../../domain/permissions';
import { assertCan, displayNames, findUnit } from '../org/org.service';
import { organisationUnits, users } from '../org/org.table';
import { partsErrors } from './parts.errors';
import { oldPartReturns, partMovements, partStock, parts, stockLocations } from './parts.table';
import { signedQuotesWithParts, workOrderNumbers, type WaitingPage } from './parts.workorders';

async function viewedUnit(deps: Deps, actor: Actor, unitId: string) {
  const unit = await findUnit(deps.db, unitId);
  if (!unit) throw partsErrors.unitNotFound();
  assertCan(actor, 'parts.view', unit.path, partsErrors.unitNotFound);
  return unit;
}

/** Locations of the unit and the units below it. */
const locationWithin = (unitId: string) => sql`${unitId}::uuid = any(${organisationUnits.path})`;

/** The catalogue at a unit with what its locations hold; `lowOnly` is the low-stock list. */
export async function listParts(deps: Deps, actor: Actor, q: z.output<typeof partsQuery>): Promise<Part[]> {
  const unit = await viewedUnit(deps, actor, q.unitId);
  const onHand = deps.db
    .select({
      partId: partStock.partId,
      quantity: sql<number>`sum(${partStock.quantity})::int`.as('on_hand'),
    })
    .from(partStock)
    .innerJoin(stockLocations, eq(stockLocations.id, partStock.locationId))
    .innerJoin(organisationUnits, eq(organisationUnits.id, stockLocations.unitId))
    .where(locationWithin(unit.id))
    .groupBy(partStock.partId)
    .as('on_hand');
  const rows = await deps.db
    .select({ part: parts, onHand: onHand.quantity })
    .from(parts)
    .leftJoin(onHand, eq(onHand.partId, parts.id))
    .where(
      and(
        inArray(parts.unitId, [...unit.path]),
        q.includeInactive === 'true' ? undefined : eq(parts.active, true),
        q.q
          ? or(ilike(parts.code, `%${q.q}%`), ilike(parts.name, `%${q.q}%`), ilike(parts.model, `%${q.q}%`))
          : undefined,
      ),
    )
    .orderBy(asc(parts.code));
  const items = rows.map(({ part, onHand: held }) => ({
    id: part.id,
    unitId: part.unitId,
    code: part.code,
    name: part.name,
    model: part.model,
    uom: part.uom,
    priceFen: part.priceFen,
    lowStockThreshold: part.lowStockThreshold,
    active: part.active,
    onHand: held ?? 0,
    low: isLowStock(held ?? 0, part.lowStockThreshold),
  }));
  return q.lowOnly === 'true' ? items.filter((p) => p.low) : items;
}

export async function listLocations(
  deps: Deps,
  actor: Actor,
  unitId: string,
  opts: { withAncestors?: boolean } = {},
): Promise<StockLocation[]> {
  const unit = await viewedUnit(deps, actor, unitId);
  // A department's work order draws on its store's warehouse: the units above, where the caller sees parts.
  const above = opts.withAncestors
    ? unit.path.slice(0, -1).filter((_, i) => can(actor.grants, 'parts.view', unit.path.slice(0, i + 1)))
    : [];
  const rows = await deps.db
    .select({ location: stockLocations, unitName: organisationUnits.name, techName: users.displayName })
    .from(stockLocations)
    .innerJoin(organisationUnits, eq(organisationUnits.id, stockLocations.unitId))
    .leftJoin(users, eq(users.id, stockLocations.technicianId))
    .where(
      above.length
        ? or(locationWithin(unit.id), inArray(stockLocations.unitId, above))
        : locationWithin(unit.id),
    )
    .orderBy(desc(stockLocations.kind), asc(stockLocations.name));
  return rows.map(({ location: l, unitName, techName }) => ({
    id: l.id,
    unitId: l.unitId,
    unitName,
    kind: l.kind,
    name: l.name,
    technician: l.technicianId ? { id: l.technicianId, name: techName ?? '' } : null,
    active: l.active,
  }));
}

/** What each location holds of each part (rows that were ever stocked, zeros included). */
export async function listStock(
  deps: Deps,
  actor: Actor,
  q: z.output<typeof stockQuery>,
): Promise<StockLine[]> {
  const unit = await viewedUnit(deps, actor, q.unitId);
  const rows = await deps.db
    .select({ stock: partStock, location: stockLocations, part: parts })
    .from(partStock)
    .innerJoin(stockLocations, eq(stockLocations.id, partStock.locationId))
    .innerJoin(organisationUnits, eq(organisationUnits.id, stockLocations.unitId))
    .innerJoin(parts, eq(parts.id, partStock.partId))
    .where(
      and(
        locationWithin(unit.id),
        q.locationId ? eq(partStock.locationId, q.locationId) : undefined,
        q.partId ? eq(partStock.partId, q.partId) : undefined,
      ),
    )
    .orderBy(desc(stockLocations.kind), asc(stockLocations.name), asc(parts.code));
  return rows.map(({ stock, location, part }) => ({
    location: { id: location.id, name: location.name, kind: location.kind },
    part: { id: part.id, code: part.code, name: part.name, uom: part.uom },
    quantity: stock.quantity,
  }));
}

const fromLocation = aliasedTable(stockLocations, 'from_location');
const toLocation = aliasedTable(stockLocations, 'to_location');

/** The movement journal of a unit, newest first. */
export async function listMovements(
  deps: Deps,
  actor: Actor,
  q: Omit<z.output<typeof movementsQuery>, 'page' | 'pageSize'> & { page: number; pageSize: number },
): Promise<{ items: PartMovement[]; total: number }> {
  const unit = await viewedUnit(deps, actor, q.unitId);
  const where = and(
    locationWithin(unit.id),
    q.partId ? eq(partMovements.partId, q.partId) : undefined,
    q.kind ? eq(partMovements.kind, q.kind) : undefined,
    q.workOrderId ? eq(partMovements.workOrderId, q.workOrderId) : undefined,
    q.locationId
      ? or(eq(partMovements.fromLocationId, q.locationId), eq(partMovements.toLocationId, q.locationId))
      : undefined,
  );
  const rows = await deps.db
    .select({
      m: partMovements,
      part: { id: parts.id, code: parts.code, name: parts.name, uom: parts.uom },
      fromName: fromLocation.name,
      toName: toLocation.name,
      actorName: users.displayName,
    })
    .from(partMovements)
    .innerJoin(organisationUnits, eq(organisationUnits.id, partMovements.unitId))
    .innerJoin(parts, eq(parts.id, partMovements.partId))
    .leftJoin(fromLocation, eq(fromLocation.id, partMovements.fromLocationId))
    .leftJoin(toLocation, eq(toLocation.id, partMovements.toLocationId))
    .leftJoin(users, eq(users.id, partMovements.actorId))
    .where(where)
    .orderBy(desc(partMovements.at), desc(partMovements.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await deps.db
    .select({ n: count() })
    .from(partMovements)
    .innerJoin(organisationUnits, eq(organisationUnits.id, partMovements.unitId))
    .where(where);
  const numbers = await workOrderNumbers(
    deps.db,
    rows.flatMap((r) => (r.m.workOrderId ? [r.m.workOrderId] : [])),
  );
  return {
    items: rows.map((r) => ({
      id: r.m.id,
      unitId: r.m.unitId,
      kind: r.m.kind,
      part: r.part,
      from: r.m.fromLocationId ? { id: r.m.fromLocationId, name: r.fromName ?? '' } : null,
      to: r.m.toLocationId ? { id: r.m.toLocationId, name: r.toName ?? '' } : null,
      quantity: r.m.quantity,
      workOrder: r.m.workOrderId ? { id: r.m.workOrderId, number: numbers.get(r.m.workOrderId) ?? '' } : null,
      reason: r.m.reason,
      actor: r.m.actorId ? { id: r.m.actorId, name: r.actorName ?? '' } : null,
      at: r.m.at.toISOString(),
    })),
    total: Number(total?.n ?? 0),
  };
}

/** Old parts collected on visits (旧件返回); `pending` only those the warehouse has not received. */
export async function listOldParts(
  deps: Deps,
  actor: Actor,
  q: z.output<typeof oldPartsQuery>,
): Promise<OldPartReturn[]> {
  const unit = await viewedUnit(deps, actor, q.unitId);
  const rows = await deps.db
    .select({
      r: oldPartReturns,
      part: { id: parts.id, code: parts.code, name: parts.name, uom: parts.uom },
      warehouseName: stockLocations.name,
    })
    .from(oldPartReturns)
    .innerJoin(organisationUnits, eq(organisationUnits.id, oldPartReturns.unitId))
    .innerJoin(parts, eq(parts.id, oldPartReturns.partId))
    .leftJoin(stockLocations, eq(stockLocations.id, oldPartReturns.warehouseId))
    .where(and(locationWithin(unit.id), q.pending === 'true' ? isNull(oldPartReturns.receivedAt) : undefined))
    .orderBy(desc(oldPartReturns.collectedAt));
  const names = await displayNames(
    deps.db,
    rows.flatMap(({ r }) => [r.collectedBy, r.receivedBy]),
  );
  const numbers = await workOrderNumbers(
    deps.db,
    rows.map(({ r }) => r.workOrderId),
  );
  return rows.map(({ r, part, warehouseName }) => ({
    id: r.id,
    unitId: r.unitId,
    part,
    workOrder: { id: r.workOrderId, number: numbers.get(r.workOrderId) ?? '' },
    quantity: r.quantity,
    note: r.note,
    collectedBy: { id: r.collectedBy, name: names.get(r.collectedBy) ?? '' },
    collectedAt: r.collectedAt.toISOString(),
    warehouse: r.warehouseId ? { id: r.warehouseId, name: warehouseName ?? '' } : null,
    receivedBy: r.receivedBy ? { id: r.receivedBy, name: names.get(r.receivedBy) ?? '' } : null,
    receivedAt: r.receivedAt?.toISOString() ?? null,
  }));
}

/**
 * Issue 18 item 7: approved, customer-signed quotes with part lines whose order has had no parts
 * requisitioned yet — the warehouse's queue, a page at a time. The "not yet requisitioned" test is a
 * NOT EXISTS on this module's journal inside the workorders module's query, so the page and its total
 * are cut after it (not a capped read filtered afterwards).
 */
export async function requisitionsPending(deps: Deps, actor: Actor, paging: WaitingPage) {
  return signedQuotesWithParts(deps, actor, paging, (workOrderId) =>
    notExists(
      deps.db
        .select({ one: sql`1` })
        .from(partMovements)
        .where(and(eq(partMovements.workOrderId, workOrderId), eq(partMovements.kind, 'requisition'))),
    ),
  );
}
