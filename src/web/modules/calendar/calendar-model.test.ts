import { describe, expect, it } from 'vitest';
import { countKinds, formatPeriods, monthGrid, parsePeriods, type CalendarDay } from './calendar-model';

const day = (date: string, weekday: number, kind: CalendarDay['kind'] = 'working'): CalendarDay => ({
  date,
  weekday,
  kind,
  name: null,
  periods: [],
  source: 'weekly',
});

describe('wall calendar helpers', () => {
  it('SLA-1: periods round-trip between text and minutes, lunch break included', () => {
    expect(parsePeriods('09:00-12:00, 13:30-18:00')).toEqual([
      { start: 540, end: 720 },
      { start: 810, end: 1080 },
    ]);
    expect(formatPeriods([{ start: 540, end: 720 }])).toBe('09:00-12:00');
    expect(parsePeriods('nine to five')).toBeNull();
    expect(parsePeriods('')).toEqual([]);
  });

  it('lays a month out Monday-first with padding', () => {
    // October 2025 starts on a Wednesday (weekday 3).
    const days = Array.from({ length: 31 }, (_, i) =>
      day(`2025-10-${String(i + 1).padStart(2, '0')}`, (3 + i) % 7, i < 8 ? 'holiday' : 'working'),
    );
    const weeks = monthGrid(days, 10);
    expect(weeks[0]!.slice(0, 2)).toEqual([null, null]);
    expect(weeks[0]![2]!.date).toBe('2025-10-01');
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(countKinds(days).holiday).toBe(8);
  });
});
