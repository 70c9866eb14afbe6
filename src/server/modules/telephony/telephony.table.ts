import { pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../org/org.table';

/** Which desk phone extension an agent sits at, so a ringing call reaches the right browser (IN-3). */
export const agentExtensions = pgTable(
  'agent_extensions',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id),
    extension: text('extension').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('agent_extensions_extension_key').on(t.extension)],
);
