import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { customers } from '../customers/customers.table';
import { organisationUnits, users } from '../org/org.table';

/** A file sent with an e-mail: name, MIME type and the bytes in base64. */
export interface MessageAttachment {
  filename: string;
  contentType: string;
  contentBase64: string;
}

/**
 * A unit's own text for a template code. Shipped defaults live in code (domain/messages); a row
 * here overrides the default for the unit and every unit below it, the nearest one winning.
 */
export const messageTemplates = pgTable(
  'message_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    code: text('code').notNull(),
    channel: text('channel').notNull(),
    name: text('name').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (t) => [uniqueIndex('message_templates_unit_code_uq').on(t.unitId, t.code)],
);

/**
 * Every SMS and e-mail Kefu sends, as a durable queue (the outbox). A message is `sending` from the
 * moment it is handed to a provider until the answer is recorded; a `sending` row whose lease ran
 * out (the worker died) is sent again with the same delivery key, which the provider deduplicates.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    customerId: uuid('customer_id').references(() => customers.id),
    channel: text('channel').notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    templateCode: text('template_code'),
    purpose: text('purpose').notNull(),
    /** The caller's key for one logical message: enqueueing it twice gives the first row. */
    idempotencyKey: text('idempotency_key').notNull(),
    state: text('state').notNull(),
    /** Why a message was cancelled (marketing_opt_out, by hand …). */
    stateReason: text('state_reason'),
    /** Attempts counted toward the limit (a retry by hand starts the count again). */
    attempts: integer('attempts').notNull().default(0),
    /** Every attempt ever, for numbering the attempt log. */
    attemptsTotal: integer('attempts_total').notNull().default(0),
    /** When queued: earliest send. When sending: end of the worker's lease. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    provider: text('provider'),
    providerMessageId: text('provider_message_id'),
    lastError: text('last_error'),
    sourceType: text('source_type'),
    sourceId: text('source_id'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** E-mail attachments (a scheduled report's workbook, RPT-6), kept inline: they are small. */
    attachments: jsonb('attachments').$type<MessageAttachment[]>(),
    /** The values the template was filled with: SMS gateways that send by template code need them. */
    templateVariables: jsonb('template_variables').$type<Record<string, string>>(),
  },
  (t) => [
    uniqueIndex('outbox_messages_idempotency_uq').on(t.idempotencyKey),
    index('outbox_messages_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`state in ('queued', 'sending')`),
    index('outbox_messages_unit_idx').on(t.unitId, t.createdAt),
    index('outbox_messages_source_idx').on(t.sourceType, t.sourceId),
    // Delivery receipts (Aliyun/Tencent SMS) find their message by the gateway's id.
    index('outbox_messages_provider_message_idx')
      .on(t.providerMessageId)
      .where(sql`provider_message_id is not null`),
  ],
);

/** One hand-over of a message to a provider and what came of it. */
export const messageAttempts = pgTable(
  'message_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => outboxMessages.id),
    number: integer('number').notNull(),
    provider: text('provider').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** sent | failed; null while running or when the worker died before recording. */
    outcome: text('outcome'),
    providerMessageId: text('provider_message_id'),
    error: text('error'),
  },
  (t) => [uniqueIndex('message_attempts_message_number_uq').on(t.messageId, t.number)],
);

/** CARE-4: a unit's contact hours; units without a row inherit from the nearest ancestor that has one. */
export const unitContactHours = pgTable('unit_contact_hours', {
  unitId: uuid('unit_id')
    .primaryKey()
    .references(() => organisationUnits.id),
  start: text('start').notNull(),
  end: text('end').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
});

/** CARE-4: customers who asked for no marketing contact. Service messages still go. */
export const marketingOptOuts = pgTable('marketing_opt_outs', {
  customerId: uuid('customer_id')
    .primaryKey()
    .references(() => customers.id),
  reason: text('reason'),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  recordedBy: uuid('recorded_by').references(() => users.id),
});
