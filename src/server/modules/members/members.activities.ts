/**
 * Member activities (MEM-2): the yearly plan made with marketing (theme, date, target group, type),
 * per activity its coordinator and implementation plan, sign-ups, attendance, the after-action
 * summary and evaluation. Attending earns the activity's points, granted within a week after it
 * (MEM-1) — by the daily job, or at once when attendance is recorded after the grant ran — and at
 * most once per member (the ledger's unique key).
 */
import { and, asc, eq, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { localDateOf } from '../../../domain/calendar';
import { pointsGrantDueOn, pointsGrantOverdue } from '../../../domain/members';
import type { activityBody, activityPatch, activitiesQuery, MemberActivity } from '../../../shared/members';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { recordAudit } from '../audit/audit.service';
import { customers } from '../customers/customers.table';
import { assertCan, findUnit } from '../org/org.service';
import { organisationUnits, users } from '../org/org.table';
import { memberErrors } from './members.errors';
import { lockMember, postPoints } from './members.points';
import { memberActivities, memberActivitySignups, members } from './members.table';

type ActivityRow = typeof memberActivities.$inferSelect;
const TIME_ZONE = 'Asia/Shanghai';

async function activityFor(
  deps: Deps,
  actor: Actor,
  id: string,
  permission: 'members.read' | 'members.manage',
) {
  const [row] = await deps.db
    .select({ activity: memberActivities, unitPath: organisationUnits.path })
    .from(memberActivities)
    .innerJoin(organisationUnits, eq(organisationUnits.id, memberActivities.unitId))
    .where(eq(memberActivities.id, id));
  if (!row) throw memberErrors.activityNotFound();
  assertCan(actor, permission, row.unitPath, memberErrors.activityNotFound);
  return row;
}

async function present(deps: Deps, rows: ActivityRow[]): Promise<MemberActivity[]> {
  const ids = rows.map((r) => r.id);
  const counts =
    ids.length === 0
      ? []
      : await deps.db
          .select({
            activityId: memberActivitySignups.activityId,
            signedUp: sql<number>`count(*)::int`,
            attended: sql<number>`count(*) filter (where ${memberActivitySignups.attended})::int`,
          })
          .from(memberActivitySignups)
          .where(inArray(memberActivitySignups.activityId, ids))
          .groupBy(memberActivitySignups.activityId);
  const byId = new Map(counts.map((c) => [c.activityId, c]));
  const today = localDateOf(deps.clock.now(), TIME_ZONE);
  return rows.map((a) => ({
    id: a.id,
    unitId: a.unitId,
    year: a.year,
    theme: a.theme,
    date: a.date,
    targetGroup: a.targetGroup,
    type: a.type,
    points: a.points,
    coordinatorId: a.coordinatorId,
    implementationPlan: a.implementationPlan,
    state: a.state,
    summary: a.summary,
    evaluation: a.evaluation,
    pointsDueOn: pointsGrantDueOn(a.date),
    pointsGrantedAt: a.pointsGrantedAt?.toISOString() ?? null,
    pointsOverdue:
      a.state !== 'cancelled' && a.points > 0 && pointsGrantOverdue(a.date, a.pointsGrantedAt, today),
    signedUp: byId.get(a.id)?.signedUp ?? 0,
    attended: byId.get(a.id)?.attended ?? 0,
  }));
}

async function checkCoordinator(db: Db, coordinatorId: string | null | undefined) {
  if (!coordinatorId) return;
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.id, coordinatorId));
  if (!u) throw memberErrors.coordinatorNotFound();
}

/** An activity of the unit's yearly plan. */
export async function createActivity(
  deps: Deps,
  actor: Actor,
  input: z.output<typeof activityBody>,
): Promise<MemberActivity> {
  const unit = await findUnit(deps.db, input.unitId);
  if (!unit || !unit.active) throw memberErrors.unitNotFound();
  assertCan(actor, 'members.manage', unit.path, memberErrors.unitNotFound);
  await checkCoordinator(deps.db, input.coordinatorId);
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const [a] = await tx
      .insert(memberActivities)
      .values({
        ...input,
        coordinatorId: input.coordinatorId ?? null,
        implementationPlan: input.implementationPlan ?? null,
        year: Number(input.date.slice(0, 4)),
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, now, actor, {
      action: 'member_activity.planned',
      subjectType: 'member_activity',
      subjectId: a!.id,
      unitId: a!.unitId,
      after: a,
    });
    return a!;
  });
  return (await present(deps, [row]))[0]!;
}

/** Coordinator, implementation plan, held/cancelled, the after-action summary and evaluation. */
export async function updateActivity(
  deps: Deps,
  actor: Actor,
  id: string,
  patch: z.output<typeof activityPatch>,
): Promise<MemberActivity> {
  const { activity: before } = await activityFor(deps, actor, id, 'members.manage');
  await checkCoordinator(deps.db, patch.coordinatorId);
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const [a] = await tx
      .update(memberActivities)
      .set({ ...patch, updatedAt: now })
      .where(eq(memberActivities.id, id))
      .returning();
    await recordAudit(tx, now, actor, {
      action: 'member_activity.updated',
      subjectType: 'member_activity',
      subjectId: id,
      unitId: before.unitId,
      before,
      after: a,
    });
    return a!;
  });
  return (await present(deps, [row]))[0]!;
}

/** The yearly plan of a unit (its own activities and those of the units above it). */
export async function listActivities(
  deps: Deps,
  actor: Actor,
  q: z.output<typeof activitiesQuery>,
): Promise<MemberActivity[]> {
  const unit = await findUnit(deps.db, q.unitId);
  if (!unit) throw memberErrors.unitNotFound();
  assertCan(actor, 'members.read', unit.path, memberErrors.unitNotFound);
  const rows = await deps.db
    .select()
    .from(memberActivities)
    .where(and(inArray(memberActivities.unitId, [...unit.path]), eq(memberActivities.year, q.year)))
    .orderBy(asc(memberActivities.date), asc(memberActivities.theme));
  return present(deps, rows);
}

/** A member of the activity's unit (or a unit below it) signs up; signing up twice is one sign-up. */
export async function signUp(deps: Deps, actor: Actor, activityId: string, memberId: string) {
  const { activity } = await activityFor(deps, actor, activityId, 'members.manage');
  if (activity.state === 'cancelled') throw memberErrors.activityClosed();
  const [member] = await deps.db
    .select({ id: members.id, unitPath: organisationUnits.path })
    .from(members)
    .innerJoin(organisationUnits, eq(organisationUnits.id, members.unitId))
    .where(eq(members.id, memberId));
  if (!member || !member.unitPath.includes(activity.unitId)) throw memberErrors.memberOutsideActivity();
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(memberActivitySignups)
      .values({ activityId, memberId, signedUpAt: now })
      .onConflictDoNothing()
      .returning();
    if (row)
      await recordAudit(tx, now, actor, {
        action: 'member_activity.signed_up',
        subjectType: 'member_activity',
        subjectId: activityId,
        unitId: activity.unitId,
        after: { memberId },
      });
  });
  return listSignups(deps, actor, activityId);
}

/** Marks who came; when the activity's points were already granted, the late-marked get theirs now. */
export async function recordAttendance(deps: Deps, actor: Actor, activityId: string, memberIds: string[]) {
  const { activity } = await activityFor(deps, actor, activityId, 'members.manage');
  if (activity.state === 'cancelled') throw memberErrors.activityClosed();
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    for (const memberId of memberIds) {
      const [row] = await tx
        .update(memberActivitySignups)
        .set({ attended: true, attendanceRecordedAt: now })
        .where(
          and(eq(memberActivitySignups.activityId, activityId), eq(memberActivitySignups.memberId, memberId)),
        )
        .returning();
      if (!row) throw memberErrors.notSignedUp({ memberId });
    }
    await recordAudit(tx, now, actor, {
      action: 'member_activity.attendance',
      subjectType: 'member_activity',
      subjectId: activityId,
      unitId: activity.unitId,
      after: { attended: memberIds },
    });
    if (activity.pointsGrantedAt) await grantActivityPoints(tx, now, activityId, actor);
  });
  return listSignups(deps, actor, activityId);
}

/** Who signed up, and whether they came. */
export async function listSignups(deps: Deps, actor: Actor, activityId: string) {
  await activityFor(deps, actor, activityId, 'members.read');
  const rows = await deps.db
    .select({
      memberId: members.id,
      memberNumber: members.memberNumber,
      customerName: customers.name,
      signedUpAt: memberActivitySignups.signedUpAt,
      attended: memberActivitySignups.attended,
    })
    .from(memberActivitySignups)
    .innerJoin(members, eq(members.id, memberActivitySignups.memberId))
    .innerJoin(customers, eq(customers.id, members.customerId))
    .where(eq(memberActivitySignups.activityId, activityId))
    .orderBy(asc(members.memberNumber));
  return rows.map((r) => ({ ...r, signedUpAt: r.signedUpAt.toISOString() }));
}

/**
 * Grants the activity's points to every attending member who has not had them (MEM-1: exactly once
 * per activity and member — the ledger's unique key makes a second grant write nothing). Marks the
 * activity granted. Returns how many members were credited now.
 */
export async function grantActivityPoints(
  tx: Db,
  now: Date,
  activityId: string,
  actor: Pick<Actor, 'userId' | 'ip'> | null = null,
): Promise<number> {
  const [activity] = await tx
    .select()
    .from(memberActivities)
    .where(eq(memberActivities.id, activityId))
    .for('update');
  if (!activity || activity.state === 'cancelled') return 0;
  let granted = 0;
  if (activity.points > 0) {
    const attended = await tx
      .select({ memberId: memberActivitySignups.memberId })
      .from(memberActivitySignups)
      .where(and(eq(memberActivitySignups.activityId, activityId), eq(memberActivitySignups.attended, true)))
      .orderBy(asc(memberActivitySignups.memberId));
    for (const { memberId } of attended) {
      const member = await lockMember(tx, memberId);
      if (!member) continue;
      const entry = await postPoints(tx, now, actor, member, {
        kind: 'earn',
        points: activity.points,
        reason: `参加会员活动「${activity.theme}」（${activity.date}）`,
        activityId,
      });
      if (entry) granted += 1;
    }
  }
  if (!activity.pointsGrantedAt)
    await tx
      .update(memberActivities)
      .set({ pointsGrantedAt: now })
      .where(eq(memberActivities.id, activityId));
  return granted;
}

/** A staff member grants an activity's points now (before the daily job does). */
export async function grantNow(deps: Deps, actor: Actor, activityId: string): Promise<{ granted: number }> {
  await activityFor(deps, actor, activityId, 'members.manage');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => ({
    granted: await grantActivityPoints(tx, now, activityId, actor),
  }));
}

/** Activities held before `today` whose points are not yet granted (the daily job's list). */
export async function activitiesAwaitingGrant(db: Db, today: string): Promise<string[]> {
  const rows = await db
    .select({ id: memberActivities.id })
    .from(memberActivities)
    .where(
      and(
        lt(memberActivities.date, today),
        isNull(memberActivities.pointsGrantedAt),
        ne(memberActivities.state, 'cancelled'),
      ),
    )
    .limit(500);
  return rows.map((r) => r.id);
}
