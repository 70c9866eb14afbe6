import type { z } from 'zod';
import type { attachmentSchema } from './attachments.schemas';
import type { AttachmentRow } from './attachments.table';

/** What a client sees of an attachment; the storage key stays on the server. */
export function presentAttachment(
  row: AttachmentRow,
  people: Map<string, string>,
): z.infer<typeof attachmentSchema> {
  return {
    id: row.id,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    unitId: row.unitId,
    fileName: row.fileName,
    contentType: row.contentType,
    size: row.size,
    sha256: row.sha256,
    uploadedBy: { id: row.uploadedBy, displayName: people.get(row.uploadedBy) ?? '' },
    uploadedAt: row.uploadedAt.toISOString(),
    contentUrl: `/api/v1/attachments/${row.id}/content`,
  };
}
