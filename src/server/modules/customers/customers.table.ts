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
import { sql } from 'drizzle-orm';
import { organisationUnits, users } from '../org/org.table';
import { CHANGE_SOURCES, CHANGE_STATUSES } from '../../../shared/customers';

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
    /** PIPL: when the personal fields were anonymised after an approved erasure request. */
    anonymisedAt: timestamp('anonymised_at', { withTimezone: true }),
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
    /** House: the date on the property certificate; the title number is due 14 days after it (CUS-1). */
    titleCertificateOn: date('title_certificate_on'),
    /** House: the property-title number (产权证号). */
    titleNumber: text('title_number'),
  },
  (t) => [
    index('assets_customer_idx').on(t.customerId),
    index('assets_number_idx').on(t.number),
    // The overdue-title list: houses with a certificate date and no number yet.
    index('assets_title_due_idx')
      .on(t.titleCertificateOn)
      .where(sql`${t.titleNumber} is null and ${t.titleCertificateOn} is not null`),
  ],
);

/**
 * CUS-5: a customer's archive handed over from sales (one month before the house handover) and the
 * check made on its arrival — room, phone and address each ticked, or the problem noted. One row
 * per received record; checked_at null = not yet checked.
 */
export const customerHandoverChecks = pgTable(
  'customer_handover_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    /** The day the house is handed over to the customer. */
    handoverOn: date('handover_on').notNull(),
    /** The day customer service received the record from sales. */
    receivedOn: date('received_on').notNull(),
    receivedBy: uuid('received_by').references(() => users.id),
    roomOk: boolean('room_ok'),
    phoneOk: boolean('phone_ok'),
    addressOk: boolean('address_ok'),
    problem: text('problem'),
    checkedBy: uuid('checked_by').references(() => users.id),
    checkedAt: timestamp('checked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('customer_handover_checks_customer_key').on(t.customerId),
    index('customer_handover_checks_unchecked_idx')
      .on(t.unitId, t.receivedOn)
      .where(sql`${t.checkedAt} is null`),
  ],
);

/**
 * CUS-3: who looked at, unmasked or exported the archive, when and why. A view is one row per person
 * and record; repeated views within ACCESS_COALESCE_MINUTES raise `times` and `last_at` instead of
 * adding rows. An export is one row (no customer) with its reason, row count and filter.
 */
export const customerAccessLog = pgTable(
  'customer_access_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    lastAt: timestamp('last_at', { withTimezone: true }).notNull(),
    times: integer('times').notNull().default(1),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: ['view', 'card', 'unmask', 'export'] }).notNull(),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'cascade' }),
    /** The customer's unit, or the exported filter's unit (else the exporter's widest). */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    reason: text('reason'),
    rows: integer('rows'),
    exportId: uuid('export_id'),
    filter: jsonb('filter'),
  },
  (t) => [
    index('customer_access_log_at_idx').on(t.at),
    index('customer_access_log_user_idx').on(t.userId, t.at),
    index('customer_access_log_customer_idx').on(t.customerId, t.at),
  ],
);

/**
 * CUS-3 "records leave the system only with an approval": an export of more rows than the
 * configured limit is requested here, goes through the approval engine, and can be downloaded by
 * its requester once approved.
 */
export const customerExports = pgTable(
  'customer_exports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    filter: jsonb('filter').$type<Record<string, unknown>>().notNull(),
    reason: text('reason').notNull(),
    rows: integer('rows').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'sent_back'] }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    downloads: integer('downloads').notNull().default(0),
  },
  (t) => [index('customer_exports_requester_idx').on(t.requestedBy, t.requestedAt)],
);

/** Identity-bearing fields as a change form proposes them and as a version keeps them. */
export interface IdentitySnapshot {
  name: string;
  identityNumber: string | null;
  phones: { normalized: string; display: string; kind: string; label: string | null }[];
  addresses: { label: string | null; address: string }[];
  rooms: { assetId: string; name: string; number: string | null }[];
}

/**
 * CUS-2: a change form for identity-bearing fields (name, phones, addresses, ID number, room
 * numbers). Submitted by any unit allowed to; applied only after customer service has verified the
 * customer's identity against the record and written down which proof it checked.
 */
export const customerChangeRequests = pgTable(
  'customer_change_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    source: text('source', { enum: CHANGE_SOURCES }).notNull(),
    submittedBy: uuid('submitted_by')
      .notNull()
      .references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    reason: text('reason').notNull(),
    /** The proposed values, in the shape of the PATCH body's identity fields. */
    changes: jsonb('changes').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: CHANGE_STATUSES }).notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** Which proofs were checked (kinds, never the values given). */
    proofs: jsonb('proofs').$type<string[]>(),
    decisionNote: text('decision_note'),
    version: integer('version'),
  },
  (t) => [index('customer_change_requests_customer_idx').on(t.customerId, t.submittedAt)],
);

/** CUS-2: every version of a customer's identity-bearing fields, with who, when and why. */
export const customerVersions = pgTable(
  'customer_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    by: uuid('by').references(() => users.id),
    /** created: as first recorded; change_form: a verified change form; draft: a draft completed. */
    kind: text('kind', { enum: ['created', 'change_form', 'draft'] }).notNull(),
    reason: text('reason'),
    changeRequestId: uuid('change_request_id').references(() => customerChangeRequests.id),
    snapshot: jsonb('snapshot').$type<IdentitySnapshot>().notNull(),
  },
  (t) => [uniqueIndex('customer_versions_customer_version_idx').on(t.customerId, t.version)],
);

/**
 * PIPL (个人信息保护法) erasure requests: a customer asks that their personal information be
 * deleted. Approved through the approval engine (subject `customer_erasure`), then the personal
 * fields are anonymised everywhere they appear; money records the law requires to keep stay.
 */
export const customerErasureRequests = pgTable(
  'customer_erasure_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    reason: text('reason').notNull(),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: ['pending', 'erased', 'sent_back'] }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** What was anonymised, counted per place (customers, phones, contacts, tickets…). */
    erased: jsonb('erased').$type<Record<string, number>>(),
  },
  (t) => [
    index('customer_erasure_requests_customer_idx').on(t.customerId),
    uniqueIndex('customer_erasure_requests_pending_key')
      .on(t.customerId)
      .where(sql`${t.status} = 'pending'`),
  ],
);
