import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { customers } from '../customers/customers.table';
import { organisationUnits, users } from '../org/org.table';
import { workOrders } from './workorders.table';

/** The published price list (价目表, PAY-5): services and parts per unit, prices in fen. */
export const priceItems = pgTable(
  'price_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    kind: text('kind', { enum: ['service', 'part'] }).notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** The unit of sale: 次, 个, 米… */
    unit: text('unit').notNull(),
    priceFen: integer('price_fen').notNull(),
    active: boolean('active').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('price_items_unit_code_key').on(t.unitId, t.code)],
);

/** A maintenance contract (维保合同) covering one asset or all of a customer's assets (PAY-2 class B). */
export const maintenanceContracts = pgTable(
  'maintenance_contracts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    /** Null: every asset of the customer. */
    assetId: uuid('asset_id'),
    number: text('number').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    /** Issue 18 item 7: the term end (ends_on) whose renewal follow-up was raised; once per term. */
    renewalNoticeFor: date('renewal_notice_for'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('maintenance_contracts_customer_idx').on(t.customerId)],
);

export interface QuoteLineRow {
  kind: 'service' | 'part';
  priceItemId: string | null;
  name: string;
  quantity: number;
  unitPriceFen: number;
}

/** The quote of a charged order (PAY-3) and how it was paid (PAY-4). One per work order. */
export const workOrderQuotes = pgTable('work_order_quotes', {
  workOrderId: uuid('work_order_id')
    .primaryKey()
    .references(() => workOrders.id),
  lines: jsonb('lines').$type<QuoteLineRow[]>().notNull(),
  note: text('note').notNull().default(''),
  serviceConfirmedBy: uuid('service_confirmed_by').references(() => users.id),
  serviceConfirmedAt: timestamp('service_confirmed_at', { withTimezone: true }),
  partsConfirmedBy: uuid('parts_confirmed_by').references(() => users.id),
  partsConfirmedAt: timestamp('parts_confirmed_at', { withTimezone: true }),
  customerConfirmedHow: text('customer_confirmed_how', { enum: ['phone', 'signed', 'on_site'] }),
  customerConfirmedNote: text('customer_confirmed_note'),
  customerConfirmedBy: uuid('customer_confirmed_by').references(() => users.id),
  customerConfirmedAt: timestamp('customer_confirmed_at', { withTimezone: true }),
  approvedBy: uuid('approved_by').references(() => users.id),
  approvedAt: timestamp('approved_at', { withTimezone: true }),
  /**
   * PAY-3 through the approval engine (subject 'work_order_quote'): null until the customer agreed;
   * 'not_required' below the small-charge threshold (no quote chain matched the total).
   */
  approvalStatus: text('approval_status', { enum: ['not_required', 'pending', 'sent_back', 'approved'] }),
  /** PAY-3: the customer signs the itemised, approved quote on screen (stored like REP-5 signatures). */
  customerSignerName: text('customer_signer_name'),
  customerSignatureAttachmentId: uuid('customer_signature_attachment_id'),
  customerSignedBy: uuid('customer_signed_by').references(() => users.id),
  customerSignedAt: timestamp('customer_signed_at', { withTimezone: true }),
  paymentMethod: text('payment_method', { enum: ['on_site', 'invoice'] }),
  paymentAmountFen: integer('payment_amount_fen'),
  paymentInvoiceTitle: text('payment_invoice_title'),
  paymentNote: text('payment_note'),
  paymentBy: uuid('payment_by').references(() => users.id),
  paymentAt: timestamp('payment_at', { withTimezone: true }),
  /** PAY-4: money collected on site, received by finance (who records it). */
  handedOverTo: uuid('handed_over_to').references(() => users.id),
  handedOverAt: timestamp('handed_over_at', { withTimezone: true }),
  handoverNote: text('handover_note'),
  /** PAY-4: an invoice issued from the order and sent to the customer later, by post or courier. */
  invoiceMailedBy: uuid('invoice_mailed_by').references(() => users.id),
  invoiceMailedAt: timestamp('invoice_mailed_at', { withTimezone: true }),
  invoiceTracking: text('invoice_tracking'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
