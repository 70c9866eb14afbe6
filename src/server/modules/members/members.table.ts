import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ACTIVITY_STATES, ACTIVITY_TYPES, MEMBER_LEVELS, POINTS_ENTRY_KINDS } from '../../../domain/members';
import { customers } from '../customers/customers.table';
import { organisationUnits, users } from '../org/org.table';

/**
 * The member club (会员俱乐部, MEM-1): one membership per customer, with its number, level and
 * joined date. `balance` is moved only by the ledger's insert trigger and its CHECK refuses a
 * balance below zero, so no code path can overdraw a member.
 */
export const members = pgTable(
  'members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    /** The customer's unit when they joined; scoping (ORG-1) follows it. */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    memberNumber: text('member_number').notNull(),
    level: text('level', { enum: MEMBER_LEVELS }).notNull().default('regular'),
    joinedOn: date('joined_on').notNull(),
    balance: integer('balance').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('members_customer_key').on(t.customerId),
    uniqueIndex('members_number_key').on(t.memberNumber),
    index('members_unit_idx').on(t.unitId, t.joinedOn),
    check('members_balance_not_negative', sql`${t.balance} >= 0`),
  ],
);

/**
 * The points ledger (积分流水): append-only; each entry carries its reason. Positive entries are
 * lots with `remaining` (what is still unspent) and an expiry; spending lowers `remaining` of the
 * lots it takes from. A grant for an activity exists at most once per member (unique key), and a
 * lot expires at most once (unique key on the expired lot).
 */
export const memberPointsEntries = pgTable(
  'member_points_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    kind: text('kind', { enum: POINTS_ENTRY_KINDS }).notNull(),
    points: integer('points').notNull(),
    reason: text('reason').notNull(),
    /** The activity whose attendance earned the points (MEM-2). */
    activityId: uuid('activity_id').references(() => memberActivities.id),
    /** An expiry entry: the lot that expired. */
    lotId: uuid('lot_id'),
    /** A positive entry: what of it is unspent, and when that expires (null: never). */
    remaining: integer('remaining'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('member_points_entries_member_idx').on(t.memberId, t.at),
    index('member_points_entries_expiring_idx')
      .on(t.expiresAt)
      .where(sql`${t.remaining} > 0`),
    uniqueIndex('member_points_entries_activity_key')
      .on(t.memberId, t.activityId)
      .where(sql`${t.activityId} is not null`),
    uniqueIndex('member_points_entries_expired_lot_key')
      .on(t.lotId)
      .where(sql`${t.kind} = 'expire'`),
    check('member_points_entries_reason_given', sql`length(trim(${t.reason})) > 0`),
    check(
      'member_points_entries_sign_fits_kind',
      sql`${t.points} <> 0 and (${t.kind} = 'adjust' or (${t.kind} = 'earn') = (${t.points} > 0))`,
    ),
    check(
      'member_points_entries_remaining_within_lot',
      sql`(${t.points} > 0) = (${t.remaining} is not null) and (${t.remaining} is null or ${t.remaining} between 0 and ${t.points})`,
    ),
  ],
);

/** MEM-2: the yearly activity plan made with marketing; per activity its coordinator and outcome. */
export const memberActivities = pgTable(
  'member_activities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    year: integer('year').notNull(),
    theme: text('theme').notNull(),
    date: date('date').notNull(),
    targetGroup: text('target_group').notNull(),
    type: text('type', { enum: ACTIVITY_TYPES }).notNull(),
    /** Points each attending member earns (granted within a week after the activity). */
    points: integer('points').notNull().default(0),
    coordinatorId: uuid('coordinator_id').references(() => users.id),
    implementationPlan: text('implementation_plan'),
    state: text('state', { enum: ACTIVITY_STATES }).notNull().default('planned'),
    summary: text('summary'),
    evaluation: text('evaluation'),
    pointsGrantedAt: timestamp('points_granted_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('member_activities_unit_year_idx').on(t.unitId, t.year, t.date),
    check('member_activities_points_not_negative', sql`${t.points} >= 0`),
  ],
);

/** MEM-2: who signed up for an activity, and whether they came. */
export const memberActivitySignups = pgTable(
  'member_activity_signups',
  {
    activityId: uuid('activity_id')
      .notNull()
      .references(() => memberActivities.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    signedUpAt: timestamp('signed_up_at', { withTimezone: true }).notNull(),
    attended: boolean('attended').notNull().default(false),
    attendanceRecordedAt: timestamp('attendance_recorded_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.activityId, t.memberId] }),
    index('member_activity_signups_member_idx').on(t.memberId),
  ],
);
