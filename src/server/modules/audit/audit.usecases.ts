import { and, count, desc, eq, gte, inArray, isNull, lte, or, type SQL } from 'drizzle-orm';
import { can } from '../../../domain/permissions';
import type { Actor, Deps } from '../../app/context';
import { maskNumbersByField } from '../../app/response-masking';
import { scopeOf, unitsWithin } from '../org/org.service';
import { organisationUnits, roles, users } from '../org/org.table';
import { customers } from '../customers/customers.table';
import { tickets } from '../tickets/tickets.table';
import { workOrders } from '../workorders/workorders.table';
import type { Db } from '../../app/db';
import { auditLog, auditRedactions } from './audit.table';

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
    .select({
      entry: auditLog,
      actorName: users.displayName,
      unitPath: organisationUnits.path,
      redaction: {
        auditId: auditRedactions.auditId,
        before: auditRedactions.before,
        after: auditRedactions.after,
      },
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .leftJoin(auditRedactions, eq(auditRedactions.auditId, auditLog.id))
    .leftJoin(organisationUnits, eq(organisationUnits.id, auditLog.unitId))
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const labels = await subjectLabels(
    deps.db,
    rows.map((r) => r.entry),
  );
  return {
    total: totalRow?.total ?? 0,
    items: rows.map(({ entry, actorName, unitPath, redaction }) => {
      // PIPL (decision 0023): a row that carried an erased customer's personal information is shown,
      // to everyone, as its redacted copy; the trail itself is never rewritten.
      const before = redaction?.auditId ? redaction.before : entry.before;
      const after = redaction?.auditId ? redaction.after : entry.after;
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
        subjectLabel: labels.get(`${entry.subjectType}:${entry.subjectId}`) ?? null,
        unitId: entry.unitId,
        before: shown(before ?? null),
        after: shown(after ?? null),
        redacted: !!redaction?.auditId,
        ip: entry.ip,
      };
    }),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What people call the subjects of a page of audit rows (issue 16): the ticket's or work order's
 * number instead of its id, the customer's, person's, unit's or role's name. One read per subject
 * type on the page, by primary key; the other modules' tables are joined here, never written.
 */
async function subjectLabels(
  db: Db,
  entries: readonly { subjectType: string; subjectId: string }[],
): Promise<Map<string, string>> {
  const idsOf = (...types: string[]) => [
    ...new Set(
      entries.filter((e) => types.includes(e.subjectType) && UUID.test(e.subjectId)).map((e) => e.subjectId),
    ),
  ];
  const lookups: { types: string[]; read: (ids: string[]) => Promise<{ id: string; label: string }[]> }[] = [
    {
      types: ['ticket'],
      read: (ids) =>
        db.select({ id: tickets.id, label: tickets.number }).from(tickets).where(inArray(tickets.id, ids)),
    },
    {
      types: ['work_order', 'workorder'],
      read: (ids) =>
        db
          .select({ id: workOrders.id, label: workOrders.number })
          .from(workOrders)
          .where(inArray(workOrders.id, ids)),
    },
    {
      types: ['customer'],
      read: (ids) =>
        db
          .select({ id: customers.id, label: customers.name })
          .from(customers)
          .where(inArray(customers.id, ids)),
    },
    {
      types: ['user'],
      read: (ids) =>
        db.select({ id: users.id, label: users.displayName }).from(users).where(inArray(users.id, ids)),
    },
    {
      types: ['unit', 'organisation_unit', 'unit_calendar'],
      read: (ids) =>
        db
          .select({ id: organisationUnits.id, label: organisationUnits.name })
          .from(organisationUnits)
          .where(inArray(organisationUnits.id, ids)),
    },
    {
      types: ['role'],
      read: (ids) =>
        db.select({ id: roles.id, label: roles.nameZh }).from(roles).where(inArray(roles.id, ids)),
    },
  ];
  const labels = new Map<string, string>();
  for (const { types, read } of lookups) {
    const ids = idsOf(...types);
    if (ids.length === 0) continue;
    const found = new Map((await read(ids)).map((r) => [r.id, r.label]));
    for (const e of entries)
      if (types.includes(e.subjectType) && found.has(e.subjectId))
        labels.set(`${e.subjectType}:${e.subjectId}`, found.get(e.subjectId)!);
  }
  return labels;
}

/**
 * Who acted on a row without a person: a ticket a customer opened through a survey answer records
 * or the self-service portal records its origin in the row itself (tickets.intake_origin), a customer's request through a work-order
 * link says origin 'customer_link'; anything else is the system.
 */
function actorOriginOf(
  entry: typeof auditLog.$inferSelect,
): 'staff' | 'system' | 'customer_survey' | 'customer_portal' | 'customer_link' {
  if (entry.actorId) return 'staff';
  const after = entry.after as { intakeOrigin?: unknown; origin?: unknown } | null;
  if (after && typeof after === 'object' && after.intakeOrigin === 'customer_survey')
    return 'customer_survey';
  // A customer's request through the self-service portal (PORTAL-1).
  if (after && typeof after === 'object' && after.intakeOrigin === 'customer_portal')
    return 'customer_portal';
  // A customer's request through a work-order link (workorders.customer-requests.ts).
  if (after && typeof after === 'object' && after.origin === 'customer_link') return 'customer_link';
  return 'system';
}
