import { normalizePhone } from './phone';

/**
 * CUS-2: before an identity change applies, customer service checks the customer's identity
 * against the record — the ID number, a phone number on file or the room number — and writes down
 * which proof it checked. Pure: the record's values are passed in.
 */
export type ProofKind = 'id_number' | 'phone' | 'room';

export interface ProofRecord {
  identityNumber: string | null;
  /** Normalized phone numbers on file. */
  phones: readonly string[];
  /** Room numbers of the customer's houses (and the identity number, which may hold a room). */
  rooms: readonly (string | null)[];
}

/** ID numbers compare without spaces and with the check letter in upper case. */
export function normalizeIdNumber(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** Room numbers compare without spaces, with every dash as '-', case-insensitively ('3－1201' = '3-1201'). */
export function normalizeRoom(value: string): string {
  return value
    .replace(/\s+/g, '')
    .replace(/[－—–‐_]/g, '-')
    .toLowerCase();
}

/** True when the value the customer gave for this proof matches the record. */
export function proofMatches(kind: ProofKind, given: string, record: ProofRecord): boolean {
  if (given.trim() === '') return false;
  switch (kind) {
    case 'id_number':
      return (
        record.identityNumber !== null &&
        normalizeIdNumber(given) === normalizeIdNumber(record.identityNumber)
      );
    case 'phone': {
      const phone = normalizePhone(given);
      return phone.ok && record.phones.includes(phone.normalized);
    }
    case 'room': {
      const room = normalizeRoom(given);
      return [...record.rooms, record.identityNumber].some((r) => r !== null && normalizeRoom(r) === room);
    }
  }
}
