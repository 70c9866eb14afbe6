/**
 * Which local dates of a calendar have no working time at all (SLA-1): what date pickers for
 * committed dates and appointments grey out. A half day or a 调休 make-up day is a working day; a
 * weekend without hours, an official holiday the unit observes or a day it closes is not.
 */
import { compileCalendar, yearBlock } from './calendar.compile';
import { calendarError } from './calendar.errors';
import type { WorkingCalendar } from './calendar.types';
import { dayFromIsoDate, isoDateFromDay, yearOfDay } from './time-zone';

/** The longest range one question may cover (a picker asks for a few months at a time). */
export const MAX_DAY_RANGE = 400;

export interface NonWorkingDay {
  /** Local date 'YYYY-MM-DD' in the calendar's zone. */
  date: string;
  /** rest: no weekly hours that weekday; holiday: an official or unit holiday; closed: the unit closes. */
  kind: 'rest' | 'holiday' | 'closed';
  /** The holiday's or closure's name, when the calendar gives one. */
  name: string | null;
}

function dayOf(iso: string): number {
  const day = dayFromIsoDate(iso);
  if (day === undefined)
    throw calendarError('calendar.invalid_date', `日期格式不正确：${iso}`, `Not a valid date: ${iso}`, iso);
  return day;
}

/** SLA-1: the days from `from` to `to` (inclusive, local dates) without any working time. */
export function nonWorkingDays(cal: WorkingCalendar, from: string, to: string): NonWorkingDay[] {
  const first = dayOf(from);
  const last = dayOf(to);
  const cc = compileCalendar(cal);
  const out: NonWorkingDay[] = [];
  for (let day = first; day <= last; day++) {
    const block = yearBlock(cc, yearOfDay(day));
    const i = day - block.firstDay;
    // The compiled year counts working time after DST gaps and overlaps, so a period that falls
    // entirely in a skipped hour does not make the day a working day.
    if (block.workRank[i + 1]! > block.workRank[i]!) continue;
    const date = isoDateFromDay(day);
    const ex = cal.exceptions[date];
    const kind = ex?.kind === 'holiday' ? 'holiday' : ex?.kind === 'closed' ? 'closed' : 'rest';
    out.push({ date, kind, name: ex?.name ?? null });
  }
  return out;
}
