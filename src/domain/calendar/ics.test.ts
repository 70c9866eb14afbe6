import { describe, expect, it } from 'vitest';
import { isWorkingTime } from './calendar';
import { CalendarError } from './calendar.errors';
import type { DayException } from './calendar.types';
import { defaultChinaCalendar, deriveCalendar } from './china-official';
import { MAX_ICS_EVENTS, parseIcs, toIcs } from './ics';

// Invented 2027 dates in the chinese-days feed format (VTIMEZONE, folded lines, VALARM, all-day events).
const sample = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//yaavi.me//Chinese Days//CN',
  'BEGIN:VTIMEZONE',
  'TZID:Asia/Shanghai',
  'BEGIN:STANDARD',
  'DTSTART:19700101T000000',
  'END:STANDARD',
  'END:VTIMEZONE',
  'BEGIN:VEVENT',
  'UID:a',
  'DTSTAMP:20260305T110113',
  'DTSTART;VALUE=DATE:20270206',
  'DTEND;VALUE=DATE:20270214',
  'SUMMARY:春节(休)',
  'X-APPLE-UNIVERSAL-ID:106c0bb279504ef98528d3d51f434960f5cf2f22c521a2b94f8b6',
  ' f0bf4ed5841',
  'BEGIN:VALARM',
  'TRIGGER:-PT15M',
  'END:VALARM',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:b',
  'DTSTART;VALUE=DATE:20270214',
  'SUMMARY:春节(班)',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:c',
  'DTSTART:20270220',
  'SUMMARY:Make-up workday',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

const codeOf = (fn: () => unknown): { code: string; where: string | undefined } | undefined => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CalendarError);
    return { code: (e as CalendarError).code, where: (e as CalendarError).where };
  }
  return undefined;
};

describe('SLA-1: ICS import and export of the official schedule', () => {
  it('SLA-1: multi-day holidays (DTEND exclusive) and 班 make-up days', () => {
    const ex = parseIcs(sample);
    expect(Object.keys(ex).sort()).toEqual([
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11',
      '2027-02-12',
      '2027-02-13',
      '2027-02-14',
      '2027-02-20',
    ]);
    expect(ex['2027-02-08']).toEqual({ kind: 'holiday', name: '春节(休)' });
    expect(ex['2027-02-14']).toEqual({ kind: 'makeup_workday', name: '春节(班)' });
    expect(ex['2027-02-20']?.kind).toBe('makeup_workday');
  });

  it('SLA-1: an imported year is honoured by a derived calendar', () => {
    const cal = deriveCalendar(defaultChinaCalendar(), {
      exceptions: parseIcs(sample),
      officialYears: [...(defaultChinaCalendar().officialYears ?? []), 2027],
    });
    expect(isWorkingTime(cal, Date.parse('2027-02-08T10:00:00+08:00'))).toBe(false); // Monday, holiday
    expect(isWorkingTime(cal, Date.parse('2027-02-14T10:00:00+08:00'))).toBe(true); // Sunday, make-up
  });

  it('SLA-1: export and re-import round-trips every kind, with folding of long lines', () => {
    const ex: Record<string, DayException> = {
      '2027-01-01': { kind: 'holiday', name: '元旦' },
      '2027-01-02': { kind: 'closed', name: '盘点 stock-taking; all staff' },
      '2027-01-03': { kind: 'makeup_workday' },
      '2027-01-04': { kind: 'makeup_workday', name: '补班', periods: [{ start: 540, end: 720 }] },
      '2027-01-05': {
        kind: 'half_day',
        name: '很长的名字'.repeat(12),
        periods: [
          { start: 540, end: 720 },
          { start: 780, end: 900 },
        ],
      },
    };
    const text = toIcs(ex);
    for (const line of text.split('\r\n'))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(parseIcs(text)).toEqual(ex);
    expect(toIcs(ex)).toBe(text); // deterministic
  });

  it('SLA-1: refuses non-ICS input, naming the line', () => {
    expect(codeOf(() => parseIcs('date,name\n2025-01-01,元旦'))).toEqual({
      code: 'calendar.ics_invalid',
      where: 'line 1',
    });
    expect(codeOf(() => parseIcs(''))).toMatchObject({ code: 'calendar.ics_invalid' });
    expect(
      codeOf(() =>
        parseIcs('BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20250230\nEND:VEVENT\nEND:VCALENDAR'),
      ),
    ).toEqual({
      code: 'calendar.ics_invalid',
      where: 'line 3',
    });
    expect(
      codeOf(() =>
        parseIcs('BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20250101T090000Z\nEND:VEVENT\nEND:VCALENDAR'),
      ),
    ).toMatchObject({
      code: 'calendar.ics_invalid',
      where: 'line 3',
    });
    expect(
      codeOf(() => parseIcs('BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20250101\n')),
    ).toMatchObject({ code: 'calendar.ics_invalid' });
    expect(
      codeOf(() => parseIcs('BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR')),
    ).toEqual({ code: 'calendar.ics_invalid', where: 'line 2' });
  });

  it('SLA-1: refuses files with more than 1000 events at the first extra event', () => {
    const ev = (i: number) => [
      'BEGIN:VEVENT',
      `DTSTART;VALUE=DATE:${20250101 + (i % 28)}`,
      'SUMMARY:x',
      'END:VEVENT',
    ];
    const lines = [
      'BEGIN:VCALENDAR',
      ...Array.from({ length: MAX_ICS_EVENTS + 1 }, (_, i) => ev(i)).flat(),
      'END:VCALENDAR',
    ];
    expect(codeOf(() => parseIcs(lines.join('\n')))).toEqual({
      code: 'calendar.ics_too_many_events',
      where: `line ${2 + 4 * MAX_ICS_EVENTS}`,
    });
    const ok = [
      'BEGIN:VCALENDAR',
      ...Array.from({ length: MAX_ICS_EVENTS }, (_, i) => ev(i)).flat(),
      'END:VCALENDAR',
    ];
    expect(Object.keys(parseIcs(ok.join('\n')))).toHaveLength(28);
  });
});
