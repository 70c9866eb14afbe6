import { eq, inArray } from 'drizzle-orm';
import { closeOfBusinessAfterWorkingDays, localDateBounds, localDateOf } from '../../../domain/calendar';
import { can, type PermissionCode } from '../../../domain/permissions';
import {
  COMPLAINT_RECORD_TYPES,
  DEFAULT_COMPLAINT_SETTINGS,
  type ComplaintSettings,
} from '../../../domain/tickets/complaints';
import type { Db } from '../../app/db';
import { effectiveCalendar } from '../calendar/calendar.service';
import { loadGrants, type UnitRow } from '../org/org.service';
import { users } from '../org/org.table';
import { complaintErrors } from './complaints.errors';
import { complaintRecords, complaintSettings } from './complaints.table';
import type { LoadedTicket, TicketRow } from '../tickets/tickets.service';

export type ComplaintRecordRow = typeof complaintRecords.$inferSelect;

export async function findComplaintRecord(db: Db, ticketId: string): Promise<ComplaintRecordRow | undefined> {
  const [row] = await db.select().from(complaintRecords).where(eq(complaintRecords.ticketId, ticketId));
  return row;
}

/** The ticket's complaint record, made on first use (409 for types that have none). */
export async function ensureComplaintRecord(
  tx: Db,
  ticket: TicketRow,
  now: Date,
): Promise<ComplaintRecordRow> {
  const found = await findComplaintRecord(tx, ticket.id);
  if (found) return found;
  if (!COMPLAINT_RECORD_TYPES.includes(ticket.type)) throw complaintErrors.notApplicable();
  const [row] = await tx
    .insert(complaintRecords)
    .values({
      ticketId: ticket.id,
      unitId: ticket.unitId,
      receivedAt: ticket.receivedAt,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!;
}

export async function updateComplaintRecord(
  tx: Db,
  ticketId: string,
  changes: Partial<ComplaintRecordRow>,
): Promise<ComplaintRecordRow> {
  const [row] = await tx
    .update(complaintRecords)
    .set(changes)
    .where(eq(complaintRecords.ticketId, ticketId))
    .returning();
  return row!;
}

/** The unit's complaint settings: the nearest override up the tree, else the shipped defaults. */
export async function effectiveComplaintSettings(
  db: Db,
  unit: Pick<UnitRow, 'id' | 'path'>,
): Promise<ComplaintSettings & { source: 'own' | 'inherited' | 'default'; sourceUnitId: string | null }> {
  const rows = await db
    .select()
    .from(complaintSettings)
    .where(inArray(complaintSettings.unitId, [...unit.path]));
  for (let i = unit.path.length - 1; i >= 0; i--) {
    const row = rows.find((r) => r.unitId === unit.path[i]);
    if (row)
      return {
        causeAnalysisTrigger: row.causeAnalysisTrigger,
        seriousClaimThresholdFen: row.seriousClaimThresholdFen,
        clusterMinCount: row.clusterMinCount,
        clusterWindowDays: row.clusterWindowDays,
        source: row.unitId === unit.id ? 'own' : 'inherited',
        sourceUnitId: row.unitId,
      };
  }
  return { ...DEFAULT_COMPLAINT_SETTINGS, source: 'default', sourceUnitId: null };
}

/**
 * A committed date (YYYY-MM-DD, the unit's local day) as the instant the SLA counts to: close of
 * business that day, or of the next working day when it is a day off. 400 before today.
 */
export async function committedInstant(db: Db, unit: UnitRow, date: string, now: Date): Promise<Date> {
  if (date < localDateOf(now, unit.timezone)) throw complaintErrors.committedDateInPast();
  const cal = await effectiveCalendar(db, unit);
  return new Date(closeOfBusinessAfterWorkingDays(cal, localDateBounds(date, unit.timezone).from, 0));
}

/** An active person, with their grants; undefined when unknown or disabled. */
export async function activePerson(db: Db, userId: string) {
  const [person] = await db
    .select({ id: users.id, status: users.status, name: users.displayName })
    .from(users)
    .where(eq(users.id, userId));
  if (!person || person.status !== 'active') return undefined;
  return { ...person, grants: await loadGrants(db, person.id) };
}

/** True when the person may use `permission` on the ticket (its unit or its responsible department). */
export function personMayOnTicket(
  grants: Parameters<typeof can>[0],
  permission: PermissionCode,
  loaded: LoadedTicket,
): boolean {
  return (
    can(grants, permission, loaded.unit.path) ||
    (!!loaded.department && can(grants, permission, loaded.department.path))
  );
}
