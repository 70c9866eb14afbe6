import { describe, expect, it } from 'vitest';
import {
  addCalendarTime,
  addWorkingMinutes,
  closeOfBusinessAfterWorkingDays,
  isWorkingTime,
  missingYears,
  nextWorkingInstant,
  workingMinutesBetween,
} from './calendar';
import { nonWorkingDays } from './calendar.days';
import { CalendarError } from './calendar.errors';
import type { WorkingCalendar } from './calendar.types';
import {
  CHINA_OFFICIAL_YEARS,
  DEFAULT_CHINA_WEEKLY,
  defaultChinaCalendar,
  deriveCalendar,
} from './china-official';

/** Shanghai wall time → epoch ms. */
const sh = (local: string): number => Date.parse(`${local}:00+08:00`);
const iso = (t: number, offset = '+08:00'): string => {
  const h = Number(offset.slice(0, 3));
  return new Date(t + h * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
};

const cn = defaultChinaCalendar();
const cob = (local: string, n: number) => iso(closeOfBusinessAfterWorkingDays(cn, sh(local), n));

describe('SLA-2: N working days = close of business on the N-th working day after intake', () => {
  // The manual's example assumes 1–4 Jan are all working days: use a plain Mon–Fri calendar in 2024 (1 Jan = Monday).
  const plain: WorkingCalendar = { timeZone: 'Asia/Shanghai', weekly: DEFAULT_CHINA_WEEKLY, exceptions: {} };

  it('SLA-2: manual example — intake 1 Jan 10:00, department by 3 Jan (N=2), customer by 4 Jan (N=3)', () => {
    expect(iso(closeOfBusinessAfterWorkingDays(plain, sh('2024-01-01T10:00'), 2))).toBe('2024-01-03 18:00');
    expect(iso(closeOfBusinessAfterWorkingDays(plain, sh('2024-01-01T11:00'), 3))).toBe('2024-01-04 18:00');
  });

  it('SLA-2: the intake day never counts, even when intake is at 09:00', () => {
    expect(iso(closeOfBusinessAfterWorkingDays(plain, sh('2024-01-01T09:00'), 1))).toBe('2024-01-02 18:00');
  });

  it('SLA-2: n = 0 is close of business today, or the next working day after hours', () => {
    expect(iso(closeOfBusinessAfterWorkingDays(plain, sh('2024-01-01T10:00'), 0))).toBe('2024-01-01 18:00');
    expect(iso(closeOfBusinessAfterWorkingDays(plain, sh('2024-01-01T19:00'), 0))).toBe('2024-01-02 18:00');
  });

  it('SLA-1/SLA-2: Spring Festival 2025 (28 Jan–4 Feb off, Sun 26 Jan and Sat 8 Feb are make-up days)', () => {
    expect(isWorkingTime(cn, sh('2025-01-26T10:00'))).toBe(true);
    expect(isWorkingTime(cn, sh('2025-01-29T10:00'))).toBe(false);
    expect(cob('2025-01-26T10:00', 1)).toBe('2025-01-27 18:00');
    expect(cob('2025-01-27T10:00', 1)).toBe('2025-02-05 18:00');
    expect(cob('2025-01-27T10:00', 5)).toBe('2025-02-10 18:00'); // 5, 6, 7, Sat 8, Mon 10 Feb
  });

  it('SLA-1/SLA-2: Spring Festival 2026 (15–23 Feb off, Sat 14 Feb and Sat 28 Feb are make-up days)', () => {
    expect(cob('2026-02-13T15:00', 1)).toBe('2026-02-14 18:00');
    expect(cob('2026-02-13T15:00', 2)).toBe('2026-02-24 18:00');
    expect(cob('2026-02-13T15:00', 6)).toBe('2026-02-28 18:00');
    expect(isWorkingTime(cn, sh('2026-02-23T10:00'))).toBe(false);
  });

  it('SLA-1/SLA-2: National Day 2025 (1–8 Oct off, Sun 28 Sep and Sat 11 Oct are make-up days)', () => {
    expect(cob('2025-09-27T10:00', 1)).toBe('2025-09-28 18:00');
    expect(cob('2025-09-30T17:00', 1)).toBe('2025-10-09 18:00');
    expect(cob('2025-09-30T17:00', 3)).toBe('2025-10-11 18:00');
  });

  it('SLA-2: intake on a holiday or after hours counts from the next working day', () => {
    expect(cob('2025-10-03T10:00', 1)).toBe('2025-10-09 18:00');
    expect(cob('2025-03-03T19:00', 1)).toBe('2025-03-04 18:00');
    expect(cob('2025-03-08T10:00', 1)).toBe('2025-03-10 18:00'); // Saturday → Monday
  });

  it('SLA-2: counting across a year boundary', () => {
    expect(cob('2025-12-31T10:00', 2)).toBe('2026-01-05 18:00'); // 1–3 Jan off, Sun 4 Jan make-up, Mon 5
  });
});

describe('SLA-1: working minutes with a lunch break, nights, weekends and holidays', () => {
  it('SLA-1: the lunch break stops the clock', () => {
    expect(isWorkingTime(cn, sh('2025-03-03T12:30'))).toBe(false);
    expect(iso(addWorkingMinutes(cn, sh('2025-03-03T11:30'), 60))).toBe('2025-03-03 14:00');
    expect(workingMinutesBetween(cn, sh('2025-03-03T11:00'), sh('2025-03-03T14:00'))).toBe(90);
  });

  it('SLA-1: a due time landing on close of business stays on that day', () => {
    expect(iso(addWorkingMinutes(cn, sh('2025-03-03T17:00'), 60))).toBe('2025-03-03 18:00');
    expect(iso(addWorkingMinutes(cn, sh('2025-03-03T17:00'), 61))).toBe('2025-03-04 09:01');
  });

  it('SLA-1: intake after hours starts the clock next working morning', () => {
    expect(iso(nextWorkingInstant(cn, sh('2025-03-03T19:00')))).toBe('2025-03-04 09:00');
    expect(iso(addWorkingMinutes(cn, sh('2025-03-03T19:00'), 15))).toBe('2025-03-04 09:15');
    expect(iso(addWorkingMinutes(cn, sh('2025-03-07T19:00'), 15))).toBe('2025-03-10 09:15');
  });

  it('SLA-1: intake on a holiday (National Day 2025) starts on 9 Oct', () => {
    expect(iso(addWorkingMinutes(cn, sh('2025-10-03T10:00'), 60))).toBe('2025-10-09 10:00');
    expect(workingMinutesBetween(cn, sh('2025-09-30T17:00'), sh('2025-10-09T10:00'))).toBe(120);
  });

  it('SLA-1: long additions jump whole days (7.5 h a day)', () => {
    // 2025-03-03 09:00 + 10 working days of 450 min → 2025-03-14 18:00.
    expect(iso(addWorkingMinutes(cn, sh('2025-03-03T09:00'), 4500))).toBe('2025-03-14 18:00');
    // 2025 has 248 working days in the official data (chinese-days' own isWorkday agrees).
    expect(workingMinutesBetween(cn, sh('2025-01-01T00:00'), sh('2026-01-01T00:00'))).toBe(248 * 450);
  });

  it('SLA-1: a store open on Sundays and a local holiday via deriveCalendar', () => {
    const store = deriveCalendar(cn, {
      weekly: { sun: [{ start: 600, end: 1200 }] },
      exceptions: {
        '2025-03-05': { kind: 'holiday', name: '地方节日' },
        '2025-03-06': { kind: 'half_day', periods: [{ start: 540, end: 720 }] },
      },
    });
    expect(isWorkingTime(store, sh('2025-03-09T11:00'))).toBe(true);
    expect(isWorkingTime(cn, sh('2025-03-09T11:00'))).toBe(false);
    expect(isWorkingTime(store, sh('2025-03-05T11:00'))).toBe(false);
    expect(iso(closeOfBusinessAfterWorkingDays(store, sh('2025-03-04T10:00'), 1))).toBe('2025-03-06 12:00');
    expect(iso(closeOfBusinessAfterWorkingDays(store, sh('2025-03-07T10:00'), 1))).toBe('2025-03-09 20:00');
  });

  it('SLA-1: years without official data fall back to Mon–Fri and are reported', () => {
    const last = CHINA_OFFICIAL_YEARS[CHINA_OFFICIAL_YEARS.length - 1]!;
    const next = last + 1;
    expect(missingYears(cn, sh(`${last}-12-01T10:00`), sh(`${next}-02-01T10:00`))).toEqual([next]);
    expect(missingYears(cn, sh(`${last}-01-01T10:00`), sh(`${last}-12-31T10:00`))).toEqual([]);
    // 1 Jan of an unknown year is an ordinary weekday if it falls Mon–Fri.
    const jan1 = sh(`${next}-01-01T10:00`);
    const weekday = new Date(jan1).getUTCDay();
    expect(isWorkingTime(cn, jan1)).toBe(weekday >= 1 && weekday <= 5);
  });
});

describe('SLA-1: time zones with daylight saving (Europe/Berlin)', () => {
  const berlin: WorkingCalendar = {
    timeZone: 'Europe/Berlin',
    weekly: Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start: 540, end: 1020 }]]),
    ),
    exceptions: {},
  };
  const always: WorkingCalendar = {
    timeZone: 'Europe/Berlin',
    weekly: Object.fromEntries(
      ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [d, [{ start: 0, end: 1440 }]]),
    ),
    exceptions: {},
  };

  it('SLA-1: business hours follow local time across the spring change', () => {
    // Fri 28 Mar 16:00 CET (15:00Z) + 120 min → Mon 31 Mar 10:00 CEST (08:00Z).
    expect(new Date(addWorkingMinutes(berlin, Date.parse('2025-03-28T15:00Z'), 120)).toISOString()).toBe(
      '2025-03-31T08:00:00.000Z',
    );
    expect(isWorkingTime(berlin, Date.parse('2025-03-31T07:00Z'))).toBe(true); // 09:00 CEST
    expect(isWorkingTime(berlin, Date.parse('2025-03-28T07:30Z'))).toBe(false); // 08:30 CET
  });

  it('SLA-1: DST days are 23 h and 25 h long', () => {
    expect(
      workingMinutesBetween(always, Date.parse('2025-03-29T23:00Z'), Date.parse('2025-03-30T22:00Z')),
    ).toBe(23 * 60);
    expect(
      workingMinutesBetween(always, Date.parse('2025-10-25T22:00Z'), Date.parse('2025-10-26T23:00Z')),
    ).toBe(25 * 60);
  });

  it('SLA-1: a period inside the skipped hour has no working time', () => {
    const gap = deriveCalendar(always, {
      exceptions: { '2025-03-30': { kind: 'half_day', periods: [{ start: 120, end: 180 }] } },
    });
    expect(iso(closeOfBusinessAfterWorkingDays(gap, Date.parse('2025-03-28T12:00Z'), 2), '+00:00')).toBe(
      '2025-03-31 22:00',
    );
  });

  it('SLA-1: addCalendarTime in days keeps the local wall time across DST', () => {
    expect(new Date(addCalendarTime(berlin, Date.parse('2025-03-29T09:00Z'), 1, 'days')).toISOString()).toBe(
      '2025-03-30T08:00:00.000Z',
    );
    expect(addCalendarTime(berlin, 0 + Date.parse('2025-03-29T09:00Z'), 24, 'hours')).toBe(
      Date.parse('2025-03-30T09:00Z'),
    );
  });
});

describe('SLA-1: bad calendars and bad input are refused with stable codes', () => {
  const base: WorkingCalendar = { timeZone: 'Asia/Shanghai', weekly: DEFAULT_CHINA_WEEKLY, exceptions: {} };
  const codeOf = (fn: () => unknown): string | undefined => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(CalendarError);
      const err = e as CalendarError;
      expect(err.messageZh.length).toBeGreaterThan(0);
      expect(err.messageEn.length).toBeGreaterThan(0);
      return err.code;
    }
    return undefined;
  };
  const probe = (cal: WorkingCalendar) => () => isWorkingTime(cal, sh('2025-03-03T10:00'));

  it('SLA-1: overlapping periods', () => {
    const cal = {
      ...base,
      weekly: {
        mon: [
          { start: 540, end: 720 },
          { start: 700, end: 800 },
        ],
      },
    };
    expect(codeOf(probe(cal))).toBe('calendar.overlapping_periods');
  });

  it('SLA-1: inverted and out-of-day periods', () => {
    expect(codeOf(probe({ ...base, weekly: { tue: [{ start: 600, end: 540 }] } }))).toBe(
      'calendar.inverted_period',
    );
    expect(codeOf(probe({ ...base, weekly: { tue: [{ start: 600, end: 1500 }] } }))).toBe(
      'calendar.invalid_period',
    );
  });

  it('SLA-1: a calendar with no working time at all', () => {
    expect(codeOf(probe({ ...base, weekly: {} }))).toBe('calendar.no_working_time');
  });

  it('SLA-1: searches give up instead of looping when working time is too far away', () => {
    const rare = {
      ...base,
      weekly: {},
      exceptions: { '2040-01-02': { kind: 'half_day' as const, periods: [{ start: 540, end: 600 }] } },
    };
    expect(codeOf(() => nextWorkingInstant(rare, sh('2025-01-01T10:00')))).toBe('calendar.no_working_time');
    expect(codeOf(() => addWorkingMinutes(rare, sh('2025-01-01T10:00'), 30))).toBe(
      'calendar.no_working_time',
    );
    expect(iso(nextWorkingInstant(rare, sh('2039-06-01T10:00')))).toBe('2040-01-02 09:00');
  });

  it('SLA-1: bad dates, time zones, make-up days and arguments', () => {
    expect(codeOf(probe({ ...base, exceptions: { '2025-02-30': { kind: 'holiday' } } }))).toBe(
      'calendar.invalid_date',
    );
    expect(codeOf(probe({ ...base, timeZone: 'Mars/Olympus' }))).toBe('calendar.invalid_time_zone');
    expect(
      codeOf(
        probe({
          ...base,
          weekly: { tue: DEFAULT_CHINA_WEEKLY.tue! },
          exceptions: { '2025-03-08': { kind: 'makeup_workday' } },
        }),
      ),
    ).toBe('calendar.makeup_day_without_periods');
    expect(codeOf(() => addWorkingMinutes(base, sh('2025-03-03T10:00'), -5))).toBe(
      'calendar.invalid_argument',
    );
    expect(codeOf(() => closeOfBusinessAfterWorkingDays(base, sh('2025-03-03T10:00'), 1.5))).toBe(
      'calendar.invalid_argument',
    );
  });

  it('SLA-1: instants outside 1970–2200 are out of range', () => {
    expect(codeOf(() => isWorkingTime(base, Date.parse('1969-12-31T12:00Z')))).toBe(
      'calendar.date_out_of_range',
    );
    expect(codeOf(() => isWorkingTime(base, Date.parse('2201-01-01T00:00Z')))).toBe(
      'calendar.date_out_of_range',
    );
    expect(codeOf(() => isWorkingTime(base, Number.NaN))).toBe('calendar.date_out_of_range');
    expect(isWorkingTime(base, Date.parse('1970-01-01T02:00Z'))).toBe(true); // Thu 10:00 Shanghai
    expect(iso(addWorkingMinutes(base, sh('2200-12-31T17:00'), 30))).toBe('2200-12-31 17:30');
  });

  it('SLA-1: accepts Date objects as well as epoch ms', () => {
    expect(isWorkingTime(base, new Date(sh('2025-03-03T10:00')))).toBe(true);
  });
});

describe('SLA-1: non-working days for date pickers (holidays and 调休)', () => {
  it('SLA-1: National Day 2025 — the eight holidays and the weekends are off, the 调休 Sundays and Saturdays work', () => {
    const off = nonWorkingDays(cn, '2025-09-27', '2025-10-12');
    expect(off.map((d) => `${d.date} ${d.kind} ${d.name ?? ''}`.trim())).toEqual([
      '2025-09-27 rest', // Saturday
      // 2025-09-28 is a Sunday worked for National Day (调休): not listed.
      '2025-10-01 holiday 国庆节',
      '2025-10-02 holiday 国庆节',
      '2025-10-03 holiday 国庆节',
      '2025-10-04 holiday 国庆节',
      '2025-10-05 holiday 国庆节',
      '2025-10-06 holiday 中秋',
      '2025-10-07 holiday 国庆节',
      '2025-10-08 holiday 国庆节',
      // 2025-10-11 is a Saturday worked for National Day (调休): not listed.
      '2025-10-12 rest', // Sunday
    ]);
  });

  it('SLA-1: a unit’s own closure is off, a half day still counts as a working day; a bad date is refused', () => {
    const cal: WorkingCalendar = {
      ...cn,
      exceptions: {
        ...cn.exceptions,
        '2025-03-04': { kind: 'closed', name: '盘点' },
        '2025-03-05': { kind: 'half_day', periods: [{ start: 540, end: 720 }] },
      },
    };
    expect(nonWorkingDays(cal, '2025-03-03', '2025-03-05')).toEqual([
      { date: '2025-03-04', kind: 'closed', name: '盘点' },
    ]);
    expect(() => nonWorkingDays(cal, '2025-02-30', '2025-03-05')).toThrow(
      expect.objectContaining({ code: 'calendar.invalid_date' }),
    );
  });
});
