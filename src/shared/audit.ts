import { z } from 'zod';
import { personRef } from './org';

/** One row of the audit trail (ORG-4) as GET /audit lists it. */
export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actor: personRef.nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  unitId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
