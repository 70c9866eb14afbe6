import { CalendarError } from '../../../domain/calendar';
import { AppError, defineError } from '../../app/errors';

export const calendarErrors = {
  unitNotFound: defineError('org.unit_not_found', 404, '找不到该组织单元', 'Organisation unit not found'),
  yearOutOfRange: defineError(
    'calendar.date_out_of_range',
    422,
    '年份须在 1970–2200 之间',
    'The year must be within 1970–2200',
  ),
};

/** Calendar-core errors keep their stable code and bilingual message on the way out (422). */
export function fromCalendarError(err: unknown): never {
  if (err instanceof CalendarError) {
    throw new AppError(
      err.code,
      err.status,
      err.messageZh,
      err.messageEn,
      err.where ? { where: err.where } : undefined,
    );
  }
  throw err;
}
