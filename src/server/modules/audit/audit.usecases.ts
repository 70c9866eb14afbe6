import { and, count, desc, eq, gte, inArray, isNull, lte, or, type SQL } from 'drizzle-orm';
import { can } from '../../../domain/permissions';
import type { Actor, Deps } from '../../app/context';
import { maskNumbersByField } from '../../app/response-masking';
import { scopeOf, unitsWithin } from '../org/org.service';
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
    .select({ entry: auditLog, actorName: users.displayName, unitPath: organisationUnits.path })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .leftJoin(organisationUnits, eq(organisationUnits.id, auditLog.unitId))
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return {
    total: totalRow?.total ?? 0,
    items: rows.map(({ entry, actorName, unitPath }) => {
      // CUS-4: an audit row copies the record as it was, numbers included; it shows them only to
      // who may unmask them at the row's unit (company-wide rows: at the root).
      const fullNumbers = unitPath
        ? can(actor.grants, 'customers.phone.unmask', unitPath)
        : actor.grants.some(
            (g) => g.unitPath.length === 1 && g.permissions.includes('customers.phone.unmask'),
          );
      const shown = (v: unknown) => (fullNumbers ? v : maskNumbersByField(v));
      return {
        id: entry.id,
        at: entry.at.toISOString(),
        actor: entry.actorId ? { id: entry.actorId, displayName: actorName ?? '' } : null,
        actorOrigin: actorOriginOf(entry),
        action: entry.action,
        subjectType: entry.subjectType,
        subjectId: entry.subjectId,
        unitId: entry.unitId,
        before: shown(entry.before ?? null),
        after: shown(entry.after ?? null),
        ip: entry.ip,
      };
    }),
  };
}

/**
 * Who acted on a row without a person: a ticket a customer opened through a survey answer records
 * its origin in the row itself (tickets.intake_origin); anything else is the system.
 */
function actorOriginOf(entry: typeof auditLog.$inferSelect): 'staff' | 'system' | 'customer_survey' {
  if (entry.actorId) return 'staff';
  const after = entry.after as { intakeOrigin?: unknown } | null;
  return after && typeof after === 'object' && after.intakeOrigin === 'customer_survey'
    ? 'customer_survey'
    : 'system';
}
