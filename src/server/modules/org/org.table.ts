import { BUSINESS_TYPES } from '../../../domain/org/business-types';
import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Organisation units (ORG-1): headquarters → region → store/branch/project → department. */
export const organisationUnits = pgTable(
  'organisation_units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id'),
    kind: text('kind', { enum: ['headquarters', 'region', 'store', 'department'] }).notNull(),
    name: text('name').notNull(),
    code: text('code'),
    timezone: text('timezone').notNull().default('Asia/Shanghai'),
    /**
     * What customers see on printed forms and customer pages: the company or store name, address
     * and service phone. Empty fields are taken from the nearest unit above that has them.
     */
    displayName: text('display_name'),
    address: text('address'),
    servicePhone: text('service_phone'),
    /** SAT-1: what the business is (rating templates per business type); null takes it from above. */
    businessType: text('business_type', { enum: BUSINESS_TYPES }),
    // Ids from the root down to this unit, inclusive: scoping is "path contains the grant's unit".
    path: uuid('path').array().notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('organisation_units_parent_idx').on(t.parentId),
    index('organisation_units_path_idx').using('gin', t.path),
    uniqueIndex('organisation_units_code_key').on(t.code),
    uniqueIndex('organisation_units_sibling_name_key').on(
      sql`coalesce(${t.parentId}, '00000000-0000-0000-0000-000000000000')`,
      t.name,
    ),
  ],
);

/** Roles with editable permission sets (ORG-2). */
export const roles = pgTable('roles', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  permissions: text('permissions').array().notNull(),
  builtin: boolean('builtin').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** People who log in. Never deleted: leaving staff are disabled (ORG-3). */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    phone: text('phone'),
    email: text('email'),
    passwordHash: text('password_hash').notNull(),
    status: text('status', { enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    locale: text('locale', { enum: ['zh-CN', 'en'] })
      .notNull()
      .default('zh-CN'),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    /** The person's userid in the company's WeCom / DingTalk, set by an administrator: staff notices go there. */
    wecomUserId: text('wecom_user_id'),
    dingtalkUserId: text('dingtalk_user_id'),
    /** The person's DingTalk unionId: signing in with DingTalk (its OAuth answers the unionId, not the userid). */
    dingtalkUnionId: text('dingtalk_union_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_username_key').on(sql`lower(${t.username})`)],
);

/** A person's role in a unit; the role applies to that unit and every unit below it. */
export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    roleId: uuid('role_id')
      .notNull()
      .references(() => roles.id),
  },
  (t) => [
    uniqueIndex('memberships_user_unit_role_key').on(t.userId, t.unitId, t.roleId),
    index('memberships_unit_idx').on(t.unitId),
  ],
);

/** Account opening (ORG-3): filed by HR/administration, approved by the GM, opened by the HQ CS supervisor. */
export const accountRequests = pgTable(
  'account_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    roleId: uuid('role_id')
      .notNull()
      .references(() => roles.id),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    phone: text('phone'),
    email: text('email'),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected', 'opened'] })
      .notNull()
      .default('pending'),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionComment: text('decision_comment'),
    openedBy: uuid('opened_by').references(() => users.id),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    userId: uuid('user_id').references(() => users.id),
    extra: jsonb('extra'),
  },
  (t) => [index('account_requests_unit_status_idx').on(t.unitId, t.status)],
);

/**
 * Permission codes Kefu has already handed to its default roles. A code that is new in a release
 * is added once to the default roles that carry it; one an administrator later removed stays removed.
 */
export const knownPermissions = pgTable('known_permissions', {
  code: text('code').primaryKey(),
  introducedAt: timestamp('introduced_at', { withTimezone: true }).notNull().defaultNow(),
});
