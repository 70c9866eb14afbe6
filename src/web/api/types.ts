// Shapes of the foundation API (docs/api.md). Kept by hand until src/shared holds the Zod schemas.

export type UnitKind = 'headquarters' | 'region' | 'store' | 'department';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  locale: 'zh-CN' | 'en';
  mustChangePassword: boolean;
  memberships: Array<{
    unitId: string;
    unitName: string;
    unitKind: UnitKind;
    roleId: string;
    roleCode: string;
    roleNameZh: string;
    roleNameEn: string;
  }>;
  permissions: string[];
}

export interface Permission {
  code: string;
  nameZh: string;
  nameEn: string;
  group: string;
}

export interface Unit {
  id: string;
  parentId: string | null;
  kind: UnitKind;
  name: string;
  code: string | null;
  timezone: string;
  active: boolean;
  path: string[];
}

export interface UserMembership {
  unitId: string;
  unitName: string;
  roleId: string;
  roleCode: string;
  roleNameZh: string;
  roleNameEn: string;
}

export type UserStatus = 'active' | 'disabled';

export interface User {
  id: string;
  username: string;
  displayName: string;
  phone: string | null;
  email: string | null;
  status: UserStatus;
  lockedUntil: string | null;
  createdAt: string;
  memberships: UserMembership[];
}

export interface Role {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  permissions: string[];
  builtin: boolean;
}

export type AccountRequestStatus = 'pending' | 'approved' | 'rejected' | 'opened';

export interface PersonRef {
  id: string;
  displayName: string;
}

export interface AccountRequest {
  id: string;
  unitId: string;
  unitName: string;
  roleId: string;
  roleCode: string;
  username: string;
  displayName: string;
  phone: string | null;
  email: string | null;
  reason: string;
  status: AccountRequestStatus;
  requestedBy: PersonRef;
  requestedAt: string;
  decidedBy: PersonRef | null;
  decidedAt: string | null;
  decisionComment: string | null;
  openedBy: PersonRef | null;
  openedAt: string | null;
  userId: string | null;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: PersonRef | null;
  action: string;
  subjectType: string;
  subjectId: string;
  unitId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export type { ItemList, Page } from '../../shared/common';

export interface MembershipInput {
  unitId: string;
  roleId: string;
}
