/**
 * MEM-1 property test on the real database: random sequences of earning (by hand and for
 * activities, some granted twice), redeeming, adjusting and expiry passes, checked against a
 * plain model. The balance never goes below zero, equals the sum of the ledger and the sum of what
 * is left of the lots, and each activity is granted at most once per member.
 */
import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKefu, type TestKefu } from '../../test/test-app';
import { buildOrganisation } from '../../test/factories';
import { AppError } from '../../app/errors';
import { runMembersDaily } from './members.jobs';
import { lockMember, postPoints } from './members.points';
import { memberActivities, memberPointsEntries, members } from './members.table';

type Op =
  | { kind: 'earn'; points: number }
  | { kind: 'grant'; activity: number; points: number }
  | { kind: 'redeem'; points: number }
  | { kind: 'adjust'; points: number }
  | { kind: 'wait'; days: number };

const pts = fc.integer({ min: 1, max: 60 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('earn' as const), points: pts }),
  fc.record({ kind: fc.constant('grant' as const), activity: fc.integer({ min: 0, max: 2 }), points: pts }),
  fc.record({ kind: fc.constant('redeem' as const), points: pts }),
  fc.record({
    kind: fc.constant('adjust' as const),
    points: fc.integer({ min: -60, max: 60 }).filter((n) => n !== 0),
  }),
  fc.record({ kind: fc.constant('wait' as const), days: fc.integer({ min: 1, max: 400 }) }),
);

describe('MEM-1 points ledger (property, real database)', () => {
  let kefu: TestKefu;
  let unitId: string;
  let customerSeq = 0;
  const activityIds: string[] = [];

  beforeAll(async () => {
    kefu = await createTestKefu();
    const admin = await kefu.login('admin');
    const org = await buildOrganisation(admin);
    unitId = org.storeA.id;
    for (let i = 0; i < 3; i++) {
      const [a] = await kefu.deps.db
        .insert(memberActivities)
        .values({
          unitId,
          year: 2026,
          theme: `活动${i}`,
          date: '2026-03-01',
          targetGroup: '全体会员',
          type: 'lecture',
          points: 10,
          createdAt: kefu.clock.now(),
          updatedAt: kefu.clock.now(),
        })
        .returning();
      activityIds.push(a!.id);
    }
  });
  afterAll(() => kefu.close());

  async function newMember(): Promise<string> {
    customerSeq += 1;
    const now = kefu.clock.now();
    const rows = await kefu.deps.db.execute(
      sql`insert into customers (unit_id, name, created_at, updated_at) values (${unitId}, ${`性质${customerSeq}`}, ${now}, ${now}) returning id`,
    );
    const customerId = (rows as unknown as { rows: { id: string }[] }).rows[0]!.id;
    const [m] = await kefu.deps.db
      .insert(members)
      .values({
        customerId,
        unitId,
        memberNumber: `P${customerSeq}`,
        joinedOn: '2026-03-01',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return m!.id;
  }

  it('MEM-1: random earn/redeem/adjust/expire sequences never go negative, balance = sum of ledger, one grant per activity', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 12 }), async (ops) => {
        const db = kefu.deps.db;
        const memberId = await newMember();
        let at = new Date('2026-03-02T02:00:00Z');
        // Model: lots with what is left and when they expire.
        let lots: { left: number; expires: number }[] = [];
        const granted = new Set<number>();
        const expireModel = () => {
          lots = lots.map((l) => (l.expires <= at.getTime() ? { ...l, left: 0 } : l));
        };
        const take = (n: number) => {
          const order = [...lots].sort((a, b) => a.expires - b.expires);
          for (const l of order) {
            const t = Math.min(l.left, n);
            l.left -= t;
            n -= t;
          }
        };
        for (const op of ops) {
          if (op.kind === 'wait') {
            at = new Date(at.getTime() + op.days * 86_400_000);
            await db.transaction((tx) => runMembersDaily(tx, at));
            expireModel();
            continue;
          }
          const balance = lots.reduce((s, l) => s + l.left, 0);
          const signed = op.kind === 'redeem' ? -op.points : op.points;
          const shouldRefuse = signed < 0 && -signed > balance;
          const result = await db
            .transaction(async (tx) => {
              const member = (await lockMember(tx, memberId))!;
              return postPoints(tx, at, null, member, {
                kind: op.kind === 'grant' ? 'earn' : op.kind,
                points: signed,
                reason: op.kind,
                activityId: op.kind === 'grant' ? activityIds[op.activity]! : null,
              });
            })
            .catch((err: unknown) => err);
          if (shouldRefuse) {
            expect(result).toBeInstanceOf(AppError);
            expect((result as AppError).code).toBe('members.insufficient_points');
            continue;
          }
          expect(result).not.toBeInstanceOf(Error);
          if (op.kind === 'grant') {
            const again = granted.has(op.activity);
            expect(result === null).toBe(again);
            if (again) continue;
            granted.add(op.activity);
          }
          if (signed > 0) {
            const year = new Date(at.getTime() + 8 * 3_600_000).getUTCFullYear();
            lots.push({ left: signed, expires: Date.UTC(year + 2, 0, 1) - 8 * 3_600_000 });
          } else take(-signed);
        }
        const [m] = await db.select().from(members).where(eq(members.id, memberId));
        const entries = await db
          .select()
          .from(memberPointsEntries)
          .where(eq(memberPointsEntries.memberId, memberId));
        const sum = entries.reduce((s, e) => s + e.points, 0);
        const left = entries.reduce((s, e) => s + (e.remaining ?? 0), 0);
        expect(m!.balance).toBeGreaterThanOrEqual(0);
        expect(m!.balance).toBe(sum);
        expect(m!.balance).toBe(left);
        expect(m!.balance).toBe(lots.reduce((s, l) => s + l.left, 0));
        const grants = entries.filter((e) => e.activityId);
        expect(new Set(grants.map((g) => g.activityId)).size).toBe(grants.length);
        const expiredLots = entries.filter((e) => e.kind === 'expire').map((e) => e.lotId);
        expect(new Set(expiredLots).size).toBe(expiredLots.length);
      }),
      { numRuns: 30 },
    );
  });
});
