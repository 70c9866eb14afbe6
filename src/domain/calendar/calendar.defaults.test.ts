import { describe, expect, it } from 'vitest';
import { addWorkingMinutes, closeOfBusinessAfterWorkingDays, isWorkingTime, missingYears } from './calendar';
import { defaultCalendarOverride, STORE_DEFAULT_WEEKLY } from './calendar.defaults';
import { deriveCalendarChain } from './calendar.derive';
import { summarisePublicHolidays, summariseWeeklyHours } from './calendar.summary';
import { DEFAULT_CHINA_WEEKLY, defaultChinaCalendar } from './china-official';

const sh = (local: string): number => Date.parse(`${local}:00+08:00`);
const iso = (t: number): string => new Date(t + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

const base = defaultChinaCalendar();
const store = deriveCalendarChain(base, [defaultCalendarOverride('store')!]);

describe('SLA-1: default business hours per unit kind', () => {
  it('SLA-1: only stores get hours of their own; headquarters, regions and departments inherit', () => {
    expect(defaultCalendarOverride('headquarters')).toBeNull();
    expect(defaultCalendarOverride('region')).toBeNull();
    expect(defaultCalendarOverride('department')).toBeNull();
    expect(defaultCalendarOverride('store')).toEqual({
      weekly: STORE_DEFAULT_WEEKLY,
      publicHolidays: 'work',
    });
  });

  it('SLA-4: a soft complaint logged in a store at 17:50 on a Saturday is due 18:05 that Saturday', () => {
    expect(iso(addWorkingMinutes(store, sh('2026-12-05T17:50'), 15))).toBe('2026-12-05 18:05');
    // Headquarters still counts Mon–Fri: the same complaint there is due Monday morning.
    expect(iso(addWorkingMinutes(base, sh('2026-12-05T17:50'), 15))).toBe('2026-12-07 09:15');
  });

  it('SLA-1: a store trades through official holidays; headquarters closes and works the 调休 Saturday', () => {
    expect(isWorkingTime(store, sh('2026-10-01T10:00'))).toBe(true);
    expect(isWorkingTime(base, sh('2026-10-01T10:00'))).toBe(false);
    // 2026-10-10 is a make-up working day (Saturday) for offices.
    expect(isWorkingTime(base, sh('2026-10-10T10:00'))).toBe(true);
    expect(isWorkingTime(store, sh('2026-10-10T20:30'))).toBe(true);
    expect(isWorkingTime(store, sh('2026-10-01T21:00'))).toBe(false);
    expect(iso(closeOfBusinessAfterWorkingDays(store, sh('2026-09-30T12:00'), 1))).toBe('2026-10-01 21:00');
  });

  it("SLA-1: a store's own closing day holds, and company-wide closures reach it", () => {
    const hq = { exceptions: { '2026-12-20': { kind: 'closed' as const, name: '年会' } } };
    const withOwn = deriveCalendarChain(base, [
      hq,
      {
        ...defaultCalendarOverride('store')!,
        exceptions: { '2026-02-16': { kind: 'holiday', name: '除夕' } },
      },
    ]);
    expect(isWorkingTime(withOwn, sh('2026-02-16T10:00'))).toBe(false);
    expect(isWorkingTime(withOwn, sh('2026-02-17T10:00'))).toBe(true);
    expect(isWorkingTime(withOwn, sh('2026-12-20T10:00'))).toBe(false);
  });

  it('SLA-1: a department inside a store works store hours unless it observes holidays again', () => {
    const storeDept = deriveCalendarChain(base, [defaultCalendarOverride('store')!, {}]);
    expect(isWorkingTime(storeDept, sh('2026-10-01T10:00'))).toBe(true);
    const backOffice = deriveCalendarChain(base, [
      defaultCalendarOverride('store')!,
      { weekly: DEFAULT_CHINA_WEEKLY, publicHolidays: 'observe' },
    ]);
    expect(isWorkingTime(backOffice, sh('2026-10-01T10:00'))).toBe(false);
    expect(isWorkingTime(backOffice, sh('2026-10-10T10:00'))).toBe(true);
  });

  it('SLA-1: a store trading through holidays never warns about a missing official year', () => {
    expect(missingYears(store, sh('2040-01-02T10:00'), sh('2040-01-03T10:00'))).toEqual([]);
    expect(missingYears(base, sh('2040-01-02T10:00'), sh('2040-01-03T10:00'))).toEqual([2040]);
  });
});

describe('SLA-1: business hours in a few words', () => {
  it('SLA-1: summarises the office default, the store default and mixed weeks', () => {
    expect(summariseWeeklyHours(DEFAULT_CHINA_WEEKLY)).toEqual({
      zh: '周一至周五 09:00–12:00、13:30–18:00',
      en: 'Mon–Fri 09:00–12:00, 13:30–18:00',
    });
    expect(summariseWeeklyHours(STORE_DEFAULT_WEEKLY)).toEqual({
      zh: '每天 09:30–21:00',
      en: 'Daily 09:30–21:00',
    });
    const p = [{ start: 600, end: 960 }];
    expect(summariseWeeklyHours({ ...DEFAULT_CHINA_WEEKLY, sat: p, sun: p }).zh).toBe(
      '周一至周五 09:00–12:00、13:30–18:00，周六、周日 10:00–16:00',
    );
    expect(summariseWeeklyHours({ mon: p, wed: p }).en).toBe('Mon 10:00–16:00; Wed 10:00–16:00');
    expect(summariseWeeklyHours({}).zh).toBe('不计工作时间');
    expect(summarisePublicHolidays('work').zh).toBe('法定节假日照常营业');
    expect(summarisePublicHolidays(undefined).zh).toBe('法定节假日休息，调休日上班');
  });
});
