import { boolean, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisationUnits, users } from '../org/org.table';

/** The customer archive (CUS-1, basic form): one row per person or company served. */
export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The unit that owns the record; scoping (ORG-1) follows it. */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    name: text('name').notNull(),
    birthday: date('birthday'),
    source: text('source'),
    /** ID card, room or plate number where relevant; masked for roles without the right (CUS-4). */
    identityNumber: text('identity_number'),
    /** CUS-6 / CMP-7: repeat complainers, VIPs — shown on the customer card everywhere. */
    specialAttention: boolean('special_attention').notNull().default(false),
    specialAttentionReason: text('special_attention_reason'),
    note: text('note'),
    /** A customer first seen as an unknown caller stays a draft until an agent completes it (IN-3). */
    draft: boolean('draft').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('customers_unit_idx').on(t.unitId, t.createdAt)],
);
