import type { FastifyInstance } from 'fastify';
import { maskIdentityNumber, maskPhone, normalizePhone } from '../../domain/customers';
import { scopeRoots } from '../../domain/permissions';

/**
 * CUS-4 applied by field to every answer, whatever built it. Presenters mask per record (they know
 * its unit); this is the net under them: a person who may unmask numbers nowhere never receives a
 * full phone or ID number in any JSON body, including copies of records kept elsewhere (audit
 * rows, timelines). Fields are recognised by name; a phone-named field is masked only when its
 * value is a phone number, so an e-mail recipient or an already masked number passes unchanged.
 */
const PHONE_FIELDS = new Set([
  'phone',
  'phoneNumber',
  'contactPhone',
  // The buyer's number on an order (orders, returns) and in its audit snapshots.
  'customerPhone',
  'callerPhone',
  'callerNumber',
  'mobile',
  'recipient',
  // Phone rows as stored ({ normalized, display }) and as presented ({ number }).
  'normalized',
  'display',
  'number',
]);
const ID_FIELDS = new Set(['identityNumber']);

function maskedPhone(value: string): string {
  if (value.includes('*')) return value;
  const phone = normalizePhone(value);
  return phone.ok ? maskPhone(phone.normalized) : value;
}

// Numbers written into free text (a ticket's description, a note): a mainland mobile, spaced or
// dashed or not, and an 18-character ID number, each standing alone (not inside a longer code).
const MOBILE_IN_TEXT = /(?<![\dA-Za-z])(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})(?![\dA-Za-z])/g;
const ID_IN_TEXT = /(?<![\dA-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![\dA-Za-z])/g;

// A landline with its area code, as people write it: 021-6234 5678, 0571-88886666, (010)12345678,
// （0755）8888 6666, 021 62345678, 02162345678. Area codes are 010, 02x or 0 + three digits; the
// local part is 7 or 8 digits. Without an area code a digit run is not taken for a landline.
const LANDLINE_IN_TEXT =
  /(?<![\dA-Za-z])(?:[(（]\s*(0(?:10|2\d|[3-9]\d{2}))\s*[)）]\s*|(0(?:10|2\d|[3-9]\d{2}))[ -]?)([1-9]\d{2,3})[ -]?(\d{4})(?![\dA-Za-z])/g;

/**
 * Free text with the mobile, landline and ID numbers in it masked (138****5678, 021-****5678,
 * 310104********1234), each as CUS-4 masks the number in its own field.
 */
export function maskNumbersInText(text: string): string {
  if (!/\d{4}/.test(text)) return text;
  // Ids and instants are most of the strings in an answer; neither is ever masked.
  if ((text.length === 36 && UUID_EXACT.test(text)) || ISO_INSTANT_EXACT.test(text)) return text;
  // An id (a UUID) is never a number to mask, though its dashed digit groups can read as a
  // landline ("04341234-4466" as 0434-1234 4466): the text between the ids is masked, the ids kept.
  if (UUID_IN_TEXT.test(text)) {
    const ids = text.match(UUID_IN_TEXT_ALL)!;
    return text
      .split(UUID_IN_TEXT_ALL)
      .map((part, i) => maskNumbersInPlainText(part) + (ids[i] ?? ''))
      .join('');
  }
  return maskNumbersInPlainText(text);
}

const UUID_IN_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const UUID_IN_TEXT_ALL = new RegExp(UUID_IN_TEXT.source, 'gi');
const UUID_EXACT = new RegExp(`^${UUID_IN_TEXT.source}$`, 'i');
const ISO_INSTANT_EXACT =
  /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

function maskNumbersInPlainText(text: string): string {
  return text
    .replace(ID_IN_TEXT, '$1********$2')
    .replace(MOBILE_IN_TEXT, '$1****$3')
    .replace(
      LANDLINE_IN_TEXT,
      (_m, bracketed: string | undefined, plain: string | undefined, _local: string, last: string) =>
        `${bracketed ?? plain}-****${last}`,
    );
}

/** A copy of `value` with every phone- or ID-number field, and such numbers in free text, masked (CUS-4). */
export function maskNumbersByField(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskNumbersByField);
  if (typeof value === 'string') return maskNumbersInText(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === 'string' && PHONE_FIELDS.has(key)) out[key] = maskedPhone(v);
    else if (typeof v === 'string' && ID_FIELDS.has(key))
      out[key] = v.includes('*') ? v : maskIdentityNumber(v);
    else if (typeof v === 'string') out[key] = maskNumbersInText(v);
    else out[key] = maskNumbersByField(v);
  }
  return out;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route shows full numbers to people the use case picked on purpose (the technician on
     * their own order, the agent who owes the call-back); the reason is written down.
     */
    revealsNumbers?: string;
  }
}

/** Masks every session-carrying API answer of a person without `customers.phone.unmask` anywhere. */
export function registerResponseMasking(app: FastifyInstance): void {
  app.addHook('preSerialization', async (req, _reply, payload) => {
    const session = req.kefuSession;
    if (!session || req.routeOptions.config?.revealsNumbers) return payload;
    if (scopeRoots(session.actor.grants, 'customers.phone.unmask').length > 0) return payload;
    return maskNumbersByField(payload);
  });
}
