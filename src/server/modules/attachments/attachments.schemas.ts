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
  uploadedBy: z.object({ id: z.uuid(), displayName: z.string() }),
  uploadedAt: z.string(),
  contentUrl: z.string(),
});
