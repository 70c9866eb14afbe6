import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { CONTACT_CHANNELS, LETTER_CATEGORIES } from '../../../domain/customers';
import { customers } from '../customers/customers.table';
import { organisationUnits, users } from '../org/org.table';

/**
 * The contact log (IN-2): every call, visit and letter, with or without a ticket — the former
 * 电话接待记录本, 接待记录本 and 客户来函目录 in one searchable table.
 */
export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    customerId: uuid('customer_id').references(() => customers.id),
    channel: text('channel', { enum: CONTACT_CHANNELS }).notNull(),
    direction: text('direction', { enum: ['inbound', 'outbound'] }).notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    durationSeconds: integer('duration_seconds'),
    summary: text('summary').notNull(),
    agentId: uuid('agent_id').references(() => users.id),
    /** Normalized digits (IN-3), so the log is searchable by number like the archive. */
    phoneNumber: text('phone_number'),
    /** The ticket this contact led to or belongs to; tickets are another module, so no foreign key. */
    ticketId: uuid('ticket_id'),
    /** The telephony integration's call id: repeated call events update one row instead of adding one. */
    callId: text('call_id'),
    /**
     * SLA-9: when the call started ringing and when someone picked up. A call whose row was made at
     * ringing and that ended with no answer instant is an abandoned call (the caller hung up first).
     */
    ringingAt: timestamp('ringing_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    // IN-8 letter register.
    letterCategory: text('letter_category', { enum: LETTER_CATEGORIES }),
    letterRoutedToUnitId: uuid('letter_routed_to_unit_id').references(() => organisationUnits.id),
    sender: text('sender'),
    receivedOn: date('received_on'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('contacts_unit_occurred_idx').on(t.unitId, t.occurredAt),
    index('contacts_customer_idx').on(t.customerId, t.occurredAt),
    index('contacts_agent_idx').on(t.agentId, t.occurredAt),
    index('contacts_phone_trgm_idx').using('gin', t.phoneNumber.op('gin_trgm_ops')),
    index('contacts_ticket_idx').on(t.ticketId),
    uniqueIndex('contacts_call_id_key').on(t.callId),
    // The hotline report reads one unit's rung calls over a date range.
    index('contacts_unit_ringing_idx')
      .on(t.unitId, t.ringingAt)
      .where(sql`${t.ringingAt} is not null`),
  ],
);

/**
 * What a coordination sheet prints, copied from the letter and the customer record when it was
 * issued: a reprint shows the same sheet even after the customer's address or the letter's summary
 * was corrected.
 */
export interface CoordinationSheetSnapshot {
  letterCategory: 'service_report' | 'complaint';
  sender: string | null;
  receivedOn: string | null;
  content: string;
  customerName: string | null;
  /** Normalized digits; masked when presented unless the reader may see full numbers (CUS-4). */
  phone: string | null;
  address: string | null;
  unitName: string;
  responsibleUnitName: string;
}

/**
 * IN-8 coordination sheet (协调单) of a letter: at most one per letter, numbered once, never
 * renumbered. Issued at registration for a service report, by the assistant for a complaint.
 */
export const coordinationSheets = pgTable(
  'coordination_sheets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    number: text('number').notNull(),
    responsibleUnitId: uuid('responsible_unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    requestedHandling: text('requested_handling').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    snapshot: jsonb('snapshot').$type<CoordinationSheetSnapshot>().notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    issuedBy: uuid('issued_by').references(() => users.id),
  },
  (t) => [
    // One sheet per letter: issuing twice collides here even when two assistants click at once.
    uniqueIndex('coordination_sheets_contact_key').on(t.contactId),
    uniqueIndex('coordination_sheets_unit_number_key').on(t.unitId, t.number),
    index('coordination_sheets_responsible_due_idx').on(t.responsibleUnitId, t.dueAt),
  ],
);

/** The daily sequence behind sheet numbers, one row per unit and local date. */
export const coordinationSheetCounters = pgTable(
  'coordination_sheet_counters',
  {
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    localDate: date('local_date').notNull(),
    lastValue: integer('last_value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.localDate] })],
);
