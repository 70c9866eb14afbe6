import { coordinationSheetRule, maskPhone, normalizePhone } from '../../../domain/customers';
import type { ContactRecord } from './contacts.usecases';
import type { CoordinationSheetRecord } from './coordination-sheets.usecases';
import type { CoordinationSheetRow } from './coordination-sheets.write';

export interface ContactNames {
  units: Map<string, string>;
  people: Map<string, string>;
  customers: Map<string, string>;
  tickets: Map<string, string>;
}

function displayOf(normalized: string): string {
  const parsed = normalizePhone(normalized);
  return parsed.ok ? parsed.display : normalized;
}

/** Client shape of a contact-log row; the number is masked unless `fullNumbers` (CUS-4). */
export function presentContact(
  { contact: c }: ContactRecord,
  names: ContactNames,
  fullNumbers: boolean,
  sheet: CoordinationSheetRow | null = null,
) {
  const ref = (id: string | null, map: Map<string, string>) => (id ? { id, name: map.get(id) ?? '' } : null);
  return {
    id: c.id,
    unitId: c.unitId,
    unitName: names.units.get(c.unitId) ?? '',
    customer: ref(c.customerId, names.customers),
    channel: c.channel,
    direction: c.direction,
    occurredAt: c.occurredAt.toISOString(),
    durationSeconds: c.durationSeconds,
    summary: c.summary,
    agent: ref(c.agentId, names.people),
    phoneNumber: c.phoneNumber ? (fullNumbers ? displayOf(c.phoneNumber) : maskPhone(c.phoneNumber)) : null,
    ticketId: c.ticketId,
    ticketNumber: c.ticketId ? (names.tickets.get(c.ticketId) ?? null) : null,
    callId: c.callId,
    letter: c.letterCategory
      ? {
          category: c.letterCategory,
          routedTo: ref(c.letterRoutedToUnitId, names.units),
          sender: c.sender,
          receivedOn: c.receivedOn,
          // IN-8: whether this letter gets a sheet at once, by the assistant's decision, or never.
          sheetRule: coordinationSheetRule(c.letterCategory),
          coordinationSheet: sheet
            ? {
                id: sheet.id,
                number: sheet.number,
                issuedAt: sheet.issuedAt.toISOString(),
                dueAt: sheet.dueAt.toISOString(),
              }
            : null,
        }
      : null,
    createdAt: c.createdAt.toISOString(),
  };
}

/**
 * The printable coordination sheet (协调单, IN-8): everything comes from what was stored when it
 * was issued, so every print of it reads the same; only the phone's masking follows the reader.
 */
export function presentCoordinationSheet(
  { sheet, letter }: CoordinationSheetRecord,
  issuerName: string | null,
  fullNumbers: boolean,
  now: Date,
) {
  const snap = sheet.snapshot;
  return {
    id: sheet.id,
    number: sheet.number,
    contactId: letter.contact.id,
    issuedAt: sheet.issuedAt.toISOString(),
    issuedBy: sheet.issuedBy ? { id: sheet.issuedBy, name: issuerName ?? '' } : null,
    dueAt: sheet.dueAt.toISOString(),
    requestedHandling: sheet.requestedHandling,
    unit: { id: sheet.unitId, name: snap.unitName },
    responsibleUnit: { id: sheet.responsibleUnitId, name: snap.responsibleUnitName },
    letter: {
      category: snap.letterCategory,
      sender: snap.sender,
      receivedOn: snap.receivedOn,
      content: snap.content,
    },
    customer: {
      name: snap.customerName,
      phone: snap.phone ? (fullNumbers ? displayOf(snap.phone) : maskPhone(snap.phone)) : null,
      address: snap.address,
    },
    generatedAt: now.toISOString(),
    // The staff page of the sheet: the department scans it to open the letter in Kefu (REP-9's way).
    shortUrl: `/contacts/letters/${letter.contact.id}/sheet`,
  };
}
