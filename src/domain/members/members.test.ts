import { describe, expect, it } from 'vitest';
import { planSpending, pointsExpiryOf, pointsGrantDueOn, pointsGrantOverdue, pointsSignFits } from '.';

const lot = (id: string, remaining: number, expires: string | null, at = '2026-01-01T00:00:00Z') => ({
  id,
  remaining,
  expiresAt: expires ? new Date(expires) : null,
  at: new Date(at),
});

describe('MEM-1 points (domain)', () => {
  it('MEM-1: spending takes from the lots that expire first, never-expiring last, and never more than there is', () => {
    const lots = [
      lot('never', 10, null),
      lot('late', 5, '2028-01-01T00:00:00Z'),
      lot('early', 3, '2027-01-01T00:00:00Z'),
    ];
    expect(planSpending(lots, 6)).toEqual({
      ok: true,
      take: [
        { id: 'early', points: 3 },
        { id: 'late', points: 3 },
      ],
    });
    expect(planSpending(lots, 18)).toEqual({
      ok: true,
      take: [
        { id: 'early', points: 3 },
        { id: 'late', points: 5 },
        { id: 'never', points: 10 },
      ],
    });
    expect(planSpending(lots, 19)).toEqual({ ok: false, available: 18 });
  });

  it('MEM-1: points earned in a (Shanghai) year last to the end of the next year', () => {
    expect(pointsExpiryOf(new Date('2026-03-02T02:00:00Z')).toISOString()).toBe('2027-12-31T16:00:00.000Z');
    // 31 December 2026, 23:30 in Shanghai is still 2026 there.
    expect(pointsExpiryOf(new Date('2026-12-31T15:30:00Z')).toISOString()).toBe('2027-12-31T16:00:00.000Z');
    expect(pointsExpiryOf(new Date('2026-12-31T16:30:00Z')).toISOString()).toBe('2028-12-31T16:00:00.000Z');
  });

  it("MEM-1: an entry's sign fits its kind; an activity's points are due a week after it", () => {
    expect([
      pointsSignFits('earn', 5),
      pointsSignFits('earn', -5),
      pointsSignFits('redeem', -5),
      pointsSignFits('adjust', 0),
    ]).toEqual([true, false, true, false]);
    expect(pointsGrantDueOn('2026-02-25')).toBe('2026-03-04');
    expect(pointsGrantOverdue('2026-02-25', null, '2026-03-04')).toBe(false);
    expect(pointsGrantOverdue('2026-02-25', null, '2026-03-05')).toBe(true);
    expect(pointsGrantOverdue('2026-02-25', new Date('2026-03-01T00:00:00Z'), '2026-03-05')).toBe(false);
  });
});
