import type { SalesChannelRow } from './routing.repository';
import type { RoutingRulesView, TeamView } from './routing.usecases';

export function presentTeam({ team, memberIds }: TeamView) {
  return {
    id: team.id,
    unitId: team.unitId,
    name: team.name,
    active: team.active,
    memberIds: [...memberIds].sort(),
    createdAt: team.createdAt.toISOString(),
    updatedAt: team.updatedAt.toISOString(),
  };
}

export function presentSalesChannel(row: SalesChannelRow) {
  return {
    id: row.id,
    unitId: row.unitId,
    name: row.name,
    platform: row.platform,
    teamId: row.teamId,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentRoutingRules(view: RoutingRulesView) {
  return {
    unitId: view.unitId,
    own: view.own.map((r) => ({ rectificationKind: r.rectificationKind, departmentId: r.departmentId })),
    effective: view.effective,
  };
}
