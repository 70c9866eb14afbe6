import { asc, eq, inArray } from 'drizzle-orm';
import { can, scopeRoots } from '../../../domain/permissions';
import { RECTIFICATION_KINDS, type RectificationKind } from '../../../domain/tickets';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { recordAudit } from '../audit/audit.service';
import { authErrors } from '../auth/auth.errors';
import {
  assertCan,
  findUnit,
  loadGrants,
  membershipsOf,
  unitsWithin,
  type UnitRow,
} from '../org/org.service';
import { organisationUnits, users } from '../org/org.table';
import { routingErrors } from './routing.errors';
import {
  departmentServes,
  findSalesChannel,
  findTeam,
  inLine,
  rulesOnPath,
  teamMemberIds,
  TRAINEE_ROLE,
  type RoutingRuleRow,
  type SalesChannelRow,
  type TeamRow,
} from './routing.repository';
import { routingRules, salesChannels, teamMembers, teams } from './routing.table';

export interface TeamView {
  team: TeamRow;
  memberIds: string[];
}

/** Unit the caller manages routing in (404 outside scope, 403 when they may only read tickets there). */
async function managedUnit(deps: Deps, actor: Actor, unitId: string): Promise<UnitRow> {
  const unit = await findUnit(deps.db, unitId);
  if (!unit) throw routingErrors.unitNotFound();
  if (can(actor.grants, 'routing.manage', unit.path)) return unit;
  if (can(actor.grants, 'tickets.read', unit.path))
    throw authErrors.forbidden({ permission: 'routing.manage' });
  throw routingErrors.unitNotFound();
}

/** Roots of what the caller may list: wherever they read tickets or manage routing. */
function listRoots(actor: Actor): string[] {
  const roots = [
    ...new Set([...scopeRoots(actor.grants, 'tickets.read'), ...scopeRoots(actor.grants, 'routing.manage')]),
  ];
  if (roots.length === 0) throw authErrors.forbidden({ permission: 'tickets.read' });
  return roots;
}

// Drizzle wraps the driver's error; the SQLSTATE is on the cause.
const isUniqueViolation = (err: unknown) => {
  const e = err as { code?: string; cause?: { code?: string } };
  return (e.cause ?? e).code === '23505';
};

/** Members must be active and able to see the team's tickets; trainees never take intake (IN-7). */
async function checkMembers(db: Db, unit: UnitRow, memberIds: string[]) {
  const ids = [...new Set(memberIds)];
  if (ids.length === 0) return ids;
  const found = await db
    .select({ id: users.id, status: users.status })
    .from(users)
    .where(inArray(users.id, ids));
  if (found.length !== ids.length || found.some((u) => u.status !== 'active'))
    throw routingErrors.memberNotFound();
  const roles = await membershipsOf(db, ids);
  for (const id of ids) {
    if ((roles.get(id) ?? []).some((m) => m.roleCode === TRAINEE_ROLE))
      throw routingErrors.traineeCannotTakeIntake({ userId: id });
    if (!can(await loadGrants(db, id), 'tickets.read', unit.path))
      throw routingErrors.memberCannotSeeTickets({ userId: id });
  }
  return ids;
}

export async function listTeams(
  deps: Deps,
  actor: Actor,
  query: { unitId?: string | undefined },
): Promise<TeamView[]> {
  const roots = query.unitId ? [await visibleUnitId(deps, actor, query.unitId)] : listRoots(actor);
  const rows = await deps.db
    .select({ team: teams })
    .from(teams)
    .innerJoin(organisationUnits, eq(organisationUnits.id, teams.unitId))
    .where(unitsWithin(roots))
    .orderBy(asc(teams.name));
  const members = await teamMemberIds(
    deps.db,
    rows.map((r) => r.team.id),
  );
  return rows.map(({ team }) => ({ team, memberIds: members.get(team.id) ?? [] }));
}

async function visibleUnitId(deps: Deps, actor: Actor, unitId: string): Promise<string> {
  const unit = await findUnit(deps.db, unitId);
  if (
    !unit ||
    !(can(actor.grants, 'tickets.read', unit.path) || can(actor.grants, 'routing.manage', unit.path))
  ) {
    throw routingErrors.unitNotFound();
  }
  return unit.id;
}

export async function createTeam(
  deps: Deps,
  actor: Actor,
  input: { unitId: string; name: string; memberIds?: string[] | undefined },
) {
  const unit = await managedUnit(deps, actor, input.unitId);
  const memberIds = await checkMembers(deps.db, unit, input.memberIds ?? []);
  const now = deps.clock.now();
  try {
    return await deps.db.transaction(async (tx) => {
      const [team] = await tx
        .insert(teams)
        .values({ unitId: unit.id, name: input.name, createdAt: now, updatedAt: now })
        .returning();
      if (memberIds.length > 0)
        await tx.insert(teamMembers).values(memberIds.map((userId) => ({ teamId: team!.id, userId })));
      await recordAudit(tx, now, actor, {
        action: 'routing.team.created',
        subjectType: 'team',
        subjectId: team!.id,
        unitId: unit.id,
        after: { ...team, memberIds },
      });
      return { team: team!, memberIds };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw routingErrors.teamNameTaken();
    throw err;
  }
}

export async function updateTeam(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { name?: string | undefined; active?: boolean | undefined; memberIds?: string[] | undefined },
): Promise<TeamView> {
  const found = await findTeam(deps.db, id);
  if (!found) throw routingErrors.teamNotFound();
  assertCan(actor, 'routing.manage', found.unit.path, routingErrors.teamNotFound);
  const memberIds = input.memberIds ? await checkMembers(deps.db, found.unit, input.memberIds) : undefined;
  const now = deps.clock.now();
  try {
    return await deps.db.transaction(async (tx) => {
      const before = { ...found.team, memberIds: (await teamMemberIds(tx, [id])).get(id) ?? [] };
      const [team] = await tx
        .update(teams)
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.active !== undefined ? { active: input.active } : {}),
          updatedAt: now,
        })
        .where(eq(teams.id, id))
        .returning();
      if (memberIds) {
        await tx.delete(teamMembers).where(eq(teamMembers.teamId, id));
        if (memberIds.length > 0)
          await tx.insert(teamMembers).values(memberIds.map((userId) => ({ teamId: id, userId })));
      }
      const after = { team: team!, memberIds: memberIds ?? before.memberIds };
      await recordAudit(tx, now, actor, {
        action: 'routing.team.updated',
        subjectType: 'team',
        subjectId: id,
        unitId: found.unit.id,
        before,
        after: { ...after.team, memberIds: after.memberIds },
      });
      return after;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw routingErrors.teamNameTaken();
    throw err;
  }
}

export async function listSalesChannels(
  deps: Deps,
  actor: Actor,
  query: { unitId?: string | undefined },
): Promise<SalesChannelRow[]> {
  const roots = query.unitId ? [await visibleUnitId(deps, actor, query.unitId)] : listRoots(actor);
  const rows = await deps.db
    .select({ channel: salesChannels })
    .from(salesChannels)
    .innerJoin(organisationUnits, eq(organisationUnits.id, salesChannels.unitId))
    .where(unitsWithin(roots))
    .orderBy(asc(salesChannels.name));
  return rows.map((r) => r.channel);
}

/** CL-4: the owning team must be active and in line with the channel's unit. */
async function owningTeam(deps: Deps, unit: UnitRow, teamId: string) {
  const found = await findTeam(deps.db, teamId);
  if (!found || !inLine(found.unit, unit)) throw routingErrors.teamNotFound();
  if (!found.team.active) throw routingErrors.teamInactive();
  return found.team;
}

export async function createSalesChannel(
  deps: Deps,
  actor: Actor,
  input: { unitId: string; name: string; platform?: string | null | undefined; teamId: string },
) {
  const unit = await managedUnit(deps, actor, input.unitId);
  const team = await owningTeam(deps, unit, input.teamId);
  const now = deps.clock.now();
  try {
    return await deps.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(salesChannels)
        .values({
          unitId: unit.id,
          name: input.name,
          platform: input.platform ?? null,
          teamId: team.id,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await recordAudit(tx, now, actor, {
        action: 'routing.sales_channel.created',
        subjectType: 'sales_channel',
        subjectId: row!.id,
        unitId: unit.id,
        after: row,
      });
      return row!;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw routingErrors.salesChannelNameTaken();
    throw err;
  }
}

export async function updateSalesChannel(
  deps: Deps,
  actor: Actor,
  id: string,
  input: {
    name?: string | undefined;
    platform?: string | null | undefined;
    teamId?: string | undefined;
    active?: boolean | undefined;
  },
) {
  const found = await findSalesChannel(deps.db, id);
  if (!found) throw routingErrors.salesChannelNotFound();
  assertCan(actor, 'routing.manage', found.unit.path, routingErrors.salesChannelNotFound);
  if (input.teamId) await owningTeam(deps, found.unit, input.teamId);
  const now = deps.clock.now();
  try {
    return await deps.db.transaction(async (tx) => {
      const [row] = await tx
        .update(salesChannels)
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.platform !== undefined ? { platform: input.platform } : {}),
          ...(input.teamId !== undefined ? { teamId: input.teamId } : {}),
          ...(input.active !== undefined ? { active: input.active } : {}),
          updatedAt: now,
        })
        .where(eq(salesChannels.id, id))
        .returning();
      await recordAudit(tx, now, actor, {
        action: 'routing.sales_channel.updated',
        subjectType: 'sales_channel',
        subjectId: id,
        unitId: found.unit.id,
        before: found.channel,
        after: row,
      });
      return row!;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw routingErrors.salesChannelNameTaken();
    throw err;
  }
}

export interface RoutingRulesView {
  unitId: string;
  own: RoutingRuleRow[];
  /** Per kind: the department in force at this unit and the unit whose rule it is (null = none). */
  effective: {
    rectificationKind: RectificationKind;
    departmentId: string | null;
    sourceUnitId: string | null;
  }[];
}

export async function getRoutingRules(deps: Deps, actor: Actor, unitId: string): Promise<RoutingRulesView> {
  await visibleUnitId(deps, actor, unitId);
  const unit = (await findUnit(deps.db, unitId))!;
  const rows = await rulesOnPath(deps.db, unit.path);
  const effective = RECTIFICATION_KINDS.map((kind) => {
    for (let i = unit.path.length - 1; i >= 0; i--) {
      const rule = rows.find((r) => r.unitId === unit.path[i] && r.rectificationKind === kind);
      if (rule)
        return { rectificationKind: kind, departmentId: rule.departmentId, sourceUnitId: rule.unitId };
    }
    return { rectificationKind: kind, departmentId: null, sourceUnitId: null };
  });
  return { unitId, own: rows.filter((r) => r.unitId === unit.id), effective };
}

/** CL-3: replaces the unit's own rules (an empty list = inherit from above). Audited. */
export async function putRoutingRules(
  deps: Deps,
  actor: Actor,
  unitId: string,
  rules: { rectificationKind: RectificationKind; departmentId: string }[],
): Promise<RoutingRulesView> {
  const unit = await managedUnit(deps, actor, unitId);
  if (new Set(rules.map((r) => r.rectificationKind)).size !== rules.length)
    throw routingErrors.duplicateKind();
  for (const rule of rules) {
    const department = await findUnit(deps.db, rule.departmentId);
    if (!department || !departmentServes(department, unit))
      throw routingErrors.departmentNotFound({ departmentId: rule.departmentId });
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const before = await tx.select().from(routingRules).where(eq(routingRules.unitId, unit.id));
    await tx.delete(routingRules).where(eq(routingRules.unitId, unit.id));
    if (rules.length > 0) {
      await tx.insert(routingRules).values(
        rules.map((r) => ({
          unitId: unit.id,
          rectificationKind: r.rectificationKind,
          departmentId: r.departmentId,
          createdAt: now,
          updatedAt: now,
        })),
      );
    }
    await recordAudit(tx, now, actor, {
      action: 'routing.rules.updated',
      subjectType: 'routing_rules',
      subjectId: unit.id,
      unitId: unit.id,
      before,
      after: rules,
    });
  });
  return getRoutingRules(deps, actor, unitId);
}
