/** CMP-8: complaints that share a product and cause within a period are raised as a cluster, once. */
import { and, eq, gte, inArray, isNotNull, lte } from 'drizzle-orm';
import { clusterKey, clusterWindow } from '../../../domain/tickets/complaints';
import type { Db } from '../../app/db';
import { recordAudit } from '../audit/audit.service';
import { findUnit, nearestRoleHolders } from '../org/org.service';
import { createNotifications } from '../notifications/notifications.service';
import { effectiveComplaintSettings, type ComplaintRecordRow } from './complaints.repository';
import { complaintClusters, complaintRecords } from './complaints.table';
import type { LoadedTicket } from '../tickets/tickets.service';
import { tickets } from '../tickets/tickets.table';

const DAY_MS = 86_400_000;

/** The responsible department's head, else the unit's customer-service supervisor or store manager. */
async function clusterRecipients(
  tx: Db,
  loaded: LoadedTicket,
  departmentId: string | null,
): Promise<string[]> {
  const department = departmentId ? await findUnit(tx, departmentId) : undefined;
  const heads = department ? await nearestRoleHolders(tx, department.path, ['department_head']) : [];
  return heads.length > 0
    ? heads
    : nearestRoleHolders(tx, loaded.unit.path, ['cs_supervisor', 'store_manager']);
}

/** Most frequent responsible department among the clustered tickets (null when none has one). */
async function commonDepartment(tx: Db, ticketIds: string[]): Promise<string | null> {
  const rows = await tx
    .select({ departmentId: tickets.assigneeDepartmentId })
    .from(tickets)
    .where(and(inArray(tickets.id, ticketIds), isNotNull(tickets.assigneeDepartmentId)));
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.departmentId!, (counts.get(r.departmentId!) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
}

/**
 * After a complaint's product/cause is recorded: joins the cluster whose window covers it, or
 * raises a new one when N complaints fall within D days. The unique (unit, product, cause, window
 * start) key makes a concurrent or repeated check raise it only once.
 */
export async function raiseClusterIfDue(
  tx: Db,
  loaded: LoadedTicket,
  record: ComplaintRecordRow,
  now: Date,
): Promise<void> {
  if (!record.product || !record.cause) return;
  const productKey = clusterKey(record.product);
  const causeKey = clusterKey(record.cause);
  if (!productKey || !causeKey) return;
  const at = record.receivedAt;
  const existing = await tx
    .select()
    .from(complaintClusters)
    .where(
      and(
        eq(complaintClusters.unitId, record.unitId),
        eq(complaintClusters.productKey, productKey),
        eq(complaintClusters.causeKey, causeKey),
      ),
    );
  const covering = existing.find((c) => c.windowStart <= at && at <= c.windowEnd);
  if (covering) {
    if (!covering.ticketIds.includes(record.ticketId))
      await tx
        .update(complaintClusters)
        .set({ ticketIds: [...covering.ticketIds, record.ticketId], updatedAt: now })
        .where(eq(complaintClusters.id, covering.id));
    return;
  }
  const settings = await effectiveComplaintSettings(tx, loaded.unit);
  const span = settings.clusterWindowDays * DAY_MS;
  const candidates = await tx
    .select({
      ticketId: complaintRecords.ticketId,
      receivedAt: complaintRecords.receivedAt,
      product: complaintRecords.product,
      cause: complaintRecords.cause,
    })
    .from(complaintRecords)
    .where(
      and(
        eq(complaintRecords.unitId, record.unitId),
        gte(complaintRecords.receivedAt, new Date(at.getTime() - span)),
        lte(complaintRecords.receivedAt, new Date(at.getTime() + span)),
        isNotNull(complaintRecords.product),
        isNotNull(complaintRecords.cause),
      ),
    );
  const clustered = new Set(existing.flatMap((c) => c.ticketIds));
  const same = candidates.filter(
    (c) =>
      clusterKey(c.product!) === productKey &&
      clusterKey(c.cause!) === causeKey &&
      !clustered.has(c.ticketId),
  );
  const window = clusterWindow(
    same.map((c) => c.receivedAt.getTime()),
    settings,
  );
  if (!window || at.getTime() < window.start || at.getTime() > window.end) return;
  const ticketIds = same
    .filter((c) => c.receivedAt.getTime() >= window.start && c.receivedAt.getTime() <= window.end)
    .map((c) => c.ticketId)
    .sort();
  const departmentId = await commonDepartment(tx, ticketIds);
  const recipients = await clusterRecipients(tx, loaded, departmentId);
  const [cluster] = await tx
    .insert(complaintClusters)
    .values({
      unitId: record.unitId,
      productKey,
      causeKey,
      product: record.product.trim(),
      cause: record.cause.trim(),
      windowStart: new Date(window.start),
      windowEnd: new Date(window.end),
      ticketIds,
      departmentId,
      notifiedIds: recipients,
      raisedAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!cluster) return;
  await createNotifications(
    tx,
    recipients.map((recipientId) => ({
      recipientId,
      kind: 'complaint_cluster' as const,
      subjectType: 'complaint_cluster',
      subjectId: cluster.id,
      payload: {
        product: cluster.product,
        cause: cluster.cause,
        count: ticketIds.length,
        unitId: record.unitId,
      },
      createdAt: now,
    })),
  );
  await recordAudit(tx, now, null, {
    action: 'complaints.cluster_raised',
    subjectType: 'complaint_cluster',
    subjectId: cluster.id,
    unitId: record.unitId,
    after: { product: cluster.product, cause: cluster.cause, ticketIds, departmentId, notified: recipients },
  });
}
