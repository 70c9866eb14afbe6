import { z } from 'zod';
import { UNIT_KINDS } from '../domain/org/units';
import { BUSINESS_TYPES } from '../domain/org/business-types';

export { BUSINESS_TYPES, BUSINESS_TYPE_LABELS, effectiveBusinessType } from '../domain/org/business-types';
export type { BusinessType } from '../domain/org/business-types';
import { pagination, phoneText } from './common';

/**
 * Request and response schemas of the organisation module: the server validates and documents with
 * them (OpenAPI), the web takes its types from them.
 */
const name = z.string().trim().min(1).max(100);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
export const idParams = z.strictObject({ id: z.uuid() });
const username = z
  .string()
  .trim()
  .min(2)
  .max(50)
  .regex(/^[A-Za-z0-9._-]+$/, '用户名只能包含字母、数字、点、下划线和连字符 / letters, digits, . _ - only');
const password = z.string().min(8).max(128);
const phone = phoneText;
const email = z
  .email()
  .max(200)
  .nullable()
  .optional()
  .or(z.literal('').transform(() => null));
export { pagination };

export const unitSchema = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  kind: z.enum(UNIT_KINDS),
  name: z.string(),
  code: z.string().nullable(),
  timezone: z.string(),
  active: z.boolean(),
  path: z.array(z.string()),
  /** The unit's own customer-facing name, address and service phone (empty: taken from above). */
  displayName: z.string().nullable(),
  address: z.string().nullable(),
  servicePhone: z.string().nullable(),
  /** SAT-1: what the business is; null takes it from the unit above. */
  businessType: z.enum(BUSINESS_TYPES).nullable(),
});
/**
 * What customers see as the company on prints and customer pages (GET /units/:id/contact): the
 * nearest store or company (never a department), each empty field taken from the nearest unit above.
 */
export const unitContactSchema = z.object({
  unitId: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  servicePhone: z.string().nullable(),
});
export type UnitContactView = z.infer<typeof unitContactSchema>;
/** The customer-facing fields an administrator edits on a unit; '' or null clears (inherit). */
const unitContactFields = {
  displayName: optionalText(100),
  address: optionalText(300),
  servicePhone: phoneText,
  /** SAT-1: the business type (rating templates); null inherits from above. */
  businessType: z.enum(BUSINESS_TYPES).nullable().optional(),
};
export const listUnitsQuery = z.strictObject({ includeInactive: z.enum(['true', 'false']).optional() });
export const createUnitBody = z.strictObject({
  parentId: z.uuid(),
  kind: z.enum(UNIT_KINDS),
  name,
  code: optionalText(40),
  timezone: z
    .string()
    .max(60)
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, '未知时区 / unknown time zone')
    .optional(),
  /**
   * SLA-1: 'kind_default' gives the unit its kind's hours (a store: every day 09:30–21:00, open on
   * official holidays); 'inherit' keeps the parent's calendar (a store run on office hours).
   */
  calendar: z.enum(['kind_default', 'inherit']).default('kind_default'),
  ...unitContactFields,
});
export const updateUnitBody = z.strictObject({
  name: name.optional(),
  code: optionalText(40),
  active: z.boolean().optional(),
  ...unitContactFields,
});

export const unitKindSchema = z.enum(UNIT_KINDS);
const membershipOut = z.object({
  unitId: z.string(),
  unitName: z.string(),
  unitKind: unitKindSchema,
  roleId: z.string(),
  roleCode: z.string(),
  roleNameZh: z.string(),
  roleNameEn: z.string(),
});
export const userSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  memberships: z.array(membershipOut),
});
export const membershipIn = z.strictObject({ unitId: z.uuid(), roleId: z.uuid() });
export const listUsersQuery = z.strictObject({
  unitId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
  status: z.enum(['active', 'disabled']).optional(),
  ...pagination,
});
export const createUserBody = z.strictObject({
  username,
  displayName: name,
  password,
  phone,
  email,
  memberships: z.array(membershipIn).min(1).max(50),
});
export const updateUserBody = z.strictObject({
  displayName: name.optional(),
  phone,
  email,
  memberships: z.array(membershipIn).min(1).max(50).optional(),
});
export const disableUserBody = z.strictObject({ reassignToUserId: z.uuid().optional() });
export const resetPasswordBody = z.strictObject({ newPassword: password });

export const roleSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  permissions: z.array(z.string()),
  builtin: z.boolean(),
});
const permissionList = z.array(z.string().max(80)).max(200);
export const createRoleBody = z.strictObject({
  code: z
    .string()
    .trim()
    .min(2)
    .max(40)
    .regex(
      /^[a-z][a-z0-9_]*$/,
      '角色编码只能用小写字母、数字和下划线 / lowercase letters, digits and _ only',
    ),
  nameZh: name,
  nameEn: name,
  permissions: permissionList,
});
export const updateRoleBody = z.strictObject({
  nameZh: name.optional(),
  nameEn: name.optional(),
  permissions: permissionList.optional(),
});

export const personRef = z.object({ id: z.string(), displayName: z.string() });
const requestStatus = z.enum(['pending', 'approved', 'rejected', 'opened']);
export const accountRequestSchema = z.object({
  id: z.uuid(),
  unitId: z.string(),
  unitName: z.string(),
  roleId: z.string(),
  roleCode: z.string(),
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  reason: z.string(),
  status: requestStatus,
  requestedBy: personRef,
  requestedAt: z.string(),
  decidedBy: personRef.nullable(),
  decidedAt: z.string().nullable(),
  decisionComment: z.string().nullable(),
  openedBy: personRef.nullable(),
  openedAt: z.string().nullable(),
  userId: z.string().nullable(),
});
export const listAccountRequestsQuery = z.strictObject({ status: requestStatus.optional(), ...pagination });
export const fileAccountRequestBody = z.strictObject({
  unitId: z.uuid(),
  roleId: z.uuid(),
  username,
  displayName: name,
  phone,
  email,
  reason: z.string().trim().min(1).max(1000),
});
export const approveBody = z.strictObject({ comment: z.string().trim().max(1000).nullable().optional() });
export const rejectBody = z.strictObject({ comment: z.string().trim().min(1).max(1000) });
export const openAccountBody = z.strictObject({ initialPassword: password });

export const permissionCatalogue = z.object({
  items: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), group: z.string() })),
});

export type UnitKind = z.infer<typeof unitKindSchema>;
export type Unit = z.infer<typeof unitSchema>;
export type UserMembership = z.infer<typeof membershipOut>;
export type User = z.infer<typeof userSchema>;
export type UserStatus = User['status'];
export type MembershipInput = z.infer<typeof membershipIn>;
export type Role = z.infer<typeof roleSchema>;
export type PersonRef = z.infer<typeof personRef>;
export type AccountRequest = z.infer<typeof accountRequestSchema>;
export type AccountRequestStatus = AccountRequest['status'];
export type Permission = z.infer<typeof permissionCatalogue>['items'][number];
