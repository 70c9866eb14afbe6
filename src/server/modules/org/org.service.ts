/** The org module's public face: what other modules may call (docs/decisions/0012-module-boundaries.md). */
export { clearOrgCachesOnWrites, findUnitRecent, orgCache } from './org.cache';
export { assertCan, scopeOf } from './org.policy';
export { presentMembership } from './org.presenter';
export {
  activeActorOf,
  findUnit,
  grantsOfUser,
  loadGrants,
  membershipsOf,
  type MembershipView,
  nearestRoleHolders,
  permissionHolders,
  unitNames,
  unitPaths,
  type UnitRow,
  unitIdsWithin,
  unitsWithin,
} from './org.repository';
export { pagination } from './org.schemas';
export { displayNames, getUser } from './users.usecases';
export { unitContact, type UnitContact } from './units.contact';
export { unitBusinessType } from './units.business-type';
