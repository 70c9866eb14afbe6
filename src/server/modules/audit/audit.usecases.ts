import { and, count, desc, eq, gte, inArray, isNull, lte, or, type SQL } from 'drizzle-orm';
import type { Actor, Deps } from '../../app/context';
import { scopeOf } from '../org/org.policy';
import { unitsWithin } from '../org/org.repository';
import { organisationUnits, users } from '../org/org.table';
import { auditLog } from './audit.table';

export interface AuditQuery {
  subjectType?: string;
  subjectId?: string;
  actorId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

/**
 * Browses the audit trail (ORG-4) within the caller's units. Entries about company-wide settings
 * (roles) have no unit and are shown to those who hold audit.read at the top of the tree.
 */
export async function listAudit(deps: Deps, actor: Actor, query: AuditQuery) {
  const roots = scopeOf(actor, 'audit.read');
  const seesCompanyWide = actor.grants.some(
    (g) => g.unitPath.length === 1 && g.permissions.includes('audit.read'),
  );
  const visibleUnits = deps.db
    .select({ id: organisationUnits.id })
    .from(organisationUnits)
    .where(unitsWithin(roots));
  const where: SQL | undefined = and(
    or(inArray(auditLog.unitId, visibleUnits), seesCompanyWide ? isNull(auditLog.unitId) : undefined),
    query.subjectType ? eq(auditLog.subjectType, query.subjectType) : undefined,
    query.subjectId ? eq(auditLog.subjectId, query.subjectId) : undefined,
    query.actorId ? eq(auditLog.actorId, query.actorId) : undefined,
    query.action ? eq(auditLog.action, query.action) : undefined,
    query.from ? gte(auditLog.at, query.from) : undefined,
    query.to ? lte(auditLog.at, query.to) : undefined,
  );
  const [totalRow] = await deps.db.select({ total: count() }).from(auditLog).where(where);
  const rows = await deps.db
    .select({ entry: auditLog, actorName: users.displayName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return {
    total: totalRow?.total ?? 0,
    items: rows.map(({ entry, actorName }) => ({
      id: entry.id,
      at: entry.at.toISOString(),
      actor: entry.actorId ? { id: entry.actorId, displayName: actorName ?? '' } : null,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      unitId: entry.unitId,
      before: entry.before ?? null,
      after: entry.after ?? null,
      ip: entry.ip,
    })),
  };
}
