import { z } from 'zod';

const subjectType = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _');

/** The form fields sent with the file (multipart/form-data); unknown fields are refused. */
export const uploadFields = z.strictObject({ subjectType, subjectId: z.uuid() });

export const listQuery = z.strictObject({ subjectType, subjectId: z.uuid() });

export const idParams = z.strictObject({ id: z.uuid() });

export const contentQuery = z.strictObject({
  /** `true` asks the browser to save the file instead of showing it. */
  download: z.enum(['true', 'false']).optional(),
});

export const attachmentSchema = z.object({
  id: z.uuid(),
  subjectType: z.string(),
  subjectId: z.uuid(),
  unitId: z.uuid(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  /** The member of staff who added it; null when the customer did (`uploadedByCustomer`). */
  uploadedBy: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  /**
   * PORTAL-1: the customer who added it through the portal (客户上传). The name is masked, and null
   * for a reader who may not see the unit's customer records.
   */
  uploadedByCustomer: z.object({ id: z.uuid(), maskedName: z.string().nullable() }).nullable(),
  uploadedAt: z.string(),
  contentUrl: z.string(),
});
