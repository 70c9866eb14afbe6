import { CalendarError, MAX_DAY_RANGE } from '../../../domain/calendar';
import { AppError, commonErrors, defineError } from '../../app/errors';

export const calendarErrors = {
  unitNotFound: commonErrors.unitNotFound,
  yearOutOfRange: defineError(
    'calendar.date_out_of_range',
    422,
    '年份须在 1970–2200 之间',
    'The year must be within 1970–2200',
  ),
  rangeReversed: defineError(
    'calendar.range_reversed',
    400,
    '结束日期不能早于开始日期',
    'The range ends before it starts',
  ),
  rangeTooLong: defineError(
    'calendar.range_too_long',
    400,
    `一次最多查询 ${MAX_DAY_RANGE} 天`,
    `At most ${MAX_DAY_RANGE} days at a time`,
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
