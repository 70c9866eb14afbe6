/**
 * CUS-3 access log (客户档案查阅登记): every staff view of a record, every unmask and every export of
 * customer data is written down with who, when and why; exports of more rows than the configured
 * limit leave the system only through an approved export request (approval engine, subject
 * 'customer_export'). The archive keeper reviews it by person and by customer.
 */
import { and, count, desc, eq, gt, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { can, scopeRoots } from '../../../domain/permissions';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { defineError } from '../../app/errors';
import { prepareListExport, type ListExport, type PreparedListExport } from '../../app/list-export';
import { recordAudit } from '../audit/audit.service';
import { authErrors } from '../auth/auth.errors';
import { openApproval, registerApprovalSubject, type ApprovalRow } from '../approvals/approvals.service';
import { findUnit, scopeOf, unitsWithin } from '../org/org.service';
import { organisationUnits, users } from '../org/org.table';
import { customerErrors } from './customers.errors';
import { customerAccessLog, customerExports, customers } from './customers.table';
import type { CustomersExportQuery } from './customers.export';

/** Views of one record by one person within this many minutes count as one row (times + last_at). */
export const ACCESS_COALESCE_MINUTES = 10;
export const CUSTOMER_EXPORT_SUBJECT = 'customer_export';

export type AccessKind = 'view' | 'card' | 'unmask' | 'export';

export const accessErrors = {
  exportNeedsApproval: defineError(
    'customers.export_needs_approval',
    403,
    '导出的客户超过需审批的行数，请提交导出申请，批准后再下载',
    'This export holds more customers than may leave without approval: request the export and download it once approved',
  ),
  exportNotFound: defineError(
    'customers.export_not_found',
    404,
    '找不到该导出申请',
    'Export request not found',
  ),
  exportNotApproved: defineError(
    'customers.export_not_approved',
    409,
    '该导出申请尚未批准，批准后才能下载',
    'This export request is not approved yet; it can be downloaded once approved',
  ),
  exportSmall: defineError(
    'customers.export_needs_no_approval',
    409,
    '这次导出不超过需审批的行数，可以直接导出',
    'This export is within the limit that needs no approval: export it directly',
  ),
};

/**
 * Records a staff view of a record (detail or caller card). A second view by the same person of the
 * same record within ACCESS_COALESCE_MINUTES raises the first row's count instead of adding one.
 */
export async function logView(
  deps: Deps,
  actor: Actor,
  customerId: string,
  unitId: string,
  kind: 'view' | 'card',
): Promise<void> {
  const now = deps.clock.now();
  const since = new Date(now.getTime() - ACCESS_COALESCE_MINUTES * 60_000);
  await deps.db.transaction(async (tx) => {
    const [recent] = await tx
      .select({ id: customerAccessLog.id })
      .from(customerAccessLog)
      .where(
        and(
          eq(customerAccessLog.userId, actor.userId),
          eq(customerAccessLog.customerId, customerId),
          eq(customerAccessLog.kind, kind),
          gt(customerAccessLog.lastAt, since),
        ),
      )
      .orderBy(desc(customerAccessLog.lastAt))
      .limit(1)
      .for('update');
    if (recent) {
      await tx
        .update(customerAccessLog)
        .set({ lastAt: now, times: sqlIncrement() })
        .where(eq(customerAccessLog.id, recent.id));
      return;
    }
    await tx
      .insert(customerAccessLog)
      .values({ at: now, lastAt: now, userId: actor.userId, kind, customerId, unitId });
  });
}

const sqlIncrement = () => sql`${customerAccessLog.times} + 1`;

/** The unmask (查看完整号码) row, in the caller's transaction beside its audit entry. */
export async function logUnmask(
  tx: Db,
  now: Date,
  actor: Actor,
  customerId: string,
  unitId: string,
  reason: string,
): Promise<void> {
  await tx
    .insert(customerAccessLog)
    .values({ at: now, lastAt: now, userId: actor.userId, kind: 'unmask', customerId, unitId, reason });
}

/** The unit an export is logged (and approved) at: its filter's unit, else the exporter's widest. */
async function exportUnit(db: Db, actor: Actor, query: { unitId?: string | undefined }): Promise<string> {
  if (query.unitId) return query.unitId;
  const roots = scopeOf(actor, 'customers.read');
  const units = await Promise.all(roots.map((id) => findUnit(db, id)));
  const widest = units.filter((u) => u !== undefined).sort((a, b) => a.path.length - b.path.length)[0];
  return widest?.id ?? roots[0]!;
}

/** ListExport.admit of the customer list: more rows than the limit need an approved request. */
export function admitCustomerExport(deps: Deps, _actor: Actor, _query: unknown, rows: number): void {
  const limit = deps.config.customerExportApprovalRows;
  if (rows > limit) throw accessErrors.exportNeedsApproval({ rows, limit });
}

/** ListExport.onExported of the customer list: the export's row in the access log. */
export async function logExport(
  deps: Deps,
  tx: Db,
  actor: Actor,
  e: { id: string; query: CustomersExportQuery; rows: number; reason: string | undefined },
  exportRequestId: string | null = null,
): Promise<void> {
  const now = deps.clock.now();
  await tx.insert(customerAccessLog).values({
    at: now,
    lastAt: now,
    userId: actor.userId,
    kind: 'export',
    unitId: await exportUnit(tx, actor, e.query),
    reason: e.reason ?? null,
    rows: e.rows,
    exportId: exportRequestId ?? e.id,
    filter: e.query,
  });
}

type ExportRow = typeof customerExports.$inferSelect;

function presentExport(row: ExportRow, requesterName: string | null) {
  return {
    id: row.id,
    unitId: row.unitId,
    requestedBy: { id: row.requestedBy, displayName: requesterName ?? '' },
    requestedAt: row.requestedAt.toISOString(),
    filter: row.filter,
    reason: row.reason,
    rows: row.rows,
    status: row.status,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    downloads: row.downloads,
  };
}

/**
 * POST /customers/exports: asks for an export above the approval limit. The rows are counted with the
 * list's own scoped read; the request goes to the approval engine at the export's unit.
 */
export async function requestCustomerExport(
  deps: Deps,
  actor: Actor,
  input: { filter: CustomersExportQuery; reason: string },
  definition: { open: (deps: Deps, actor: Actor, q: CustomersExportQuery) => Promise<{ total: number }> },
) {
  if (scopeRoots(actor.grants, 'customers.read').length === 0)
    throw authErrors.forbidden({ permission: 'customers.read' });
  const { total } = await definition.open(deps, actor, input.filter);
  if (total <= deps.config.customerExportApprovalRows)
    throw accessErrors.exportSmall({ rows: total, limit: deps.config.customerExportApprovalRows });
  const unitId = await exportUnit(deps.db, actor, input.filter);
  const now = deps.clock.now();
  const id = crypto.randomUUID();
  const row = await deps.db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(customerExports)
      .values({
        id,
        unitId,
        requestedBy: actor.userId,
        requestedAt: now,
        filter: input.filter,
        reason: input.reason,
        rows: total,
        status: 'pending',
      })
      .returning();
    await recordAudit(tx, now, actor, {
      action: 'customer_export.requested',
      subjectType: CUSTOMER_EXPORT_SUBJECT,
      subjectId: id,
      unitId,
      after: inserted,
    });
    await openApproval(deps, tx, actor, {
      subjectType: CUSTOMER_EXPORT_SUBJECT,
      subjectId: id,
      kind: 'customer_export',
      unitId,
      title: `导出客户资料 ${total} 条：${input.reason}`,
      amountFen: null,
    });
    return inserted!;
  });
  return presentExport(row, actor.displayName);
}

/** The caller's own export requests, newest first; with customers.access.review, everyone's in scope. */
export async function listCustomerExports(
  deps: Deps,
  actor: Actor,
  query: { mine?: boolean | undefined; page: number; pageSize: number },
) {
  const reviewRoots = scopeRoots(actor.grants, 'customers.access.review');
  const where =
    query.mine || reviewRoots.length === 0
      ? eq(customerExports.requestedBy, actor.userId)
      : inArray(
          customerExports.unitId,
          deps.db
            .select({ id: organisationUnits.id })
            .from(organisationUnits)
            .where(unitsWithin(reviewRoots)),
        );
  const [total] = await deps.db.select({ n: count() }).from(customerExports).where(where);
  const rows = await deps.db
    .select({ row: customerExports, name: users.displayName })
    .from(customerExports)
    .leftJoin(users, eq(users.id, customerExports.requestedBy))
    .where(where)
    .orderBy(desc(customerExports.requestedAt))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { items: rows.map((r) => presentExport(r.row, r.name)), total: total?.n ?? 0 };
}

/** The approved export's workbook, for its requester only; every download is logged (CUS-3). */
export async function prepareApprovedExport<Row>(
  deps: Deps,
  actor: Actor,
  id: string,
  definition: ListExport<CustomersExportQuery, Row>,
): Promise<{ prepared: PreparedListExport; row: ExportRow }> {
  const [row] = await deps.db.select().from(customerExports).where(eq(customerExports.id, id));
  if (!row || row.requestedBy !== actor.userId) throw accessErrors.exportNotFound();
  if (row.status !== 'approved') throw accessErrors.exportNotApproved({ status: row.status });
  const approved = {
    ...definition,
    // Approved: the limit no longer applies; the download is logged against the request.
    admit: undefined,
    onExported: (d: Deps, tx: Db, a: Actor, e: Parameters<NonNullable<typeof definition.onExported>>[3]) =>
      logExport(d, tx, a, e, row.id),
  };
  const prepared = await prepareListExport(
    deps,
    actor,
    approved,
    row.filter as CustomersExportQuery,
    row.reason,
  );
  await deps.db
    .update(customerExports)
    .set({ downloads: sql`${customerExports.downloads} + 1` })
    .where(eq(customerExports.id, row.id));
  return { prepared, row };
}

async function decide(
  deps: Deps,
  tx: Db,
  request: ApprovalRow,
  actor: Actor,
  status: 'approved' | 'sent_back',
) {
  const now = deps.clock.now();
  const [before] = await tx.select().from(customerExports).where(eq(customerExports.id, request.subjectId));
  if (!before) return;
  const [after] = await tx
    .update(customerExports)
    .set({ status, decidedAt: now })
    .where(eq(customerExports.id, request.subjectId))
    .returning();
  await recordAudit(tx, now, actor, {
    action: status === 'approved' ? 'customer_export.approved' : 'customer_export.sent_back',
    subjectType: CUSTOMER_EXPORT_SUBJECT,
    subjectId: request.subjectId,
    unitId: before.unitId,
    before,
    after,
  });
}

/** The approval engine calls back when an export request is decided. */
export function registerCustomerExportApproval(): void {
  registerApprovalSubject(CUSTOMER_EXPORT_SUBJECT, {
    onApproved: (deps, tx, request, actor) => decide(deps, tx, request, actor, 'approved'),
    onSentBack: (deps, tx, request, actor) => decide(deps, tx, request, actor, 'sent_back'),
  });
}

export interface AccessQuery {
  userId?: string | undefined;
  customerId?: string | undefined;
  kind?: AccessKind | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  page: number;
  pageSize: number;
}

/** The archive keeper's review (CUS-3): access rows at units where they hold customers.access.review. */
export async function listAccess(deps: Deps, actor: Actor, query: AccessQuery) {
  const roots = scopeOf(actor, 'customers.access.review');
  if (query.customerId) {
    const [c] = await deps.db
      .select({ path: organisationUnits.path })
      .from(customers)
      .innerJoin(organisationUnits, eq(organisationUnits.id, customers.unitId))
      .where(eq(customers.id, query.customerId));
    if (!c || !can(actor.grants, 'customers.access.review', c.path)) throw customerErrors.notFound();
  }
  const where: SQL | undefined = and(
    inArray(
      customerAccessLog.unitId,
      deps.db.select({ id: organisationUnits.id }).from(organisationUnits).where(unitsWithin(roots)),
    ),
    query.userId ? eq(customerAccessLog.userId, query.userId) : undefined,
    query.customerId ? eq(customerAccessLog.customerId, query.customerId) : undefined,
    query.kind ? eq(customerAccessLog.kind, query.kind) : undefined,
    query.from ? gte(customerAccessLog.lastAt, query.from) : undefined,
    query.to ? lte(customerAccessLog.at, query.to) : undefined,
  );
  const [total] = await deps.db.select({ n: count() }).from(customerAccessLog).where(where);
  const rows = await deps.db
    .select({
      entry: customerAccessLog,
      userName: users.displayName,
      customerName: customers.name,
      unitName: organisationUnits.name,
    })
    .from(customerAccessLog)
    .leftJoin(users, eq(users.id, customerAccessLog.userId))
    .leftJoin(customers, eq(customers.id, customerAccessLog.customerId))
    .leftJoin(organisationUnits, eq(organisationUnits.id, customerAccessLog.unitId))
    .where(where)
    .orderBy(desc(customerAccessLog.at), desc(customerAccessLog.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return {
    total: total?.n ?? 0,
    items: rows.map(({ entry, userName, customerName, unitName }) => ({
      id: entry.id,
      at: entry.at.toISOString(),
      lastAt: entry.lastAt.toISOString(),
      times: entry.times,
      kind: entry.kind,
      user: { id: entry.userId, displayName: userName ?? '' },
      customer: entry.customerId ? { id: entry.customerId, name: customerName ?? '' } : null,
      unit: { id: entry.unitId, name: unitName ?? '' },
      reason: entry.reason,
      rows: entry.rows,
      exportId: entry.exportId,
    })),
  };
}
