import { eq, inArray } from 'drizzle-orm';
import {
  CHINA_OFFICIAL_YEARS,
  defaultChinaCalendar,
  deriveCalendar,
  deriveCalendarChain,
  type CalendarOverride,
  type WorkingCalendar,
} from '../../../domain/calendar';
import type { Db } from '../../app/db';
import type { UnitRow } from '../org/org.service';
import { unitCalendars } from './calendar.table';

export type UnitCalendarRow = typeof unitCalendars.$inferSelect;

/** The calendar rows of a unit's ancestor chain (root first), only the units that override something. */
export async function chainRows(db: Db, unitPath: readonly string[]): Promise<UnitCalendarRow[]> {
  if (unitPath.length === 0) return [];
  const rows = await db
    .select()
    .from(unitCalendars)
    .where(inArray(unitCalendars.unitId, [...unitPath]));
  const order = new Map(unitPath.map((id, i) => [id, i]));
  return rows.sort((a, b) => order.get(a.unitId)! - order.get(b.unitId)!);
}

export async function ownRow(db: Db, unitId: string): Promise<UnitCalendarRow | undefined> {
  const [row] = await db.select().from(unitCalendars).where(eq(unitCalendars.unitId, unitId));
  return row;
}

/** A stored row as the domain's override; years loaded by an administrator add to the inherited ones. */
export function overrideOf(
  row: Pick<UnitCalendarRow, 'timeZone' | 'weekly' | 'exceptions' | 'publicHolidays'>,
): CalendarOverride {
  return {
    ...(row.timeZone ? { timeZone: row.timeZone } : {}),
    ...(row.weekly ? { weekly: row.weekly } : {}),
    exceptions: row.exceptions,
    ...(row.publicHolidays ? { publicHolidays: row.publicHolidays } : {}),
  };
}

type ChainLink = Pick<
  UnitCalendarRow,
  'timeZone' | 'weekly' | 'exceptions' | 'officialYears' | 'publicHolidays'
>;

/**
 * Effective calendar of a unit: the China default, the unit's organisation time zone, then each
 * ancestor's overrides from the root down (nearest wins).
 */
export function deriveEffective(unitTimeZone: string, chain: readonly ChainLink[]): WorkingCalendar {
  const base = defaultChinaCalendar();
  let cal = unitTimeZone === base.timeZone ? base : deriveCalendar(base, { timeZone: unitTimeZone });
  const years = new Set<number>(CHINA_OFFICIAL_YEARS);
  for (const link of chain) link.officialYears.forEach((y) => years.add(y));
  cal = deriveCalendarChain(cal, chain.map(overrideOf));
  // A unit trading through holidays has no official years to report (see deriveCalendar).
  if (chain.length === 0 || cal.publicHolidays === 'work') return cal;
  return deriveCalendar(cal, { officialYears: [...years].sort((a, b) => a - b) });
}

// Derived calendars are immutable and the core caches their compiled year tables per object, so
// handing out the same object while nothing changed keeps every due-time computation warm. Its
// invalidation is the signature: every calendar write moves the row's `version`, so a change made
// here or by another instance is seen on the next read, with nothing to clear. (The SLA engine's
// one-second per-unit settings, org.cache 'sla-settings', are cleared by the calendar routes' writes.)
const cache = new Map<string, { signature: string; calendar: WorkingCalendar }>();
const MAX_CACHED = 5000;

/** Effective calendar of a unit, cached per unit and checked against the chain's row versions. */
export async function effectiveCalendar(
  db: Db,
  unit: Pick<UnitRow, 'id' | 'path' | 'timezone'>,
): Promise<WorkingCalendar> {
  const versions = await db
    .select({ unitId: unitCalendars.unitId, version: unitCalendars.version })
    .from(unitCalendars)
    .where(inArray(unitCalendars.unitId, [...unit.path]));
  const byUnit = new Map(versions.map((v) => [v.unitId, v.version]));
  const signature = [unit.timezone, ...unit.path.map((id) => `${id}:${byUnit.get(id) ?? 0}`)].join('|');
  const hit = cache.get(unit.id);
  if (hit && hit.signature === signature) return hit.calendar;
  const calendar = deriveEffective(
    unit.timezone,
    versions.length === 0 ? [] : await chainRows(db, unit.path),
  );
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(unit.id, { signature, calendar });
  return calendar;
}
