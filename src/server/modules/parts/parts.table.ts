import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { LOCATION_KINDS, MOVEMENT_KINDS } from '../../../domain/parts';
import { organisationUnits, users } from '../org/org.table';
import { workOrders } from '../workorders/workorders.table';

/** The spare-parts catalogue (备件目录) of a unit: what can be stocked, its price in fen. */
export const parts = pgTable(
  'parts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    model: text('model'),
    /** The unit of measure: 个, 只, 米… */
    uom: text('uom').notNull(),
    priceFen: integer('price_fen').notNull(),
    /** Listed as low when the total on hand is at or below this; 0 = not watched. */
    lowStockThreshold: integer('low_stock_threshold').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('parts_unit_code_key').on(t.unitId, t.code),
    check('parts_price_not_negative', sql`${t.priceFen} >= 0`),
    check('parts_threshold_not_negative', sql`${t.lowStockThreshold} >= 0`),
  ],
);

/** Where parts are kept: a unit's warehouses (仓库) and each technician's van (车载库). */
export const stockLocations = pgTable(
  'stock_locations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    kind: text('kind', { enum: LOCATION_KINDS }).notNull(),
    name: text('name').notNull(),
    /** The technician whose van this is (vans only). */
    technicianId: uuid('technician_id').references(() => users.id),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('stock_locations_unit_name_key').on(t.unitId, t.name),
    // One van per technician and unit.
    uniqueIndex('stock_locations_unit_van_key').on(t.unitId, t.technicianId),
    check('stock_locations_van_has_technician', sql`(${t.kind} = 'van') = (${t.technicianId} is not null)`),
  ],
);

/**
 * The journal of every movement (出入库流水), append-only. Inserting a row moves the balances in
 * part_stock in the same statement (trigger part_movements_apply in the migration), so no code
 * path can write one without the other, and the balance CHECK refuses a movement that would take
 * more than the source holds.
 */
export const partMovements = pgTable(
  'part_movements',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    partId: uuid('part_id')
      .notNull()
      .references(() => parts.id),
    kind: text('kind', { enum: MOVEMENT_KINDS }).notNull(),
    fromLocationId: uuid('from_location_id').references(() => stockLocations.id),
    toLocationId: uuid('to_location_id').references(() => stockLocations.id),
    quantity: integer('quantity').notNull(),
    workOrderId: uuid('work_order_id').references(() => workOrders.id),
    reason: text('reason'),
    actorId: uuid('actor_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('part_movements_unit_at_idx').on(t.unitId, t.at),
    index('part_movements_work_order_idx').on(t.workOrderId),
    check('part_movements_quantity_positive', sql`${t.quantity} > 0`),
    check('part_movements_has_a_side', sql`${t.fromLocationId} is not null or ${t.toLocationId} is not null`),
    check(
      'part_movements_distinct_sides',
      sql`${t.fromLocationId} is null or ${t.toLocationId} is null or ${t.fromLocationId} <> ${t.toLocationId}`,
    ),
  ],
);

/** What each location holds of each part; kept by the movement trigger, never below zero. */
export const partStock = pgTable(
  'part_stock',
  {
    locationId: uuid('location_id')
      .notNull()
      .references(() => stockLocations.id),
    partId: uuid('part_id')
      .notNull()
      .references(() => parts.id),
    quantity: integer('quantity').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.locationId, t.partId] }),
    index('part_stock_part_idx').on(t.partId),
    check('part_stock_quantity_not_negative', sql`${t.quantity} >= 0`),
  ],
);

/**
 * An old part taken from the customer (旧件返回): collected on the visit, tracked until the
 * warehouse signs it in. Old parts are not stock (they are faulty), so they never count as on hand.
 */
export const oldPartReturns = pgTable(
  'old_part_returns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    partId: uuid('part_id')
      .notNull()
      .references(() => parts.id),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id),
    quantity: integer('quantity').notNull(),
    note: text('note'),
    collectedBy: uuid('collected_by')
      .notNull()
      .references(() => users.id),
    collectedAt: timestamp('collected_at', { withTimezone: true }).notNull(),
    warehouseId: uuid('warehouse_id').references(() => stockLocations.id),
    receivedBy: uuid('received_by').references(() => users.id),
    receivedAt: timestamp('received_at', { withTimezone: true }),
  },
  (t) => [
    index('old_part_returns_unit_pending_idx').on(t.unitId, t.receivedAt),
    check('old_part_returns_quantity_positive', sql`${t.quantity} > 0`),
  ],
);
