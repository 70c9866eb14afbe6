/** Stable error codes of the SLA core. */
export type SlaErrorCode = 'sla.invalid_policy' | 'sla.committed_date_missing' | 'sla.invalid_argument';

/** An SLA rule was broken; stable code, zh-CN and en messages, HTTP status for routes. */
export class SlaError extends Error {
  readonly code: SlaErrorCode;
  readonly status = 422;
  readonly messageZh: string;
  readonly messageEn: string;

  constructor(code: SlaErrorCode, messageZh: string, messageEn: string) {
    super(`${code}: ${messageEn}`);
    this.name = 'SlaError';
    this.code = code;
    this.messageZh = messageZh;
    this.messageEn = messageEn;
  }
}

/** Factory: `throw slaError(code, zh, en)`. */
export function slaError(code: SlaErrorCode, zh: string, en: string): SlaError {
  return new SlaError(code, zh, en);
}

/** Warning code callers raise (HTTP 409 when blocking) when a due date crosses a year without official holiday data. */
export const SLA_CALENDAR_MISSING_YEAR = 'sla.calendar_missing_year';
