import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../org/org.table';

/** A person's own saved ticket filter ("我的保修单", "本周硬投诉"), next to the built-in views. */
export const savedTicketViews = pgTable(
  'saved_views',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    /** The list filters (same fields as GET /tickets, without paging), validated on save. */
    filters: jsonb('filters').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('saved_views_user_name_key').on(t.userId, t.name),
    index('saved_views_user_idx').on(t.userId, t.createdAt),
  ],
);
