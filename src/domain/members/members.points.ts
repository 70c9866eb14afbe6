/**
 * The member club's points (MEM-1): earned points form lots that expire; spending (a redemption, a
 * negative adjustment) takes from the lots that expire first, so what expires is only what is left
 * of a lot. The balance is always the sum of what remains of the lots, and the sum of the ledger.
 */

export const MEMBER_LEVELS = ['regular', 'silver', 'gold', 'platinum'] as const;
export type MemberLevel = (typeof MEMBER_LEVELS)[number];

export const POINTS_ENTRY_KINDS = ['earn', 'redeem', 'expire', 'adjust'] as const;
export type PointsEntryKind = (typeof POINTS_ENTRY_KINDS)[number];

/** Points earned expire at the end of the calendar year after the one they were earned in (points plan). */
export const POINTS_VALID_YEARS = 1;

/** What is left of an earned (or positively adjusted) entry. */
export interface PointsLot {
  id: string;
  remaining: number;
  /** null: never expires. */
  expiresAt: Date | null;
  at: Date;
}

/** How much to take from each lot: oldest expiry first, never-expiring lots last. */
export function planSpending(
  lots: readonly PointsLot[],
  points: number,
): { ok: true; take: { id: string; points: number }[] } | { ok: false; available: number } {
  const available = lots.reduce((s, l) => s + l.remaining, 0);
  if (points > available) return { ok: false, available };
  const order = [...lots]
    .filter((l) => l.remaining > 0)
    .sort(
      (a, b) =>
        (a.expiresAt?.getTime() ?? Infinity) - (b.expiresAt?.getTime() ?? Infinity) ||
        a.at.getTime() - b.at.getTime() ||
        a.id.localeCompare(b.id),
    );
  const take: { id: string; points: number }[] = [];
  let left = points;
  for (const lot of order) {
    if (left === 0) break;
    const n = Math.min(lot.remaining, left);
    take.push({ id: lot.id, points: n });
    left -= n;
  }
  return { ok: true, take };
}

/**
 * When points earned at `at` expire: the end (00:00 of 1 January, in the given UTC offset minutes)
 * of the year POINTS_VALID_YEARS after the year of earning.
 */
export function pointsExpiryOf(at: Date, utcOffsetMinutes = 480): Date {
  const local = new Date(at.getTime() + utcOffsetMinutes * 60_000);
  const year = local.getUTCFullYear() + POINTS_VALID_YEARS + 1;
  return new Date(Date.UTC(year, 0, 1) - utcOffsetMinutes * 60_000);
}

/** Whether a ledger entry's sign fits its kind (the database checks the same). */
export function pointsSignFits(kind: PointsEntryKind, points: number): boolean {
  if (!Number.isInteger(points) || points === 0) return false;
  if (kind === 'earn') return points > 0;
  if (kind === 'redeem' || kind === 'expire') return points < 0;
  return true;
}

/** Member numbers: the unit's prefix-free running number, eight digits (M00000042). */
export function memberNumberOf(sequence: number): string {
  return `M${String(sequence).padStart(8, '0')}`;
}
