import { and, eq, inArray } from 'drizzle-orm';
import type { RectificationKind } from '../../../domain/tickets';
import type { Db } from '../../app/db';
import { findUnit, membershipsOf, type UnitRow } from '../org/org.service';
import { routingRules, salesChannels, teamMembers, teams } from './routing.table';

export type TeamRow = typeof teams.$inferSelect;
export type SalesChannelRow = typeof salesChannels.$inferSelect;
export type RoutingRuleRow = typeof routingRules.$inferSelect;

/**
 * Units "in line" with each other: one is the other, above it or below it. A team, a sales channel
 * or a department serves the tickets of units in line with its own unit, never a sibling store's.
 */
export function inLine(a: Pick<UnitRow, 'id' | 'path'>, b: Pick<UnitRow, 'id' | 'path'>): boolean {
  return a.path.includes(b.id) || b.path.includes(a.id);
}

/** A department may serve `unit` when it is in line with it, or sits directly under a unit above it (HQ finance). */
export function departmentServes(department: UnitRow, unit: Pick<UnitRow, 'id' | 'path'>): boolean {
  if (department.kind !== 'department' || !department.active) return false;
  return (
    inLine(department, unit) || (department.parentId !== null && unit.path.includes(department.parentId))
  );
}

export async function findTeam(db: Db, id: string): Promise<{ team: TeamRow; unit: UnitRow } | undefined> {
  const [team] = await db.select().from(teams).where(eq(teams.id, id));
  if (!team) return undefined;
  const unit = await findUnit(db, team.unitId);
  return unit ? { team, unit } : undefined;
}

export async function findSalesChannel(
  db: Db,
  id: string,
): Promise<{ channel: SalesChannelRow; unit: UnitRow } | undefined> {
  const [channel] = await db.select().from(salesChannels).where(eq(salesChannels.id, id));
  if (!channel) return undefined;
  const unit = await findUnit(db, channel.unitId);
  return unit ? { channel, unit } : undefined;
}

export async function teamMemberIds(db: Db, teamIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (teamIds.length === 0) return out;
  const rows = await db.select().from(teamMembers).where(inArray(teamMembers.teamId, teamIds));
  for (const r of rows) out.set(r.teamId, [...(out.get(r.teamId) ?? []), r.userId]);
  return out;
}

/** Teams a person belongs to (for "my queue": tickets waiting in one of my teams). */
export async function teamsOfUser(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(and(eq(teamMembers.userId, userId), eq(teams.active, true)));
  return rows.map((r) => r.teamId);
}

export async function teamNames(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(inArray(teams.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function salesChannelNames(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: salesChannels.id, name: salesChannels.name })
    .from(salesChannels)
    .where(inArray(salesChannels.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** CL-3: the department for a rectification kind — the rule of the nearest unit up the tree, or none. */
export async function departmentForRectification(
  db: Db,
  unit: Pick<UnitRow, 'path'>,
  kind: RectificationKind,
): Promise<string | null> {
  const rows = await db
    .select()
    .from(routingRules)
    .where(and(inArray(routingRules.unitId, [...unit.path]), eq(routingRules.rectificationKind, kind)));
  for (let i = unit.path.length - 1; i >= 0; i--) {
    const rule = rows.find((r) => r.unitId === unit.path[i]);
    if (rule) return rule.departmentId;
  }
  return null;
}

export async function rulesOnPath(db: Db, path: readonly string[]): Promise<RoutingRuleRow[]> {
  return db
    .select()
    .from(routingRules)
    .where(inArray(routingRules.unitId, [...path]));
}

/** IN-7: the role code of people not yet working on their own. */
export const TRAINEE_ROLE = 'trainee';

/** IN-7: true when the person holds the trainee role in any unit. */
export async function isTrainee(db: Db, userId: string): Promise<boolean> {
  const list = (await membershipsOf(db, [userId])).get(userId) ?? [];
  return list.some((m) => m.roleCode === TRAINEE_ROLE);
}
