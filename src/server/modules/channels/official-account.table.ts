import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { customers } from '../customers/customers.table';
import { users } from '../org/org.table';
import { channelAccounts } from './channels.table';

/**
 * A WeChat official account's follower (openid) bound to a customer (issue 22): made once, after the
 * follower proved a mobile number on file with the portal's one-time code; from then on the menu
 * links open the customer's pages without signing in. Removed by staff (kept, with who and when).
 */
export const officialAccountBindings = pgTable(
  'official_account_bindings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => channelAccounts.id),
    openid: text('openid').notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    /** The normalised mobile number the follower proved; the portal session is for this number. */
    phone: text('phone').notNull(),
    boundAt: timestamp('bound_at', { withTimezone: true }).notNull(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removedBy: uuid('removed_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('official_account_bindings_live_uq')
      .on(t.accountId, t.openid)
      .where(sql`${t.removedAt} is null`),
    index('official_account_bindings_customer_idx').on(t.customerId),
  ],
);
