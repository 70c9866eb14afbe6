import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisationUnits } from '../org/org.table';

/**
 * Links sent to customers (PORTAL-2): a survey, a work order. The token itself is never stored —
 * only its SHA-256 — so a leaked database does not open anyone's page. subject_id carries no
 * foreign key: links point at records of several modules.
 */
export const customerLinks = pgTable(
  'customer_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    customerId: uuid('customer_id'),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    purpose: text('purpose').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastOpenedAt: timestamp('last_opened_at', { withTimezone: true }),
  },
  (t) => [index('customer_links_subject_idx').on(t.subjectType, t.subjectId)],
);
