import { describe, expect, it } from 'vitest';
import {
  contactHoursProblem,
  DEFAULT_CONTACT_HOURS,
  isWithinContactHours,
  nextAllowedContactTime,
} from './contact-hours';

const SH = 'Asia/Shanghai';
const at = (iso: string) => new Date(iso);

describe('contact hours (CARE-4)', () => {
  it('CARE-4: a time inside 09:00–20:30 China time stays as it is', () => {
    const t = at('2026-03-02T10:15:00+08:00');
    expect(nextAllowedContactTime(t, DEFAULT_CONTACT_HOURS, SH)).toEqual(t);
    expect(isWithinContactHours(t, DEFAULT_CONTACT_HOURS, SH)).toBe(true);
  });

  it('CARE-4: early morning moves to 09:00 the same day, evening to 09:00 the next day', () => {
    expect(nextAllowedContactTime(at('2026-03-02T07:40:00+08:00'), DEFAULT_CONTACT_HOURS, SH)).toEqual(
      at('2026-03-02T09:00:00+08:00'),
    );
    expect(nextAllowedContactTime(at('2026-03-02T20:30:00+08:00'), DEFAULT_CONTACT_HOURS, SH)).toEqual(
      at('2026-03-03T09:00:00+08:00'),
    );
    expect(nextAllowedContactTime(at('2026-03-02T23:59:00+08:00'), DEFAULT_CONTACT_HOURS, SH)).toEqual(
      at('2026-03-03T09:00:00+08:00'),
    );
    // Month and year ends roll over.
    expect(nextAllowedContactTime(at('2026-12-31T22:00:00+08:00'), DEFAULT_CONTACT_HOURS, SH)).toEqual(
      at('2027-01-01T09:00:00+08:00'),
    );
    expect(isWithinContactHours(at('2026-03-02T20:30:00+08:00'), DEFAULT_CONTACT_HOURS, SH)).toBe(false);
  });

  it('CARE-4: another unit window and a zone with daylight saving', () => {
    const hours = { start: '10:00', end: '18:00' };
    expect(nextAllowedContactTime(at('2026-03-02T18:00:00+08:00'), hours, SH)).toEqual(
      at('2026-03-03T10:00:00+08:00'),
    );
    // Berlin switches to summer time on 2026-03-29: 09:00 local is 07:00 UTC that day.
    expect(
      nextAllowedContactTime(at('2026-03-28T22:00:00Z'), DEFAULT_CONTACT_HOURS, 'Europe/Berlin'),
    ).toEqual(at('2026-03-29T07:00:00Z'));
  });

  it('CARE-4: property — the answer is never earlier, always inside the window, and within a day', () => {
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2000; i++) {
      const startM = Math.floor(rand() * 23 * 60);
      const endM = startM + 1 + Math.floor(rand() * (24 * 60 - startM - 1));
      const fmt = (m: number) =>
        `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      const hours = { start: fmt(startM), end: fmt(Math.min(endM, 24 * 60 - 1)) };
      if (contactHoursProblem(hours)) continue;
      const t = new Date(Date.UTC(2026, 0, 1) + Math.floor(rand() * 365 * 86_400_000));
      const next = nextAllowedContactTime(t, hours, SH);
      expect(next.getTime()).toBeGreaterThanOrEqual(t.getTime());
      expect(next.getTime() - t.getTime()).toBeLessThanOrEqual(86_400_000);
      expect(isWithinContactHours(next, hours, SH)).toBe(true);
    }
  });

  it('CARE-4: a window must be two valid times, start before end', () => {
    expect(contactHoursProblem({ start: '9:00', end: '20:30' })).toBe('invalid_time');
    expect(contactHoursProblem({ start: '21:00', end: '20:30' })).toBe('start_not_before_end');
    expect(contactHoursProblem(DEFAULT_CONTACT_HOURS)).toBeNull();
  });
});
