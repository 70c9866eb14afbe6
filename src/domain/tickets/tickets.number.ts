import { TicketError } from './tickets.errors';

// Building a formatter costs far more than using one; a handful of time zones are ever in use.
const DATE_FORMATS = new Map<string, Intl.DateTimeFormat>();

/** Calendar date (YYYY-MM-DD) of an instant in a time zone: the day a ticket number belongs to. */
export function localDateOf(at: Date, timeZone: string): string {
  let format = DATE_FORMATS.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    DATE_FORMATS.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * Ticket number: 'T' + local date + the unit's daily sequence padded to 5 digits, e.g.
 * T2026030100012. A 100,000th ticket of a day gets 6 digits rather than failing an intake.
 */
export function formatTicketNumber(localDate: string, sequence: number): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(localDate) || !Number.isInteger(sequence) || sequence < 1) {
    throw new TicketError(
      'tickets.invalid_number_input',
      500,
      '工单编号参数无效',
      `Cannot number a ticket with ${localDate} / ${sequence}`,
    );
  }
  return `T${localDate.replaceAll('-', '')}${String(sequence).padStart(5, '0')}`;
}
