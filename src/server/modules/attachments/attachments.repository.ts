import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../app/db';
import { attachments, type AttachmentRow } from './attachments.table';

export async function insertAttachment(
  db: Db,
  values: typeof attachments.$inferInsert,
): Promise<AttachmentRow> {
  const [row] = await db.insert(attachments).values(values).returning();
  return row!;
}

/** A live (not deleted) attachment by id. */
export async function findAttachment(db: Db, id: string): Promise<AttachmentRow | null> {
  const [row] = await db
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, id), isNull(attachments.deletedAt)));
  return row ?? null;
}

/** The live attachments of one record, oldest first. */
export async function attachmentsOf(
  db: Db,
  subjectType: string,
  subjectId: string,
): Promise<AttachmentRow[]> {
  return db
    .select()
    .from(attachments)
    .where(
      and(
        eq(attachments.subjectType, subjectType),
        eq(attachments.subjectId, subjectId),
        isNull(attachments.deletedAt),
      ),
    )
    .orderBy(asc(attachments.uploadedAt), asc(attachments.id));
}

/** Soft-deletes; null when someone else deleted it first. */
export async function markAttachmentDeleted(
  db: Db,
  id: string,
  at: Date,
  by: string,
): Promise<AttachmentRow | null> {
  const [row] = await db
    .update(attachments)
    .set({ deletedAt: at, deletedBy: by })
    .where(and(eq(attachments.id, id), isNull(attachments.deletedAt)))
    .returning();
  return row ?? null;
}
