import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisationUnits, users } from '../org/org.table';

/**
 * Files attached to a record (a ticket now, work orders later): the subject is named by type and
 * id, so one table serves every module. The bytes live in file storage under `storage_key`.
 */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey(),
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    /** The subject's unit when the file was added; kept for the audit trail and reports. */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    fileName: text('file_name').notNull(),
    /** Recognised from the bytes at upload, never taken from the client. */
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull().unique(),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedBy: uuid('deleted_by').references(() => users.id),
  },
  (t) => [
    index('attachments_subject_idx')
      .on(t.subjectType, t.subjectId, t.uploadedAt)
      .where(sql`${t.deletedAt} is null`),
  ],
);

export type AttachmentRow = typeof attachments.$inferSelect;
