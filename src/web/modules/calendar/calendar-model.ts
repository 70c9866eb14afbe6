// Data shapes of the calendar/SLA API (docs/api.md) and pure helpers for the wall-calendar view.

export interface Period {
  start: number;
  end: number;
}
export type WeekdayKey = 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat';
export const WEEKDAYS: WeekdayKey[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
export type ExceptionKind = 'holiday' | 'closed' | 'makeup_workday' | 'half_day';
export interface DayException {
  kind: ExceptionKind;
  name?: string;
  periods?: Period[];
}
export interface MissingYearWarning {
  code: string;
  years: number[];
  message: string;
  messageEn: string;
}
export interface CalendarOverrides {
  timeZone: string | null;
  weekly: Partial<Record<WeekdayKey, Period[]>> | null;
  exceptions: Record<string, DayException | null>;
  officialYears: number[];
  /** SLA-1: 'work' = open on public holidays (stores); null inherits the parent's way. */
  publicHolidays?: 'observe' | 'work' | null;
}
export interface UnitCalendar {
  unitId: string;
  version: number;
  effective: {
    timeZone: string;
    weekly: Partial<Record<WeekdayKey, Period[]>>;
    officialYears: number[];
    publicHolidays?: 'observe' | 'work';
  };
  own: CalendarOverrides;
  inheritsFrom: string[];
  officialYears: number[];
  missingYears: number[];
  warnings: MissingYearWarning[];
}
export type DayKind = 'working' | 'rest' | 'holiday' | 'makeup' | 'half' | 'closed';
export interface CalendarDay {
  date: string;
  weekday: number;
  kind: DayKind;
  name: string | null;
  periods: Period[];
  source: 'official' | 'unit' | 'weekly';
}
export interface CalendarYear {
  year: number;
  timeZone: string;
  officialData: boolean;
  warnings: MissingYearWarning[];
  days: CalendarDay[];
}

export const DAY_COLORS: Record<DayKind, string> = {
  working: '#e6f4ff',
  rest: '#f5f5f5',
  holiday: '#fff1f0',
  makeup: '#fff7e6',
  half: '#f6ffed',
  closed: '#d9d9d9',
};

/** 540 → "09:00". */
export function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** "09:00-12:00" → 540–720 periods, comma separated; null when any part is not HH:mm-HH:mm. */
export function parsePeriods(text: string): Period[] | null {
  const parts = text
    .split(/[,，;；]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const out: Period[] = [];
  for (const part of parts) {
    const m = /^(\d{1,2}):(\d{2})\s*[-–~至]\s*(\d{1,2}):(\d{2})$/.exec(part);
    if (!m) return null;
    out.push({ start: Number(m[1]) * 60 + Number(m[2]), end: Number(m[3]) * 60 + Number(m[4]) });
  }
  return out;
}

export function formatPeriods(periods: readonly Period[] | undefined): string {
  return (periods ?? []).map((p) => `${hhmm(p.start)}-${hhmm(p.end)}`).join(', ');
}

/** Weeks (Monday first) of one month for a wall calendar; null cells pad the first and last week. */
export function monthGrid(days: readonly CalendarDay[], month: number): (CalendarDay | null)[][] {
  const inMonth = days.filter((d) => Number(d.date.slice(5, 7)) === month);
  if (inMonth.length === 0) return [];
  const lead = (inMonth[0]!.weekday + 6) % 7; // Monday = 0
  const cells: (CalendarDay | null)[] = [...Array<null>(lead).fill(null), ...inMonth];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (CalendarDay | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** Counts of each kind of day in a year, for the legend. */
export function countKinds(days: readonly CalendarDay[]): Record<DayKind, number> {
  const out: Record<DayKind, number> = { working: 0, rest: 0, holiday: 0, makeup: 0, half: 0, closed: 0 };
  for (const d of days) out[d.kind] += 1;
  return out;
}
