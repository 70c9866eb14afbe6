import type { Period, PublicHolidayMode, WeekdayKey, WeeklyHours } from './calendar.types';

/** A short sentence, in Chinese and English, of when a calendar counts. */
export interface HoursSummary {
  readonly zh: string;
  readonly en: string;
}

// Monday first, the way Chinese staff read a week.
const ORDER: readonly WeekdayKey[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
/** Weekday names as Chinese staff say them. */
export const WEEKDAY_ZH: Readonly<Record<WeekdayKey, string>> = {
  mon: '周一',
  tue: '周二',
  wed: '周三',
  thu: '周四',
  fri: '周五',
  sat: '周六',
  sun: '周日',
};
const EN: Record<WeekdayKey, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

const hhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const periodsKey = (periods: readonly Period[]): string =>
  periods.map((p) => `${hhmm(p.start)}–${hhmm(p.end)}`).join(',');

/**
 * The weekly hours as runs of consecutive days with the same periods, e.g. "周一至周五
 * 09:00–12:00、13:30–18:00" or "每天 09:30–21:00"; closed days are left out.
 */
export function summariseWeeklyHours(weekly: WeeklyHours): HoursSummary {
  const runs: { days: WeekdayKey[]; key: string }[] = [];
  for (const day of ORDER) {
    const periods = weekly[day] ?? [];
    if (periods.length === 0) continue;
    const key = periodsKey(periods);
    const last = runs.at(-1);
    const previous = ORDER[ORDER.indexOf(day) - 1];
    if (last && last.key === key && last.days.at(-1) === previous) last.days.push(day);
    else runs.push({ days: [day], key });
  }
  if (runs.length === 0) return { zh: '不计工作时间', en: 'No working hours' };
  const label = (days: WeekdayKey[], names: Record<WeekdayKey, string>, every: string, to: string) => {
    if (days.length === 7) return every;
    if (days.length === 1) return names[days[0]!];
    if (days.length === 2) return `${names[days[0]!]}${to === '至' ? '、' : ', '}${names[days[1]!]}`;
    return `${names[days[0]!]}${to}${names[days.at(-1)!]}`;
  };
  return {
    zh: runs
      .map((r) => `${label(r.days, WEEKDAY_ZH, '每天', '至')} ${r.key.replaceAll(',', '、')}`)
      .join('，'),
    en: runs.map((r) => `${label(r.days, EN, 'Daily', '–')} ${r.key.replaceAll(',', ', ')}`).join('; '),
  };
}

/** How official holidays and 调休 apply, in a few words. */
export function summarisePublicHolidays(mode: PublicHolidayMode | undefined): HoursSummary {
  return mode === 'work'
    ? { zh: '法定节假日照常营业', en: 'open on public holidays' }
    : { zh: '法定节假日休息，调休日上班', en: 'closed on public holidays, open on make-up working days' };
}
