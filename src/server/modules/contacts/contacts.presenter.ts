import { maskPhone, normalizePhone } from '../../../domain/customers';
import type { ContactRecord } from './contacts.usecases';

export interface ContactNames {
  units: Map<string, string>;
  people: Map<string, string>;
  customers: Map<string, string>;
}

function displayOf(normalized: string): string {
  const parsed = normalizePhone(normalized);
  return parsed.ok ? parsed.display : normalized;
}

/** Client shape of a contact-log row; the number is masked unless `fullNumbers` (CUS-4). */
export function presentContact({ contact: c }: ContactRecord, names: ContactNames, fullNumbers: boolean) {
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
    callId: c.callId,
    letter: c.letterCategory
      ? {
          category: c.letterCategory,
          routedTo: ref(c.letterRoutedToUnitId, names.units),
          sender: c.sender,
          receivedOn: c.receivedOn,
        }
      : null,
    createdAt: c.createdAt.toISOString(),
  };
}
