import type { z } from 'zod';
import type { attachmentSchema } from './attachments.schemas';
import type { AttachmentRow } from './attachments.table';

/** Who the uploaders are, as the reader may see them. */
export interface UploaderNames {
  /** Staff display names by user id. */
  people: Map<string, string>;
  /** Customers' masked names by id, only those the reader may see. */
  customers: Map<string, string>;
}

/** What a client sees of an attachment; the storage key stays on the server. */
export function presentAttachment(
  row: AttachmentRow,
  names: UploaderNames,
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
    uploadedBy: row.uploadedBy
      ? { id: row.uploadedBy, displayName: names.people.get(row.uploadedBy) ?? '' }
      : null,
    uploadedByCustomer: row.uploadedByCustomerId
      ? { id: row.uploadedByCustomerId, maskedName: names.customers.get(row.uploadedByCustomerId) ?? null }
      : null,
    uploadedAt: row.uploadedAt.toISOString(),
    contentUrl: `/api/v1/attachments/${row.id}/content`,
  };
}
