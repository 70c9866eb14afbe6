/**
 * Member-club commands and reads (MEM-1): a customer joins (number, level, joined date), staff post
 * points with a reason, a level changes with a reason; the members list and a member's ledger.
 * Scoping (ORG-1) follows the member's unit: another store's member answers 404.
 */
import { and, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { localDateOf } from '../../../domain/calendar';
import { memberNumberOf } from '../../../domain/members';
import { scopeRoots } from '../../../domain/permissions';
import type {
  joinBody,
  Member,
  memberPatch,
  membersQuery,
  MonthlyCounts,
  monthlyCountsQuery,
  PointsEntry,
  pointsBody,
} from '../../../shared/members';
import type { Actor, Deps } from '../../app/context';
import { rowsOf, type Db } from '../../app/db';
import { recordAudit } from '../audit/audit.service';
import { customers } from '../customers/customers.table';
import { findCustomerRow } from '../customers/customers.service';
import { assertCan, displayNames, unitsWithin } from '../org/org.service';
import { organisationUnits } from '../org/org.table';
import { memberErrors } from './members.errors';
import { lockMember, postPoints, type MemberRow } from './members.points';
import { memberPointsEntries, members } from './members.table';

const memberColumns = {
  member: members,
  customerName: customers.name,
  unitName: organisationUnits.name,
  unitPath: organisationUnits.path,
};

function present(r: { member: MemberRow; customerName: string; unitName: string }): Member {
  const m = r.member;
  return {
    id: m.id,
    customerId: m.customerId,
    customerName: r.customerName,
    unitId: m.unitId,
    unitName: r.unitName,
    memberNumber: m.memberNumber,
    level: m.level,
    joinedOn: m.joinedOn,
    balance: m.balance,
  };
}

/** A member with names and unit path, or undefined. */
export async function findMember(db: Db, id: string) {
  const [row] = await db
    .select(memberColumns)
    .from(members)
    .innerJoin(customers, eq(customers.id, members.customerId))
    .innerJoin(organisationUnits, eq(organisationUnits.id, members.unitId))
    .where(eq(members.id, id));
  return row;
}

async function memberFor(
  deps: Deps,
  actor: Actor,
  id: string,
  permission: 'members.read' | 'members.manage',
) {
  const row = await findMember(deps.db, id);
  if (!row) throw memberErrors.memberNotFound();
  assertCan(actor, permission, row.unitPath, memberErrors.memberNotFound);
  return row;
}

/** A customer joins the club: the next member number, the level, the joined date (default today). */
export async function joinClub(deps: Deps, actor: Actor, input: z.output<typeof joinBody>): Promise<Member> {
  const found = await findCustomerRow(deps.db, input.customerId);
  if (!found) throw memberErrors.customerNotFound();
  assertCan(actor, 'members.manage', found.unitPath, memberErrors.customerNotFound);
  const now = deps.clock.now();
  const joinedOn = input.joinedOn ?? localDateOf(now, 'Asia/Shanghai');
  const id = await deps.db.transaction(async (tx) => {
    const [seq] = rowsOf<{ n: string }>(
      await tx.execute(sql`select nextval('member_number_seq')::text as n`),
    );
    const [row] = await tx
      .insert(members)
      .values({
        customerId: found.customer.id,
        unitId: found.customer.unitId,
        memberNumber: memberNumberOf(Number(seq!.n)),
        level: input.level,
        joinedOn,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: members.customerId })
      .returning();
    if (!row) throw memberErrors.alreadyMember();
    await recordAudit(tx, now, actor, {
      action: 'member.joined',
      subjectType: 'member',
      subjectId: row.id,
      unitId: row.unitId,
      after: { customerId: row.customerId, memberNumber: row.memberNumber, level: row.level, joinedOn },
    });
    return row.id;
  });
  return present((await findMember(deps.db, id))!);
}

/** A new level, with the reason. */
export async function changeLevel(
  deps: Deps,
  actor: Actor,
  id: string,
  patch: z.output<typeof memberPatch>,
): Promise<Member> {
  const found = await memberFor(deps, actor, id, 'members.manage');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const before = await lockMember(tx, id);
    await tx.update(members).set({ level: patch.level, updatedAt: now }).where(eq(members.id, id));
    await recordAudit(tx, now, actor, {
      action: 'member.level_changed',
      subjectType: 'member',
      subjectId: id,
      unitId: found.member.unitId,
      before: { level: before?.level },
      after: { level: patch.level, reason: patch.reason },
    });
  });
  return present((await findMember(deps.db, id))!);
}

/** Earn, redeem or adjust by hand, with the reason; refused whole when the balance would go below zero. */
export async function postPointsByHand(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.output<typeof pointsBody>,
): Promise<Member> {
  await memberFor(deps, actor, id, 'members.manage');
  if (input.kind !== 'adjust' && input.points < 0) throw memberErrors.pointsSign();
  const points = input.kind === 'redeem' ? -input.points : input.points;
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const member = await lockMember(tx, id);
    if (!member) throw memberErrors.memberNotFound();
    await postPoints(tx, now, actor, member, { kind: input.kind, points, reason: input.reason });
  });
  return present((await findMember(deps.db, id))!);
}

function listFilter(
  actor: Actor,
  q: Omit<z.output<typeof membersQuery>, 'page' | 'pageSize'>,
): SQL | undefined {
  return and(
    unitsWithin(scopeRoots(actor.grants, 'members.read')),
    q.unitId ? sql`${q.unitId}::uuid = any(${organisationUnits.path})` : undefined,
    q.level ? eq(members.level, q.level) : undefined,
    q.q ? or(ilike(customers.name, `%${q.q}%`), ilike(members.memberNumber, `%${q.q}%`)) : undefined,
  );
}

/** Members in the caller's units, newest first. */
export async function listMembers(
  deps: Deps,
  actor: Actor,
  q: z.output<typeof membersQuery>,
): Promise<{ items: Member[]; total: number }> {
  const where = listFilter(actor, q);
  const base = () =>
    deps.db
      .select(memberColumns)
      .from(members)
      .innerJoin(customers, eq(customers.id, members.customerId))
      .innerJoin(organisationUnits, eq(organisationUnits.id, members.unitId))
      .where(where);
  const [rows, [counted]] = await Promise.all([
    base()
      .orderBy(desc(members.joinedOn), desc(members.memberNumber))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    deps.db
      .select({ n: sql<number>`count(*)::int` })
      .from(members)
      .innerJoin(customers, eq(customers.id, members.customerId))
      .innerJoin(organisationUnits, eq(organisationUnits.id, members.unitId))
      .where(where),
  ]);
  return { items: rows.map(present), total: counted?.n ?? 0 };
}

/** One member with their whole ledger, newest first. */
export async function memberLedger(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<{ member: Member; items: PointsEntry[] }> {
  const found = await memberFor(deps, actor, id, 'members.read');
  const rows = await deps.db
    .select()
    .from(memberPointsEntries)
    .where(eq(memberPointsEntries.memberId, id))
    .orderBy(desc(memberPointsEntries.at), desc(memberPointsEntries.id));
  const names = await displayNames(
    deps.db,
    rows.map((r) => r.createdBy),
  );
  return {
    member: present(found),
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      points: r.points,
      reason: r.reason,
      activityId: r.activityId,
      remaining: r.remaining,
      expiresAt: r.expiresAt?.toISOString() ?? null,
      by: r.createdBy ? (names.get(r.createdBy) ?? null) : null,
      at: r.at.toISOString(),
    })),
  };
}

/** The member of a customer, if they joined (the portal shows its points). */
export async function memberOfCustomer(db: Db, customerId: string): Promise<MemberRow | undefined> {
  const [row] = await db.select().from(members).where(eq(members.customerId, customerId));
  return row;
}

/**
 * MEM-1: new members counted at month end — for each month of the year, who joined in it and how
 * many members there were on its last day, in the caller's units. The joined date is never changed
 * and a membership is never deleted, so a closed month's count stays what it was at its end.
 */
export async function monthlyCounts(
  deps: Deps,
  actor: Actor,
  q: z.output<typeof monthlyCountsQuery>,
): Promise<MonthlyCounts> {
  const where = and(
    unitsWithin(scopeRoots(actor.grants, 'members.read')),
    q.unitId ? sql`${q.unitId}::uuid = any(${organisationUnits.path})` : undefined,
  );
  const start = `${q.year}-01-01`;
  const end = `${q.year}-12-31`;
  const [byMonth, [before]] = await Promise.all([
    deps.db
      .select({ month: sql<string>`to_char(${members.joinedOn}, 'YYYY-MM')`, n: sql<number>`count(*)::int` })
      .from(members)
      .innerJoin(organisationUnits, eq(organisationUnits.id, members.unitId))
      .where(and(where, sql`${members.joinedOn} between ${start} and ${end}`))
      .groupBy(sql`1`),
    deps.db
      .select({ n: sql<number>`count(*)::int` })
      .from(members)
      .innerJoin(organisationUnits, eq(organisationUnits.id, members.unitId))
      .where(and(where, sql`${members.joinedOn} < ${start}`)),
  ]);
  const counts = new Map(byMonth.map((r) => [r.month, r.n]));
  const today = localDateOf(deps.clock.now(), 'Asia/Shanghai');
  let total = before?.n ?? 0;
  const months = Array.from({ length: 12 }, (_, i) => {
    const month = `${q.year}-${String(i + 1).padStart(2, '0')}`;
    const lastDay = new Date(Date.UTC(q.year, i + 1, 0)).toISOString().slice(0, 10);
    const newMembers = counts.get(month) ?? 0;
    total += newMembers;
    return { month, newMembers, totalAtMonthEnd: total, closed: lastDay < today };
  });
  return { year: q.year, months };
}
