import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../org/org.table';
import { channelAccounts } from './channels.table';

/**
 * A staff notice on its way to a person's WeCom or DingTalk (an app message with a link into Kefu).
 * Written in the transaction that created the in-app notice; sent by the channels module's
 * periodic pass, never in the request: queued → sent, or queued again with backoff, or failed after
 * the last attempt or when the vendor refuses for good. One row per notice and account.
 */
export const staffMessages = pgTable(
  'staff_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => channelAccounts.id, { onDelete: 'cascade' }),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => users.id),
    /** The recipient's userid at the vendor when the notice was made. */
    externalUserId: text('external_user_id').notNull(),
    notificationId: uuid('notification_id').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    url: text('url').notNull(),
    /** queued | sending | sent | failed */
    state: text('state').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lastError: text('last_error'),
    providerMessageId: text('provider_message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('staff_messages_notification_account_key').on(t.notificationId, t.accountId),
    index('staff_messages_due_idx').on(t.state, t.nextAttemptAt),
  ],
);
