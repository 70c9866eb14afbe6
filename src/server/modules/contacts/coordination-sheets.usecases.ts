/**
 * IN-8 coordination sheets (协调单): a complaint letter's sheet is opened by the customer-centre
 * assistant; any sheet is read back for printing, the same sheet every time.
 */
import { eq, inArray } from 'drizzle-orm';
import { coordinationSheetRule } from '../../../domain/customers';
import type { Actor, Deps } from '../../app/context';
import { assertCan, findUnit } from '../org/org.service';
import { contactErrors } from './contacts.errors';
import { coordinationSheets } from './contacts.table';
import { getContact, type ContactRecord } from './contacts.usecases';
import {
  draftSheet,
  isSecondSheet,
  writeSheet,
  type CoordinationSheetRow,
  type SheetChoice,
} from './coordination-sheets.write';

export interface CoordinationSheetRecord {
  sheet: CoordinationSheetRow;
  letter: ContactRecord;
}

/**
 * IN-8: the assistant opens a tracked coordination sheet for a complaint letter (or for a service
 * report registered before sheets existed). Praise and other business letters never get one; a
 * letter gets at most one — printing again reprints it.
 */
export async function issueCoordinationSheet(
  deps: Deps,
  actor: Actor,
  contactId: string,
  choice: SheetChoice,
): Promise<CoordinationSheetRecord> {
  const letter = await getContact(deps, actor, contactId);
  assertCan(actor, 'contacts.manage', letter.unitPath, contactErrors.notFound);
  const c = letter.contact;
  const category = c.channel === 'letter' ? c.letterCategory : null;
  if (!category || coordinationSheetRule(category) === 'never')
    throw contactErrors.coordinationSheetNotApplicable({ letterCategory: category });
  const [existing] = await deps.db
    .select({ number: coordinationSheets.number })
    .from(coordinationSheets)
    .where(eq(coordinationSheets.contactId, c.id));
  if (existing) throw contactErrors.coordinationSheetExists({ number: existing.number });
  const unit = await findUnit(deps.db, c.unitId);
  if (!unit) throw contactErrors.unitNotFound();
  if (choice.responsibleUnitId) {
    const responsible = await findUnit(deps.db, choice.responsibleUnitId);
    if (!responsible) throw contactErrors.unitNotFound();
    assertCan(actor, 'contacts.read', responsible.path, contactErrors.unitNotFound);
  }
  const draft = await draftSheet(
    deps,
    actor,
    {
      unit,
      category: category as 'service_report' | 'complaint',
      summary: c.summary,
      sender: c.sender,
      receivedOn: c.receivedOn,
      customerId: c.customerId,
      phone: c.phoneNumber,
      routedToUnitId: c.letterRoutedToUnitId,
    },
    choice,
  );
  try {
    const sheet = await deps.db.transaction((tx) => writeSheet(tx, deps.clock.now(), actor, c.id, draft));
    return { sheet, letter };
  } catch (err) {
    // Two assistants clicking at once: the second meets the one-sheet-per-letter index.
    if (isSecondSheet(err)) throw contactErrors.coordinationSheetExists();
    throw err;
  }
}

/** The letter's sheet as issued, for the print page; 404 when none was issued. */
export async function getCoordinationSheet(
  deps: Deps,
  actor: Actor,
  contactId: string,
): Promise<CoordinationSheetRecord> {
  const letter = await getContact(deps, actor, contactId);
  const [sheet] = await deps.db
    .select()
    .from(coordinationSheets)
    .where(eq(coordinationSheets.contactId, contactId));
  if (!sheet) throw contactErrors.coordinationSheetNotFound();
  return { sheet, letter };
}

/** The sheets of a page of contacts, by contact id, for the letter register. */
export async function sheetsOfContacts(
  deps: Deps,
  contactIds: string[],
): Promise<Map<string, CoordinationSheetRow>> {
  if (contactIds.length === 0) return new Map();
  const rows = await deps.db
    .select()
    .from(coordinationSheets)
    .where(inArray(coordinationSheets.contactId, contactIds));
  return new Map(rows.map((r) => [r.contactId, r]));
}
