import { insertRows, type StatementParams } from '../../app/bulk-insert';
import type { Db } from '../../app/db';
import type { Actor } from '../../app/context';
import { auditLog } from './audit.table';

export interface AuditEntryInput {
  action: string;
  subjectType: string;
  subjectId: string;
  unitId: string | null;
  before?: unknown;
  after?: unknown;
}

const SECRET_FIELDS = new Set(['passwordHash', 'password', 'initialPassword', 'csrfToken', 'tokenHash']);

/** Secrets never reach the audit trail, not even hashed. */
function withoutSecrets(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !SECRET_FIELDS.has(k))
        .map(([k, v]) => [k, withoutSecrets(v)]),
    );
  }
  return value;
}

/** One audit row to append: when, by whom, what. */
export interface AuditRecord {
  at: Date;
  actor: Pick<Actor, 'userId' | 'ip'> | null;
  entry: AuditEntryInput;
}

/** The stored form of an audit record: secrets removed, dates as ISO text. */
export function auditRow({ at, actor, entry }: AuditRecord): typeof auditLog.$inferInsert {
  return {
    at,
    actorId: actor?.userId ?? null,
    ip: actor?.ip ?? null,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    unitId: entry.unitId,
    before: withoutSecrets(entry.before),
    after: withoutSecrets(entry.after),
  };
}

/** Appends one audit row (ORG-4) inside the caller's transaction, so it commits with the change. */
export async function recordAudit(
  db: Db,
  at: Date,
  actor: Pick<Actor, 'userId' | 'ip'> | null,
  entry: AuditEntryInput,
): Promise<void> {
  await db.insert(auditLog).values(auditRow({ at, actor, entry }));
}

/** The insert of a batch's audit rows as one part of the caller's single WITH statement (intake). */
export function insertAuditStatement(records: readonly AuditRecord[], params: StatementParams): string {
  return `${insertRows(auditLog, records.map(auditRow), params)} returning 1`;
}
