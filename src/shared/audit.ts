import { z } from 'zod';
import { personRef } from './org';

/** One row of the audit trail (ORG-4) as GET /audit lists it. */
export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actor: personRef.nullable(),
  /**
   * Who acted when `actor` is null: the system, or a customer through a survey answer (the
   * follow-up ticket a detractor's answer opened).
   */
  actorOrigin: z.enum(['staff', 'system', 'customer_survey']),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  unitId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
