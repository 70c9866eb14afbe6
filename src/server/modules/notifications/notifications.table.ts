import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../org/org.table';

/** In-app notices (SLA-8): at risk and breached to the owner, escalations up the chain. */
/** What a notice is about; all but the first three come from other modules (complaints, surveys). */
export const NOTIFICATION_KINDS = [
  'at_risk',
  'breached',
  'escalated',
  'department_replied',
  'praise',
  'complaint_cluster',
  'evaluation_dissatisfied',
  'survey_weekly_summary',
  // CMP-5: a complaint's close-out step is now this person's to do (or came back to them).
  'close_out_turn',
  // Issue 17: an approval step is now this person's (or came back to the requester); RET-2: a
  // cancellation signed by the general manager, for the service centre at once.
  'approval_turn',
  'approval_sent_back',
  'cancellation_signed',
  // An approval step's time limit (SLA engine): a reminder to its approvers before it is due, an
  // overdue notice to them when it is breached, and the escalation to the unit's manager.
  'approval_reminder',
  'approval_overdue',
  'approval_escalated',
  // KB-1: an approved answer this person owns lapses soon.
  'kb_answer_expiring',
  // Issue 18 item 7: a maintenance contract ends soon; follow its renewal up (once per term).
  'contract_renewal_due',
  // Issue 22: a ticket or work order was assigned to this person; a care call of theirs is due.
  'assigned',
  'care_task_due',
  // PORTAL-1: the customer wrote on their request through the portal (SLA-7: back from waiting on them).
  'customer_replied',
] as const;

export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    targetId: uuid('target_id'),
    // The scheduler step that produced it (`sla:<target>:breached`), for tracing and idempotency checks.
    stepId: text('step_id'),
    payload: jsonb('payload'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_recipient_idx').on(t.recipientId, t.createdAt),
    index('notifications_step_idx').on(t.stepId),
  ],
);
