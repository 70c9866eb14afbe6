import {
  boolean,
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
import { customers } from '../customers/customers.table';
import { organisationUnits, users } from '../org/org.table';

/**
 * One connected channel of a unit (an SMS gateway account, a WeChat customer-service account).
 * `settings` holds what may be shown; `secrets` the keys, sealed with AES-256-GCM under the
 * server's secret key (channels.secrets.ts) — never returned by the API.
 */
export const channelAccounts = pgTable(
  'channel_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    /** sms_aliyun | sms_tencent | wechat_kf | email */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull(),
    secrets: text('secrets').notNull(),
    /** The random part of the callback and receipt URLs (not a secret of the vendor's). */
    hookKey: text('hook_key').notNull(),
    /** Inbound messages are taken in as this person (their grants decide contacts and tickets). */
    intakeUserId: uuid('intake_user_id').references(() => users.id),
    /** WeChat customer service: the sync_msg cursor; e-mail: {uidValidity, uid} of the last message stored. */
    syncCursor: text('sync_cursor'),
    lastError: text('last_error'),
    lastErrorAt: timestamp('last_error_at', { withTimezone: true }),
    /**
     * E-mail: the server instance reading this mailbox (by IMAP IDLE, or polling) and until when its
     * lease runs; the holder renews it while it watches, another instance takes over once it lapses.
     */
    watcher: text('watcher'),
    watcherUntil: timestamp('watcher_until', { withTimezone: true }),
    /** Callbacks turned away (bad signature, wrong receiver) since the account was saved. */
    refusedCallbacks: integer('refused_callbacks').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (t) => [index('channel_accounts_unit_idx').on(t.unitId, t.kind)],
);

/** An SMS gateway's template for one Kefu template code, with its approval state at the vendor. */
export const channelTemplates = pgTable(
  'channel_templates',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => channelAccounts.id, { onDelete: 'cascade' }),
    templateCode: text('template_code').notNull(),
    providerTemplateCode: text('provider_template_code').notNull(),
    /** Variable names in the order the vendor's template numbers them (Tencent {1},{2}…). */
    params: jsonb('params').$type<string[]>().notNull(),
    /** pending | approved | rejected */
    approval: text('approval').notNull(),
    approvalNote: text('approval_note'),
    checkedAt: timestamp('checked_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.templateCode] })],
);

/** One customer talking to a WeChat customer-service account; bound to a customer once known. */
export const channelConversations = pgTable(
  'channel_conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => channelAccounts.id),
    /** The vendor's id of the customer (external_userid). */
    externalId: text('external_id').notNull(),
    customerId: uuid('customer_id').references(() => customers.id),
    /** The ticket new messages join while it is open (tickets are another module: no foreign key). */
    ticketId: uuid('ticket_id'),
    lastInboundAt: timestamp('last_inbound_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('channel_conversations_account_external_uq').on(t.accountId, t.externalId),
    index('channel_conversations_customer_idx').on(t.customerId),
  ],
);

/** Every message in or out of a conversation; the vendor's message id makes a redelivery a no-op. */
export const channelMessages = pgTable(
  'channel_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => channelConversations.id),
    direction: text('direction').notNull(),
    providerMessageId: text('provider_message_id').notNull(),
    kind: text('kind').notNull(),
    body: text('body'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    contactId: uuid('contact_id'),
    ticketId: uuid('ticket_id'),
    sentBy: uuid('sent_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /**
     * Outbound e-mail goes through a queue of its own (the threading headers do not fit the outbox's
     * templates): queued → sent, or failed after the last attempt; null for other messages.
     */
    status: text('status'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lastError: text('last_error'),
    /** E-mail: subject, from/to, In-Reply-To, References, attachments kept or refused. */
    meta: jsonb('meta').$type<Record<string, unknown>>(),
  },
  (t) => [
    uniqueIndex('channel_messages_provider_uq').on(t.conversationId, t.direction, t.providerMessageId),
    index('channel_messages_conversation_idx').on(t.conversationId, t.occurredAt),
    // E-mail threading looks a Message-ID up across the account's conversations.
    index('channel_messages_provider_id_idx').on(t.providerMessageId),
    index('channel_messages_due_idx').on(t.status, t.nextAttemptAt),
  ],
);
