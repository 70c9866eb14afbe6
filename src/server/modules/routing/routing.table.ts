import { boolean, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { RECTIFICATION_KINDS } from '../../../domain/tickets';
import { organisationUnits, users } from '../org/org.table';

/** A queue of people inside a unit (e.g. the online-shops after-sales group); tickets can be assigned to it. */
export const teams = pgTable(
  'teams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    name: text('name').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('teams_unit_name_key').on(t.unitId, t.name)],
);

export const teamMembers = pgTable(
  'team_members',
  {
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('team_members_user_idx').on(t.userId)],
);

/** CL-4: a shop / sales channel (天猫旗舰店, 京东店…) owned by a team; its after-sales tickets go to that team. */
export const salesChannels = pgTable(
  'sales_channels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    name: text('name').notNull(),
    platform: text('platform'),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('sales_channels_unit_name_key').on(t.unitId, t.name),
    index('sales_channels_team_idx').on(t.teamId),
  ],
);

/** CL-3: per unit, which department answers a rectification of each kind; the nearest unit up the tree wins. */
export const routingRules = pgTable(
  'routing_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    rectificationKind: text('rectification_kind', { enum: RECTIFICATION_KINDS }).notNull(),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => organisationUnits.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('routing_rules_unit_kind_key').on(t.unitId, t.rectificationKind)],
);
