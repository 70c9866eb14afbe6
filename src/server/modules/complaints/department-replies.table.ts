import { date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { CORRECTIVE_ACTIONS } from '../../../domain/tickets/complaints';
import { organisationUnits, users } from '../org/org.table';
import { tickets } from '../tickets/tickets.table';

/** CMP-3: the responsible department's reply form (部门回复单); a ticket may get several (a revised plan). */
export const departmentReplies = pgTable(
  'ticket_department_replies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => organisationUnits.id),
    findings: text('findings').notNull(),
    /** The department or process where the problem arose. */
    rootCause: text('root_cause').notNull(),
    correctiveActionKind: text('corrective_action_kind', { enum: CORRECTIVE_ACTIONS }).notNull(),
    correctiveAction: text('corrective_action').notNull(),
    preventiveAction: text('preventive_action').notNull(),
    committedDate: date('committed_date').notNull(),
    /** Close of business on the committed date in the unit's calendar: the result target's due time. */
    committedAt: timestamp('committed_at', { withTimezone: true }).notNull(),
    responsiblePersonId: uuid('responsible_person_id')
      .notNull()
      .references(() => users.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('ticket_department_replies_ticket_idx').on(t.ticketId, t.createdAt)],
);
