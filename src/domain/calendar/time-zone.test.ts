import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDateBounds, localDateOf, MAX_INSTANT, MIN_INSTANT } from './time-zone';

// A slow, obviously-correct reference: ask Intl for the wall date of the instant.
const reference = (t: number, timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(t);

const ZONES = [
  'Asia/Shanghai',
  'UTC',
  'America/New_York',
  'Europe/London',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/St_Johns',
];

describe('SLA-1: the local date of an instant in a unit’s time zone', () => {
  it('SLA-1: 23:30 UTC on 28 Feb is already 1 Mar in Shanghai; a Date and epoch ms give the same day', () => {
    const at = new Date('2026-02-28T23:30:00Z');
    expect(localDateOf(at, 'Asia/Shanghai')).toBe('2026-03-01');
    expect(localDateOf(at.getTime(), 'Asia/Shanghai')).toBe('2026-03-01');
    expect(localDateOf(at, 'UTC')).toBe('2026-02-28');
  });

  it('SLA-1: property — matches the wall date Intl shows, for random instants 1970–2200 and zones with DST and odd offsets', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: MIN_INSTANT + 86_400_000, max: MAX_INSTANT - 86_400_000 }),
        fc.constantFrom(...ZONES),
        (t, zone) => {
          expect(localDateOf(t, zone)).toBe(reference(t, zone));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('SLA-1: an unknown time zone is refused with calendar.invalid_time_zone', () => {
    expect(() => localDateOf(0, 'Mars/Olympus')).toThrow(
      expect.objectContaining({ code: 'calendar.invalid_time_zone' }),
    );
  });
});

describe('SLA-1: the instants of a local date in a unit’s time zone', () => {
  it('SLA-1: every instant of the bounds has that local date, and the instant before does not', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2199, 0, 1) }),
        fc.constantFrom(...ZONES),
        (t, zone) => {
          const date = reference(t, zone);
          const { from, to } = localDateBounds(date, zone);
          expect(from).toBeLessThanOrEqual(t);
          expect(t).toBeLessThan(to);
          expect(reference(from, zone)).toBe(date);
          expect(reference(to - 1, zone)).toBe(date);
          expect(reference(from - 1, zone)).not.toBe(date);
          expect(reference(to, zone)).not.toBe(date);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('SLA-1: a DST day is 23 hours long, a half-hour zone starts on the half hour', () => {
    const spring = localDateBounds('2026-03-08', 'America/New_York');
    expect(spring.to - spring.from).toBe(23 * 3_600_000);
    expect(new Date(localDateBounds('2026-03-05', 'Asia/Kolkata').from).toISOString()).toBe(
      '2026-03-04T18:30:00.000Z',
    );
  });

  it('SLA-1: a date that does not exist is refused with calendar.invalid_date', () => {
    expect(() => localDateBounds('2026-02-30', 'Asia/Shanghai')).toThrow(
      expect.objectContaining({ code: 'calendar.invalid_date' }),
    );
  });
});
