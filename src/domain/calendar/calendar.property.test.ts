/**
 * Property tests: every calendar function against the minute-by-minute reference
 * (calendar.reference.ts) over random calendars and random instants in small windows around
 * interesting dates (DST changes in Berlin and New York, Spring Festival in Shanghai).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingMinutes,
  closeOfBusinessAfterWorkingDays,
  isWorkingTime,
  nextWorkingInstant,
  workingMinutesBetween,
} from './calendar';
import { nonWorkingDays } from './calendar.days';
import {
  refAddMinutes,
  refBetween,
  refCloseOfBusiness,
  refIsWorking,
  refLocalDate,
  refNextWorking,
} from './calendar.reference';
import type { DayException, Period, WorkingCalendar } from './calendar.types';
import { WEEKDAY_KEYS } from './calendar.types';

const MIN = 60_000;
const DAY = 86_400_000;

/** Windows (UTC start, days) with DST changes or holidays inside. */
const windows = [
  { timeZone: 'Europe/Berlin', from: Date.parse('2025-03-24T00:00Z'), days: 12 },
  { timeZone: 'Europe/Berlin', from: Date.parse('2025-10-20T00:00Z'), days: 12 },
  { timeZone: 'America/New_York', from: Date.parse('2025-11-01T00:00Z'), days: 8 },
  { timeZone: 'Asia/Shanghai', from: Date.parse('2025-01-24T00:00Z'), days: 12 },
] as const;

const periodsArb: fc.Arbitrary<Period[]> = fc
  .uniqueArray(fc.integer({ min: 0, max: 1440 }), { minLength: 0, maxLength: 6 })
  .map((cuts) => {
    const s = [...cuts].sort((a, b) => a - b);
    const out: Period[] = [];
    for (let i = 0; i + 1 < s.length; i += 2) out.push({ start: s[i]!, end: s[i + 1]! });
    return out;
  });

const nonEmptyPeriods = periodsArb.filter((p) => p.length > 0);

function exceptionArb(mondayHasWork: boolean): fc.Arbitrary<DayException> {
  return fc.oneof(
    fc.constant<DayException>({ kind: 'holiday' }),
    fc.constant<DayException>({ kind: 'closed' }),
    nonEmptyPeriods.map<DayException>((periods) => ({ kind: 'half_day', periods })),
    nonEmptyPeriods.map<DayException>((periods) => ({ kind: 'makeup_workday', periods })),
    ...(mondayHasWork ? [fc.constant<DayException>({ kind: 'makeup_workday' })] : []),
  );
}

/** A random valid calendar over one of the windows, with 3+ weekdays of work so searches stay short. */
const scenarioArb = fc
  .record({
    w: fc.integer({ min: 0, max: windows.length - 1 }),
    weekly: fc.tuple(...WEEKDAY_KEYS.map(() => periodsArb)),
  })
  .filter(({ weekly }) => weekly.filter((p) => p.length > 0).length >= 3)
  .chain(({ w, weekly }) => {
    const win = windows[w]!;
    const dates = Array.from({ length: win.days + 10 }, (_, i) =>
      new Date(win.from + (i - 1) * DAY).toISOString().slice(0, 10),
    );
    return fc
      .dictionary(fc.constantFrom(...dates), exceptionArb(weekly[1]!.length > 0), { maxKeys: 5 })
      .map((exceptions) => {
        const cal: WorkingCalendar = {
          timeZone: win.timeZone,
          weekly: Object.fromEntries(WEEKDAY_KEYS.map((k, i) => [k, weekly[i]!])),
          exceptions,
        };
        return { cal, win };
      });
  });

const instantIn = (win: (typeof windows)[number]) =>
  fc.integer({ min: 0, max: win.days * 1440 - 1 }).map((m) => win.from + m * MIN);

const withInstant = scenarioArb.chain(({ cal, win }) =>
  fc.record({ cal: fc.constant(cal), t: instantIn(win), win: fc.constant(win) }),
);

describe('SLA-1: calendar functions agree with the minute-by-minute reference', () => {
  it('SLA-1: isWorkingTime, every minute of the window', () => {
    fc.assert(
      fc.property(scenarioArb, ({ cal, win }) => {
        for (let t = win.from; t < win.from + win.days * DAY; t += MIN) {
          if (isWorkingTime(cal, t) !== refIsWorking(cal, t))
            expect({ t, got: isWorkingTime(cal, t) }).toEqual({ t, got: refIsWorking(cal, t) });
        }
      }),
      { numRuns: 20 },
    );
  });

  it('SLA-1: nonWorkingDays names exactly the whole local days without a working minute', () => {
    fc.assert(
      fc.property(scenarioArb, ({ cal, win }) => {
        const seen: string[] = [];
        const working = new Set<string>();
        for (let t = win.from; t < win.from + win.days * DAY; t += MIN) {
          const date = refLocalDate(cal, t);
          if (seen[seen.length - 1] !== date) seen.push(date);
          if (refIsWorking(cal, t)) working.add(date);
        }
        // The first and last local dates are cut by the window's UTC edges: only whole days count.
        const whole = seen.slice(1, -1);
        const expected = whole.filter((d) => !working.has(d));
        const got = nonWorkingDays(cal, whole[0]!, whole[whole.length - 1]!).map((d) => d.date);
        expect(got).toEqual(expected);
      }),
      { numRuns: 20 },
    );
  });

  it('SLA-1: nextWorkingInstant', () => {
    fc.assert(
      fc.property(withInstant, ({ cal, t }) => {
        expect(nextWorkingInstant(cal, t)).toBe(refNextWorking(cal, t));
      }),
      { numRuns: 60 },
    );
  });

  it('SLA-1: addWorkingMinutes', () => {
    fc.assert(
      fc.property(withInstant, fc.integer({ min: 0, max: 2000 }), ({ cal, t }, n) => {
        expect(addWorkingMinutes(cal, t, n)).toBe(refAddMinutes(cal, t, n));
      }),
      { numRuns: 60 },
    );
  });

  it('SLA-1: workingMinutesBetween (and its antisymmetry)', () => {
    fc.assert(
      fc.property(withInstant, fc.integer({ min: 0, max: 4 * 1440 }), ({ cal, t }, len) => {
        const to = t + len * MIN;
        expect(workingMinutesBetween(cal, t, to)).toBe(refBetween(cal, t, to));
        expect(workingMinutesBetween(cal, to, t)).toBe(0 - workingMinutesBetween(cal, t, to));
      }),
      { numRuns: 60 },
    );
  });

  it('SLA-1: addWorkingMinutes lands on a period end when the minutes run out exactly there', () => {
    // n = working time up to a random later instant; when that instant is off hours the answer
    // is the end of the last period before it, the boundary case a plain random n rarely hits.
    fc.assert(
      fc.property(withInstant, fc.integer({ min: 0, max: 3 * 1440 }), ({ cal, t }, len) => {
        const n = refBetween(cal, t, t + len * MIN);
        expect(addWorkingMinutes(cal, t, n)).toBe(refAddMinutes(cal, t, n));
      }),
      { numRuns: 60 },
    );
  });

  it('SLA-2: closeOfBusinessAfterWorkingDays', () => {
    fc.assert(
      fc.property(withInstant, fc.integer({ min: 0, max: 3 }), ({ cal, t }, n) => {
        expect(closeOfBusinessAfterWorkingDays(cal, t, n)).toBe(refCloseOfBusiness(cal, t, n));
      }),
      { numRuns: 40 },
    );
  });

  it('SLA-1: adding is the inverse of elapsed — workingMinutesBetween(t, addWorkingMinutes(t, n)) === n', () => {
    fc.assert(
      fc.property(withInstant, fc.integer({ min: 0, max: 100_000 }), ({ cal, t }, n) => {
        expect(workingMinutesBetween(cal, t, addWorkingMinutes(cal, t, n))).toBe(n);
      }),
      { numRuns: 200 },
    );
  });

  it('SLA-1: the result of an addition is the earliest such instant', () => {
    fc.assert(
      fc.property(withInstant, fc.integer({ min: 1, max: 5000 }), ({ cal, t }, n) => {
        const due = addWorkingMinutes(cal, t, n);
        expect(workingMinutesBetween(cal, t, due - MIN)).toBeLessThan(n);
      }),
      { numRuns: 200 },
    );
  });
});
