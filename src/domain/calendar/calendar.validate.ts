import { calendarError } from './calendar.errors';
import type { DayException, Period, WorkingCalendar } from './calendar.types';
import { WEEKDAY_KEYS } from './calendar.types';
import { dayFromIsoDate, getZone } from './time-zone';
import { WEEKDAY_ZH } from './calendar.summary';

function hhmm(min: number): string {
  const h = Math.floor(min / 60);
  const m = min % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Checks one day's periods: integers in 0..1440, start < end, no overlap. Returns total minutes. */
function checkPeriods(periods: readonly Period[] | undefined, whereEn: string, whereZh: string): number {
  if (periods === undefined) return 0;
  if (!Array.isArray(periods)) {
    throw calendarError(
      'calendar.invalid_period',
      `${whereZh}：时段必须是数组`,
      `${whereEn}: periods must be an array`,
      whereEn,
    );
  }
  let total = 0;
  periods.forEach((p, i) => {
    const ok = p && Number.isInteger(p.start) && Number.isInteger(p.end) && p.start >= 0 && p.end <= 1440;
    if (!ok) {
      throw calendarError(
        'calendar.invalid_period',
        `${whereZh} 第 ${i + 1} 个时段无效：需为 0–1440 之间的整数分钟`,
        `${whereEn}[${i}]: period must be whole minutes within 0–1440`,
        `${whereEn}[${i}]`,
      );
    }
    if (p.start >= p.end) {
      throw calendarError(
        'calendar.inverted_period',
        `${whereZh} 第 ${i + 1} 个时段 ${hhmm(p.start)}–${hhmm(p.end)} 开始不早于结束`,
        `${whereEn}[${i}]: period ${hhmm(p.start)}–${hhmm(p.end)} starts at or after its end`,
        `${whereEn}[${i}]`,
      );
    }
    total += p.end - p.start;
  });
  const sorted = [...periods].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (b.start < a.end) {
      throw calendarError(
        'calendar.overlapping_periods',
        `${whereZh}：时段 ${hhmm(a.start)}–${hhmm(a.end)} 与 ${hhmm(b.start)}–${hhmm(b.end)} 重叠`,
        `${whereEn}: periods ${hhmm(a.start)}–${hhmm(a.end)} and ${hhmm(b.start)}–${hhmm(b.end)} overlap`,
        whereEn,
      );
    }
  }
  return total;
}

function checkException(date: string, ex: DayException, mondayMinutes: number): number {
  const where = `exceptions.${date}`;
  const day = dayFromIsoDate(date);
  if (day === undefined) {
    throw calendarError(
      'calendar.invalid_date',
      `例外日期「${date}」不是有效的 YYYY-MM-DD 日期`,
      `Exception date "${date}" is not a valid YYYY-MM-DD date`,
      where,
    );
  }
  const year = Number(date.slice(0, 4));
  if (year < 1970 || year > 2200) {
    throw calendarError(
      'calendar.date_out_of_range',
      `例外日期 ${date} 超出支持范围（1970–2200 年）`,
      `Exception date ${date} is outside the supported years 1970–2200`,
      where,
    );
  }
  switch (ex?.kind) {
    case 'holiday':
    case 'closed':
      return 0;
    case 'makeup_workday': {
      if (ex.periods !== undefined) return checkPeriods(ex.periods, where, `例外日期 ${date}`);
      if (mondayMinutes === 0) {
        throw calendarError(
          'calendar.makeup_day_without_periods',
          `调休上班日 ${date} 未设置时段，且周一没有营业时段可沿用`,
          `Make-up working day ${date} has no periods and there are no Monday periods to fall back to`,
          where,
        );
      }
      return mondayMinutes;
    }
    case 'half_day': {
      const total = checkPeriods(ex.periods, where, `例外日期 ${date}`);
      if (total === 0) {
        throw calendarError(
          'calendar.invalid_exception',
          `半天工作日 ${date} 必须至少有一个时段`,
          `Half day ${date} needs at least one period`,
          where,
        );
      }
      return total;
    }
    default:
      throw calendarError(
        'calendar.invalid_exception',
        `例外日期 ${date} 的类型无效（应为 holiday/closed/makeup_workday/half_day）`,
        `Exception ${date} has an unknown kind (expected holiday/closed/makeup_workday/half_day)`,
        where,
      );
  }
}

/** Throws a CalendarError (stable code, zh-CN + en message, location) if the calendar is unusable. */
export function validateCalendar(cal: WorkingCalendar): void {
  getZone(cal.timeZone);
  let weeklyMinutes = 0;
  for (const key of Object.keys(cal.weekly ?? {})) {
    if (!(WEEKDAY_KEYS as readonly string[]).includes(key)) {
      throw calendarError(
        'calendar.invalid_period',
        `未知的星期「${key}」`,
        `Unknown weekday "${key}"`,
        `weekly.${key}`,
      );
    }
  }
  for (const key of WEEKDAY_KEYS) {
    weeklyMinutes += checkPeriods(cal.weekly?.[key], `weekly.${key}`, WEEKDAY_ZH[key]);
  }
  const monday = (cal.weekly?.mon ?? []).reduce((s, p) => s + p.end - p.start, 0);
  let exceptionMinutes = 0;
  for (const [date, ex] of Object.entries(cal.exceptions ?? {}))
    exceptionMinutes += checkException(date, ex, monday);
  for (const y of cal.officialYears ?? []) {
    if (!Number.isInteger(y) || y < 1970 || y > 2200) {
      throw calendarError(
        'calendar.invalid_year',
        `官方数据年份 ${y} 无效`,
        `Official-data year ${y} is invalid`,
        'officialYears',
      );
    }
  }
  if (weeklyMinutes === 0 && exceptionMinutes === 0) {
    throw calendarError(
      'calendar.no_working_time',
      '日历没有任何工作时间：每周时段为空，也没有上班的例外日期',
      'The calendar has no working time at all: no weekly periods and no working exception days',
      'weekly',
    );
  }
}
