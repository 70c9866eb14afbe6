/**
 * IN-8: drafting and writing a coordination sheet (协调单). Split from the use cases so the letter
 * register can issue a service report's sheet inside its own transaction.
 */
import { sql } from 'drizzle-orm';
import { closeOfBusinessAfterWorkingDays, localDateOf } from '../../../domain/calendar';
import {
  COORDINATION_SHEET_DEFAULT_REQUEST,
  COORDINATION_SHEET_DEFAULT_WORKING_DAYS,
  formatCoordinationSheetNumber,
} from '../../../domain/customers';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { recordAudit } from '../audit/audit.service';
import { effectiveCalendar } from '../calendar/calendar.service';
import { getCustomer } from '../customers/customers.service';
import { findUnit, type UnitRow } from '../org/org.service';
import { contactErrors } from './contacts.errors';
import {
  coordinationSheetCounters,
  coordinationSheets,
  type CoordinationSheetSnapshot,
} from './contacts.table';

export type CoordinationSheetRow = typeof coordinationSheets.$inferSelect;

/** The letter a sheet is drafted from, as registered. */
export interface SheetLetter {
  unit: UnitRow;
  category: 'service_report' | 'complaint';
  summary: string;
  sender: string | null;
  receivedOn: string | null;
  customerId: string | null;
  phone: string | null;
  routedToUnitId: string | null;
}

/** What the assistant may set; anything left out takes the default. */
export interface SheetChoice {
  responsibleUnitId?: string | undefined;
  requestedHandling?: string | undefined;
  dueAt?: Date | undefined;
}

export interface SheetDraft {
  unitId: string;
  localDate: string;
  responsibleUnitId: string;
  requestedHandling: string;
  dueAt: Date;
  snapshot: CoordinationSheetSnapshot;
}

/**
 * Reads everything a sheet prints before the writing transaction: the responsible department
 * (the letter's routing unless the assistant names another), its deadline in that department's
 * working calendar (SLA-2 arithmetic), and the customer's name, phone and address as they are now.
 */
export async function draftSheet(
  deps: Deps,
  actor: Actor,
  letter: SheetLetter,
  choice: SheetChoice,
): Promise<SheetDraft> {
  const now = deps.clock.now();
  const responsibleId = choice.responsibleUnitId ?? letter.routedToUnitId ?? letter.unit.id;
  const responsible = responsibleId === letter.unit.id ? letter.unit : await findUnit(deps.db, responsibleId);
  if (!responsible) throw contactErrors.unitNotFound();
  if (choice.dueAt && choice.dueAt.getTime() <= now.getTime()) throw contactErrors.coordinationDueInPast();
  const dueAt =
    choice.dueAt ??
    new Date(
      closeOfBusinessAfterWorkingDays(
        await effectiveCalendar(deps.db, responsible),
        now,
        COORDINATION_SHEET_DEFAULT_WORKING_DAYS,
      ),
    );
  const customer = letter.customerId ? await getCustomer(deps, actor, letter.customerId) : null;
  const primary = <T extends { isPrimary: boolean }>(rows: T[]) => rows.find((r) => r.isPrimary) ?? rows[0];
  return {
    unitId: letter.unit.id,
    localDate: localDateOf(now, letter.unit.timezone),
    responsibleUnitId: responsible.id,
    requestedHandling: choice.requestedHandling?.trim() || COORDINATION_SHEET_DEFAULT_REQUEST,
    dueAt,
    snapshot: {
      letterCategory: letter.category,
      sender: letter.sender,
      receivedOn: letter.receivedOn,
      content: letter.summary,
      customerName: customer?.customer.name ?? null,
      phone: letter.phone ?? (customer ? (primary(customer.phones)?.normalized ?? null) : null),
      address: customer ? (primary(customer.addresses)?.address ?? null) : null,
      unitName: letter.unit.name,
      responsibleUnitName: responsible.name,
    },
  };
}

/** True when the error is the one-sheet-per-letter index refusing a second sheet. */
export function isSecondSheet(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const source = e.cause ?? e;
  return source.code === '23505' && (source.constraint ?? '').includes('contact_key');
}

/** Numbers and writes the sheet with its audit row, inside the caller's transaction. */
export async function writeSheet(
  tx: Db,
  now: Date,
  actor: Actor,
  contactId: string,
  draft: SheetDraft,
): Promise<CoordinationSheetRow> {
  // The counter row stays locked until the letter's transaction ends, so numbers have no gaps.
  const [counter] = await tx
    .insert(coordinationSheetCounters)
    .values({ unitId: draft.unitId, localDate: draft.localDate, lastValue: 1 })
    .onConflictDoUpdate({
      target: [coordinationSheetCounters.unitId, coordinationSheetCounters.localDate],
      set: { lastValue: sql`${coordinationSheetCounters.lastValue} + 1` },
    })
    .returning({ value: coordinationSheetCounters.lastValue });
  const [sheet] = await tx
    .insert(coordinationSheets)
    .values({
      contactId,
      unitId: draft.unitId,
      number: formatCoordinationSheetNumber(draft.localDate, counter!.value),
      responsibleUnitId: draft.responsibleUnitId,
      requestedHandling: draft.requestedHandling,
      dueAt: draft.dueAt,
      snapshot: draft.snapshot,
      issuedAt: now,
      issuedBy: actor.userId,
    })
    .returning();
  await recordAudit(tx, now, actor, {
    action: 'contact.coordination_sheet_issued',
    subjectType: 'contact',
    subjectId: contactId,
    unitId: draft.unitId,
    after: { ...sheet!, snapshot: { ...sheet!.snapshot, phone: sheet!.snapshot.phone ? '(masked)' : null } },
  });
  return sheet!;
}
