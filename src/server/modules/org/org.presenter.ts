import type { MembershipView, RoleRow, UnitRow, UserRow } from './org.repository';
import type { accountRequests } from './org.table';

/** Client shapes of the organisation module; nothing secret (hashes, counters) leaves here. */
export function presentUnit(unit: UnitRow) {
  return {
    id: unit.id,
    parentId: unit.parentId,
    kind: unit.kind,
    name: unit.name,
    code: unit.code,
    timezone: unit.timezone,
    active: unit.active,
    path: unit.path,
    displayName: unit.displayName,
    address: unit.address,
    servicePhone: unit.servicePhone,
    businessType: unit.businessType,
  };
}

export function presentMembership(m: MembershipView) {
  return {
    unitId: m.unitId,
    unitName: m.unitName,
    unitKind: m.unitKind,
    roleId: m.roleId,
    roleCode: m.roleCode,
    roleNameZh: m.roleNameZh,
    roleNameEn: m.roleNameEn,
  };
}

export function presentUser(user: UserRow, memberships: MembershipView[]) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    phone: user.phone,
    email: user.email,
    status: user.status,
    lockedUntil: user.lockedUntil ? user.lockedUntil.toISOString() : null,
    createdAt: user.createdAt.toISOString(),
    memberships: memberships.map(presentMembership),
  };
}

export function presentRole(role: RoleRow) {
  return {
    id: role.id,
    code: role.code,
    nameZh: role.nameZh,
    nameEn: role.nameEn,
    permissions: role.permissions,
    builtin: role.builtin,
  };
}

type AccountRequestRow = typeof accountRequests.$inferSelect;

export function presentAccountRequest(
  row: AccountRequestRow,
  names: {
    unitName: string;
    roleCode: string;
    people: Map<string, string>;
  },
) {
  const person = (id: string | null) => (id ? { id, displayName: names.people.get(id) ?? '' } : null);
  return {
    id: row.id,
    unitId: row.unitId,
    unitName: names.unitName,
    roleId: row.roleId,
    roleCode: names.roleCode,
    username: row.username,
    displayName: row.displayName,
    phone: row.phone,
    email: row.email,
    reason: row.reason,
    status: row.status,
    requestedBy: person(row.requestedBy)!,
    requestedAt: row.requestedAt.toISOString(),
    decidedBy: person(row.decidedBy),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionComment: row.decisionComment,
    openedBy: person(row.openedBy),
    openedAt: row.openedAt?.toISOString() ?? null,
    userId: row.userId,
  };
}
