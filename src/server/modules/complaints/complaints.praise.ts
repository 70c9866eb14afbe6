/** CMP-9: praise is registered against the praised employee, who and whose department are told; it counts per employee. */
import { and, count, desc, eq, gte, lte, sql } from 'drizzle-orm';
import { can } from '../../../domain/permissions';
import type { Actor, Deps } from '../../app/context';
import { recordAudit } from '../audit/audit.service';
import { findUnit, membershipsOf, nearestRoleHolders, unitsWithin, displayNames } from '../org/org.service';
import { organisationUnits } from '../org/org.table';
import { createNotifications } from '../notifications/notifications.service';
import { complaintErrors } from './complaints.errors';
import { activePerson } from './complaints.repository';
import { saveTicket, onLockedTicket, addEvent } from '../tickets/tickets.service';
import { praiseRecords } from './complaints.table';
import { ticketErrors } from '../tickets/tickets.errors';

/** Registers the praised employee on a praise ticket; the employee and their department head are notified. */
export async function registerPraise(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { employeeId: string; departmentId?: string | null | undefined },
): Promise<void> {
  await onLockedTicket(deps, actor, id, 'tickets.manage', async (tx, loaded, now) => {
    if (loaded.ticket.type !== 'praise') throw complaintErrors.notPraise();
    const employee = await activePerson(tx, input.employeeId);
    if (!employee) throw complaintErrors.employeeNotFound();
    // Their department: the one named, else the deepest unit the employee holds a role in.
    const departmentId =
      input.departmentId ?? (await membershipsOf(tx, [employee.id])).get(employee.id)?.at(-1)?.unitId ?? null;
    const department = departmentId ? await findUnit(tx, departmentId) : undefined;
    if (departmentId && !department) throw complaintErrors.departmentNotFound();
    const inserted = await tx
      .insert(praiseRecords)
      .values({
        ticketId: id,
        employeeId: employee.id,
        departmentId: department?.id ?? null,
        unitId: loaded.ticket.unitId,
        receivedAt: loaded.ticket.receivedAt,
        createdBy: actor.userId,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) return; // already registered: nothing new to tell anyone
    const heads = department
      ? await nearestRoleHolders(tx, department.path, ['department_head', 'store_manager'])
      : [];
    const recipients = [...new Set([employee.id, ...heads])];
    await createNotifications(
      tx,
      recipients.map((recipientId) => ({
        recipientId,
        kind: 'praise' as const,
        subjectType: 'ticket',
        subjectId: id,
        payload: {
          number: loaded.ticket.number,
          employeeId: employee.id,
          employeeName: employee.name,
          subject: loaded.ticket.subject,
        },
        createdAt: now,
      })),
    );
    await addEvent(tx, {
      ticketId: id,
      type: 'praise_registered',
      actorId: actor.userId,
      at: now,
      body: { employeeId: employee.id, departmentId: department?.id ?? null, notified: recipients },
    });
    await saveTicket(tx, id, { updatedAt: now });
    await recordAudit(tx, now, actor, {
      action: 'complaints.praise_registered',
      subjectType: 'ticket',
      subjectId: id,
      unitId: loaded.unit.id,
      after: { employeeId: employee.id, departmentId: department?.id ?? null },
    });
  });
}

/** Praise per employee for tickets of a unit and the units below it, received in [from, to]. */
export async function praiseSummary(
  deps: Deps,
  actor: Actor,
  q: { unitId: string; from?: string | undefined; to?: string | undefined },
) {
  const unit = await findUnit(deps.db, q.unitId);
  if (!unit || !can(actor.grants, 'tickets.read', unit.path)) throw ticketErrors.unitNotFound();
  const rows = await deps.db
    .select({ employeeId: praiseRecords.employeeId, count: count() })
    .from(praiseRecords)
    .where(
      and(
        sql`${praiseRecords.unitId} in (select ${organisationUnits.id} from ${organisationUnits} where ${unitsWithin([unit.id])})`,
        q.from ? gte(praiseRecords.receivedAt, new Date(q.from)) : undefined,
        q.to ? lte(praiseRecords.receivedAt, new Date(q.to)) : undefined,
      ),
    )
    .groupBy(praiseRecords.employeeId)
    .orderBy(desc(count()));
  const names = await displayNames(
    deps.db,
    rows.map((r) => r.employeeId),
  );
  return rows.map((r) => ({
    employee: { id: r.employeeId, name: names.get(r.employeeId) ?? '' },
    count: Number(r.count),
  }));
}

/** The employees praised on one ticket. */
export async function praiseOf(deps: Deps, ticketId: string) {
  const rows = await deps.db.select().from(praiseRecords).where(eq(praiseRecords.ticketId, ticketId));
  return rows;
}
