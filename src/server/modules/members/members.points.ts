/**
 * Posting to the points ledger (MEM-1). Every change of a balance is one entry with its reason,
 * written under the member's row lock. Spending takes from the lots that expire first; the insert
 * trigger moves members.balance and its CHECK refuses a balance below zero, so even a path that
 * skipped the check here could not overdraw a member. An activity's grant exists at most once per
 * member and a lot expires at most once (unique keys): a retried job writes nothing twice.
 */
import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import { planSpending, pointsExpiryOf, pointsSignFits, type PointsEntryKind } from '../../../domain/members';
import type { Actor } from '../../app/context';
import type { Db } from '../../app/db';
import { recordAudit } from '../audit/audit.service';
import { memberErrors } from './members.errors';
import { memberPointsEntries, members } from './members.table';

export type MemberRow = typeof members.$inferSelect;
export type PointsEntryRow = typeof memberPointsEntries.$inferSelect;

export interface PointsPosting {
  kind: PointsEntryKind;
  /** Signed: positive adds, negative takes. */
  points: number;
  reason: string;
  activityId?: string | null;
}

/** The audit action of each kind of entry (labelled in shared/audit.ts). */
const POINTS_ACTION: Record<PointsEntryKind, string> = {
  earn: 'member.points_earn',
  redeem: 'member.points_redeem',
  expire: 'member.points_expire',
  adjust: 'member.points_adjust',
};

const pgError = (err: unknown): { code?: string; constraint?: string } => {
  const e = err as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  return e.cause ?? e;
};

/** The member's row, locked for the posting. */
export async function lockMember(tx: Db, memberId: string): Promise<MemberRow | undefined> {
  const [row] = await tx.select().from(members).where(eq(members.id, memberId)).for('update');
  return row;
}

/**
 * Writes one entry for a locked member. Returns null when the same activity grant is already on
 * the ledger (nothing written). Throws members.insufficient_points when spending exceeds the lots.
 */
export async function postPoints(
  tx: Db,
  now: Date,
  actor: Pick<Actor, 'userId' | 'ip'> | null,
  member: MemberRow,
  posting: PointsPosting,
): Promise<PointsEntryRow | null> {
  if (!pointsSignFits(posting.kind, posting.points)) throw memberErrors.pointsSign();
  let lotFields: { remaining: number | null; expiresAt: Date | null } = { remaining: null, expiresAt: null };
  if (posting.points > 0) {
    lotFields = { remaining: posting.points, expiresAt: pointsExpiryOf(now) };
  } else {
    const lots = await tx
      .select()
      .from(memberPointsEntries)
      .where(and(eq(memberPointsEntries.memberId, member.id), gt(memberPointsEntries.remaining, 0)))
      .for('update');
    const plan = planSpending(
      lots.map((l) => ({ id: l.id, remaining: l.remaining ?? 0, expiresAt: l.expiresAt, at: l.at })),
      -posting.points,
    );
    if (!plan.ok) throw memberErrors.insufficientPoints({ balance: plan.available });
    for (const take of plan.take)
      await tx
        .update(memberPointsEntries)
        .set({ remaining: sql`${memberPointsEntries.remaining} - ${take.points}` })
        .where(eq(memberPointsEntries.id, take.id));
  }
  let row: PointsEntryRow | undefined;
  try {
    [row] = await tx
      .insert(memberPointsEntries)
      .values({
        memberId: member.id,
        kind: posting.kind,
        points: posting.points,
        reason: posting.reason,
        activityId: posting.activityId ?? null,
        ...lotFields,
        createdBy: actor?.userId ?? null,
        at: now,
      })
      .onConflictDoNothing()
      .returning();
  } catch (err) {
    if (pgError(err).constraint === 'members_balance_not_negative') throw memberErrors.insufficientPoints();
    throw err;
  }
  if (!row) return null;
  await recordAudit(tx, now, actor, {
    action: POINTS_ACTION[posting.kind],
    subjectType: 'member',
    subjectId: member.id,
    unitId: member.unitId,
    after: { entryId: row.id, points: row.points, reason: row.reason, activityId: row.activityId },
  });
  return row;
}

/**
 * Expires what is left of the member's lots due at `now` (the scheduler's pass). Each lot gets one
 * expiry entry at most (unique key on the lot); returns the points expired.
 */
export async function expireDueLots(tx: Db, now: Date, memberId: string): Promise<number> {
  const member = await lockMember(tx, memberId);
  if (!member) return 0;
  const due = await tx
    .select()
    .from(memberPointsEntries)
    .where(
      and(
        eq(memberPointsEntries.memberId, memberId),
        gt(memberPointsEntries.remaining, 0),
        lte(memberPointsEntries.expiresAt, now),
      ),
    )
    .orderBy(asc(memberPointsEntries.expiresAt))
    .for('update');
  let expired = 0;
  for (const lot of due) {
    const left = lot.remaining ?? 0;
    const [entry] = await tx
      .insert(memberPointsEntries)
      .values({
        memberId,
        kind: 'expire',
        points: -left,
        reason: '积分到期清零 / points expired',
        lotId: lot.id,
        at: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!entry) continue;
    await tx.update(memberPointsEntries).set({ remaining: 0 }).where(eq(memberPointsEntries.id, lot.id));
    expired += left;
  }
  if (expired > 0)
    await recordAudit(tx, now, null, {
      action: 'member.points_expire',
      subjectType: 'member',
      subjectId: memberId,
      unitId: member.unitId,
      after: { points: -expired },
    });
  return expired;
}

/** Members holding points due to expire at `now`, for the expiry job. */
export async function membersWithDueLots(db: Db, now: Date, limit = 500): Promise<string[]> {
  const rows = await db
    .selectDistinct({ memberId: memberPointsEntries.memberId })
    .from(memberPointsEntries)
    .where(and(gt(memberPointsEntries.remaining, 0), lte(memberPointsEntries.expiresAt, now)))
    .limit(limit);
  return rows.map((r) => r.memberId);
}
