/**
 * Chinese phone numbers as people really type them (IN-3): one canonical digit string per number,
 * so a customer is found whether the number was written '+86 138-1234-5678', '0086 13812345678'
 * or with full-width digits pasted from a chat window.
 */

export type PhoneKind = 'mobile' | 'landline' | 'service';

export interface NormalizedPhone {
  /** Digits only, without the country code; landlines keep their area code with the leading 0. */
  normalized: string;
  kind: PhoneKind;
  /** How the number is shown: '138 1234 5678', '021-6432 1234', '400-820-1234'. */
  display: string;
}

export type PhoneProblem = 'empty' | 'invalid_characters' | 'foreign_number' | 'not_a_phone_number';

export type PhoneResult = ({ ok: true } & NormalizedPhone) | { ok: false; problem: PhoneProblem };

const SEPARATORS = /[\s\-.()·—–_/]/g;

/** Full-width digits, plus, parentheses, dash and ideographic space → their ASCII forms. */
function toHalfWidth(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/** Removes +86 / 0086 / 86 in front of a number long enough to carry a country code. */
function withoutCountryCode(digits: string, hadPlus: boolean): string | null {
  if (hadPlus) return digits.startsWith('86') ? digits.slice(2) : null;
  if (digits.startsWith('0086')) return digits.slice(4);
  // A bare 86 is only a country code when what follows is a whole mobile or area-code number.
  if (digits.startsWith('86') && digits.length >= 12 && digits.length <= 14) return digits.slice(2);
  return digits;
}

const MOBILE = /^1[3-9]\d{9}$/;
const SERVICE = /^(400|800)\d{7}$/;
/** Beijing (010) and the 02x cities have 3-digit area codes and 8-digit local numbers. */
const LANDLINE_SHORT_AREA = /^(010|02\d)([2-9]\d{7})$/;
/** Other cities: 4-digit area code, 7- or 8-digit local number. */
const LANDLINE_LONG_AREA = /^(0[3-9]\d{2})([2-9]\d{6,7})$/;

function groupLocal(local: string): string {
  return local.length === 8
    ? `${local.slice(0, 4)} ${local.slice(4)}`
    : `${local.slice(0, 3)} ${local.slice(3)}`;
}

/** Classifies digits already stripped of separators and the country code. */
function classify(digits: string): NormalizedPhone | null {
  // Calling a mobile from another city used to need a leading 0; people still write it.
  const mobile = /^01[3-9]\d{9}$/.test(digits) ? digits.slice(1) : digits;
  if (MOBILE.test(mobile)) {
    return {
      normalized: mobile,
      kind: 'mobile',
      display: `${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`,
    };
  }
  if (SERVICE.test(digits)) {
    return {
      normalized: digits,
      kind: 'service',
      display: `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`,
    };
  }
  // International spelling drops the trunk 0 of the area code: +86 21 6432 1234.
  const landline = digits.startsWith('0') ? digits : `0${digits}`;
  const match = LANDLINE_SHORT_AREA.exec(landline) ?? LANDLINE_LONG_AREA.exec(landline);
  if (match)
    return { normalized: landline, kind: 'landline', display: `${match[1]}-${groupLocal(match[2]!)}` };
  return null;
}

/** Normalizes a mainland mobile, landline (with area code) or 400/800 number, or says why not. */
export function normalizePhone(input: string): PhoneResult {
  const text = toHalfWidth(input).trim();
  if (text === '') return { ok: false, problem: 'empty' };
  const compact = text.replace(SEPARATORS, '');
  const hadPlus = compact.startsWith('+');
  const digits = hadPlus ? compact.slice(1) : compact;
  if (!/^\d+$/.test(digits)) return { ok: false, problem: 'invalid_characters' };
  const national = withoutCountryCode(digits, hadPlus);
  if (national === null) return { ok: false, problem: 'foreign_number' };
  const phone = classify(national);
  return phone ? { ok: true, ...phone } : { ok: false, problem: 'not_a_phone_number' };
}

/**
 * The digits to look for when someone searches by part of a number ('5678', '138 1234'), or null
 * when the text is not number-like. A full number is normalized first so '+86 138…' matches.
 */
export function phoneSearchDigits(query: string): string | null {
  const text = toHalfWidth(query).trim();
  const compact = text.replace(SEPARATORS, '');
  if (!/^\+?\d+$/.test(compact)) return null;
  const full = normalizePhone(text);
  if (full.ok) return full.normalized;
  const digits = compact.replace(/^\+/, '');
  if (compact.startsWith('+86')) return digits.slice(2);
  if (digits.startsWith('0086')) return digits.slice(4);
  return digits;
}

/** CUS-4: 138****5678 for mobiles; landlines keep their area code and last 4 (021-****1234). */
export function maskPhone(normalized: string): string {
  const phone = classify(normalized);
  if (phone?.kind === 'mobile') return `${normalized.slice(0, 3)}****${normalized.slice(-4)}`;
  if (phone?.kind === 'landline') {
    const area = phone.display.split('-')[0]!;
    return `${area}-****${normalized.slice(-4)}`;
  }
  if (phone?.kind === 'service') return `${normalized.slice(0, 3)}-***-${normalized.slice(-4)}`;
  return normalized.length > 4 ? `${'*'.repeat(normalized.length - 4)}${normalized.slice(-4)}` : '****';
}

/** CUS-4 for a number as someone typed it: normalised first when it is one, else all but the last 4 hidden. */
export function maskTypedPhone(typed: string): string {
  const phone = normalizePhone(typed);
  if (phone.ok) return maskPhone(phone.normalized);
  const digits = typed.replace(/\D/g, '');
  return digits.length > 4 ? `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}` : '****';
}

/**
 * CUS-4: an ID card number keeps its first 6 (region) and last 4 characters; shorter numbers (room,
 * plate) keep their first and last two, so a colleague can still recognise the record.
 */
export function maskIdentityNumber(value: string): string {
  const n = value.length;
  if (n >= 15) return `${value.slice(0, 6)}${'*'.repeat(n - 10)}${value.slice(-4)}`;
  if (n >= 7) return `${value.slice(0, 2)}${'*'.repeat(n - 4)}${value.slice(-2)}`;
  if (n >= 2) return `${value.slice(0, 1)}${'*'.repeat(n - 1)}`;
  return '*';
}
