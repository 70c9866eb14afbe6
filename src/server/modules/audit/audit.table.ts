import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The append-only audit trail (ORG-4): who, when, what, before/after. A trigger in the migrations
 * refuses UPDATE, DELETE and TRUNCATE, so not even a bug in Kefu can rewrite history.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    unitId: uuid('unit_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip'),
  },
  (t) => [
    index('audit_log_subject_idx').on(t.subjectType, t.subjectId, t.id),
    index('audit_log_at_idx').on(t.at),
    index('audit_log_actor_idx').on(t.actorId, t.id),
  ],
);

/**
 * PIPL erasure against an append-only trail (decision 0023): the audit row is never rewritten; when
 * a customer's personal information is erased, the rows that carry it get a redacted copy of their
 * before/after here, and the audit read path shows that copy instead, to everyone. A row redacted for
 * a second erased customer has its copy redacted again (one copy per row).
 */
export const auditRedactions = pgTable(
  'audit_redactions',
  {
    // No foreign key to audit_log: one would make PostgreSQL refuse a TRUNCATE of the log for the
    // reference before the append-only trigger could (ORG-4 holds the refusal to the trigger's).
    auditId: bigint('audit_id', { mode: 'number' }).primaryKey(),
    /** The erased customer the copy was last redacted for. */
    customerId: uuid('customer_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('audit_redactions_customer_idx').on(t.customerId)],
);
