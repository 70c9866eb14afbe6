import { TicketError } from './tickets.errors';

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
