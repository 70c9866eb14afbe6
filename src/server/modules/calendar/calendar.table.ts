import { integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { DayException, PublicHolidayMode, WeeklyHours } from '../../../domain/calendar';
import { organisationUnits, users } from '../org/org.table';

/**
 * A unit's own calendar overrides (SLA-1). Official holidays come from the bundled package at run
 * time, so only what a unit changes is stored; the company default is the root unit's row.
 * `version` moves on every write so cached derived calendars can be checked cheaply.
 */
export const unitCalendars = pgTable('unit_calendars', {
  unitId: uuid('unit_id')
    .primaryKey()
    .references(() => organisationUnits.id),
  timeZone: text('time_zone'),
  weekly: jsonb('weekly').$type<WeeklyHours>(),
  exceptions: jsonb('exceptions').$type<Record<string, DayException | null>>().notNull().default({}),
  // Years whose official schedule an administrator loaded (ICS import), added to the package's years.
  officialYears: integer('official_years').array().notNull().default([]),
  // 'work' (stores): open on official holidays and not bound by 调休; null inherits the parent's way.
  publicHolidays: text('public_holidays', { enum: ['observe', 'work'] }).$type<PublicHolidayMode>(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
});
