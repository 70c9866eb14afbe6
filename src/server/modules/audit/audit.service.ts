/** The audit module's public face: what other modules may call (docs/decisions/0012-module-boundaries.md). */
export { type AuditRecord, auditRow, insertAuditStatement, recordAudit } from './audit.repository';
export { redactAuditFor } from './audit.redaction';
