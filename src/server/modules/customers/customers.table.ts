import { boolean, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisationUnits, users } from '../org/org.table';

/** The customer archive (CUS-1, basic form): one row per person or company served. */
export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The unit that owns the record; scoping (ORG-1) follows it. */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    name: text('name').notNull(),
    birthday: date('birthday'),
    source: text('source'),
    /** ID card, room or plate number where relevant; masked for roles without the right (CUS-4). */
    identityNumber: text('identity_number'),
    /** CUS-6 / CMP-7: repeat complainers, VIPs — shown on the customer card everywhere. */
    specialAttention: boolean('special_attention').notNull().default(false),
    specialAttentionReason: text('special_attention_reason'),
    specialAttentionNote: text('special_attention_note'),
    specialAttentionSetBy: uuid('special_attention_set_by').references(() => users.id),
    specialAttentionSetAt: timestamp('special_attention_set_at', { withTimezone: true }),
    note: text('note'),
    /** A customer first seen as an unknown caller stays a draft until an agent completes it (IN-3). */
    draft: boolean('draft').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('customers_unit_idx').on(t.unitId, t.createdAt),
    // The nightly care run walks a unit's whole archive in id order, a batch at a time (CARE-1).
    index('customers_unit_id_idx').on(t.unitId, t.id),
    // Name search is a substring match (ILIKE '%王%'); trigrams keep it indexed.
    index('customers_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
  ],
);

/** Several phones per customer (CUS-1); `normalized` is the key every lookup uses (IN-3). */
export const customerPhones = pgTable(
  'customer_phones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    normalized: text('normalized').notNull(),
    kind: text('kind', { enum: ['mobile', 'landline', 'service'] }).notNull(),
    display: text('display').notNull(),
    label: text('label'),
    isPrimary: boolean('is_primary').notNull().default(false),
  },
  (t) => [
    // Caller identification: one exact lookup per ringing call.
    index('customer_phones_normalized_idx').on(t.normalized),
    // Search by part of a number ('5678') is a substring match; trigrams keep it indexed.
    index('customer_phones_normalized_trgm_idx').using('gin', t.normalized.op('gin_trgm_ops')),
    index('customer_phones_customer_idx').on(t.customerId),
  ],
);

export const customerAddresses = pgTable(
  'customer_addresses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    label: text('label'),
    address: text('address').notNull(),
    isPrimary: boolean('is_primary').notNull().default(false),
  },
  (t) => [index('customer_addresses_customer_idx').on(t.customerId)],
);

/** What the customer owns and we service (CUS-1): a product, a vehicle or a house. */
export const assets = pgTable(
  'assets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['product', 'vehicle', 'house'] }).notNull(),
    name: text('name').notNull(),
    model: text('model'),
    /** Serial number (product), plate (vehicle) or room number (house). */
    number: text('number'),
    purchaseDate: date('purchase_date'),
    warrantyEnd: date('warranty_end'),
    serviceIntervalDays: integer('service_interval_days'),
    note: text('note'),
  },
  (t) => [index('assets_customer_idx').on(t.customerId), index('assets_number_idx').on(t.number)],
);
