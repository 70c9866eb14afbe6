import { date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
  ],
);
