import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { TASK_KINDS, TASK_STATES } from '../../../domain/tasks';
import { organisationUnits, users } from '../org/org.table';

/**
 * Tasks (待办): a call-back promised to a caller (IN-5) or a message for a colleague (转告, IN-6).
 * customer_id and ticket_id carry no foreign key: a task may outlive or precede those records, and
 * tasks must not depend on the modules that own them.
 */
export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    kind: text('kind', { enum: TASK_KINDS }).notNull(),
    assigneeId: uuid('assignee_id')
      .notNull()
      .references(() => users.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    callerName: text('caller_name'),
    callerPhone: text('caller_phone').notNull(),
    customerId: uuid('customer_id'),
    ticketId: uuid('ticket_id'),
    note: text('note'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    escalateAt: timestamp('escalate_at', { withTimezone: true }).notNull(),
    state: text('state', { enum: TASK_STATES }).notNull().default('open'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: uuid('done_by').references(() => users.id),
    // What came of it: the call-back's result, or why it was cancelled.
    outcome: text('outcome'),
    overdueNotifiedAt: timestamp('overdue_notified_at', { withTimezone: true }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    // Everyone the escalation notified (a unit may have two supervisors).
    escalatedTo: uuid('escalated_to').array(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // The worklist: my open tasks by deadline.
    index('tasks_assignee_state_due_idx').on(t.assigneeId, t.state, t.dueAt),
    index('tasks_unit_state_due_idx').on(t.unitId, t.state, t.dueAt),
  ],
);
