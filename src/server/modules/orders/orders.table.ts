import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ORDER_CHANNELS, ORDER_FULFILMENTS, ORDER_SOURCES, PACKAGING_STATES } from '../../../shared/orders';
import { customers } from '../customers/customers.table';
import { organisationUnits, users } from '../org/org.table';

/**
 * Orders (订单) as the counter entered them or the shop's ERP pushed them. Each line's flags and the
 * order's instants are the facts the return policy decides on (RET-2…9), so they are kept as they
 * were told and every change is audited.
 */
export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    customerId: uuid('customer_id').references(() => customers.id),
    // What the counter or the shop wrote on the order when no archive record is linked.
    customerName: text('customer_name'),
    customerPhone: text('customer_phone'),
    orderNo: text('order_no').notNull(),
    source: text('source', { enum: ORDER_SOURCES }).notNull(),
    // The shop's own id for the order: pushing it again updates this row instead of adding one.
    externalRef: text('external_ref'),
    channel: text('channel', { enum: ORDER_CHANNELS }).notNull(),
    fulfilment: text('fulfilment', { enum: ORDER_FULFILMENTS }).notNull(),
    orderedAt: timestamp('ordered_at', { withTimezone: true }).notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    pickedUpAt: timestamp('picked_up_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('orders_unit_no_idx').on(t.unitId, t.orderNo),
    uniqueIndex('orders_unit_external_ref_idx').on(t.unitId, t.externalRef),
    index('orders_customer_idx').on(t.customerId),
    index('orders_unit_ordered_idx').on(t.unitId, t.orderedAt),
  ],
);

export const orderLines = pgTable(
  'order_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    lineNo: integer('line_no').notNull(),
    product: text('product').notNull(),
    model: text('model'),
    quantity: integer('quantity').notNull(),
    priceFen: integer('price_fen').notNull(),
    paidFen: integer('paid_fen').notNull(),
    custom: boolean('custom').notNull(),
    clearance: boolean('clearance').notNull(),
    specialOffer: boolean('special_offer').notNull(),
    packaging: text('packaging', { enum: PACKAGING_STATES }).notNull(),
  },
  (t) => [uniqueIndex('order_lines_order_line_idx').on(t.orderId, t.lineNo)],
);
