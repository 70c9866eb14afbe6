/** Stable error codes of the ticket core; routes map them to HTTP answers with the same code. */
export type TicketErrorCode =
  | 'tickets.transition_not_allowed'
  | 'tickets.reason_required'
  | 'tickets.rectification_kind_required'
  | 'tickets.rectification_kind_not_applicable'
  | 'tickets.invalid_number_input'
  | 'tickets.answer_on_intake_not_direct';

/** A ticket rule was broken: stable code, zh-CN and en messages, HTTP status for routes. */
export class TicketError extends Error {
  readonly code: TicketErrorCode;
  readonly status: number;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly details?: unknown;

  constructor(
    code: TicketErrorCode,
    status: number,
    messageZh: string,
    messageEn: string,
    details?: unknown,
  ) {
    super(`${code}: ${messageEn}`);
    this.name = 'TicketError';
    this.code = code;
    this.status = status;
    this.messageZh = messageZh;
    this.messageEn = messageEn;
    this.details = details;
  }
}
