// The foundation API's shapes, derived from the Zod schemas in src/shared that the server validates
// and documents with (decision 0013); nothing here is written by hand.
export type { Me } from '../../shared/auth';
export type { AuditEntry } from '../../shared/audit';
export type { ItemList, Page } from '../../shared/common';
export type {
  AccountRequest,
  AccountRequestStatus,
  MembershipInput,
  Permission,
  PersonRef,
  Role,
  Unit,
  UnitKind,
  User,
  UserMembership,
  UserStatus,
} from '../../shared/org';
