import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * One-time codes for the customer portal (PORTAL-1). Only the code's hash is kept; a code is good
 * for a few minutes and a few tries, and is spent by its first correct use. The rows also count
 * requests per number and per address, which is how sending is limited.
 */
export const portalCodes = pgTable(
  'portal_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The normalised mobile number the code was sent to. */
    phone: text('phone').notNull(),
    codeHash: text('code_hash').notNull(),
    ip: text('ip'),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
  },
  (t) => [
    index('portal_codes_phone_idx').on(t.phone, t.createdAt),
    index('portal_codes_ip_idx').on(t.ip, t.createdAt),
  ],
);

/** A customer's short portal session: the phone it proved. Only the token's hash is kept. */
export const portalSessions = pgTable(
  'portal_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    phone: text('phone').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('portal_sessions_phone_idx').on(t.phone)],
);

/** Which tickets a customer filed through the portal (for the audit of who filed it). */
export const portalRequests = pgTable('portal_requests', {
  ticketId: uuid('ticket_id').primaryKey(),
  phone: text('phone').notNull(),
  customerId: uuid('customer_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/**
 * Photos a customer added to their request through the portal: attachments of the ticket (the
 * staff see them with the ticket's files), and the only files of the ticket the customer is shown.
 */
export const portalFiles = pgTable(
  'portal_files',
  {
    attachmentId: uuid('attachment_id').primaryKey(),
    ticketId: uuid('ticket_id').notNull(),
    phone: text('phone').notNull(),
    customerId: uuid('customer_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('portal_files_ticket_idx').on(t.ticketId)],
);
