import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
    /** The member of staff who added it; null when the customer did (`uploaded_by_customer_id`). */
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    /**
     * The customer who added it themselves (a photo on their request through the portal, PORTAL-1).
     * Exactly one of the two uploaders is set. No foreign key: the attachments module sits below the
     * customers module, and an erased customer keeps its row (anonymised), so the id still resolves.
     */
    uploadedByCustomerId: uuid('uploaded_by_customer_id'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedBy: uuid('deleted_by').references(() => users.id),
  },
  (t) => [
    index('attachments_subject_idx')
      .on(t.subjectType, t.subjectId, t.uploadedAt)
      .where(sql`${t.deletedAt} is null`),
    check('attachments_one_uploader', sql`(${t.uploadedBy} is null) <> (${t.uploadedByCustomerId} is null)`),
  ],
);

export type AttachmentRow = typeof attachments.$inferSelect;
