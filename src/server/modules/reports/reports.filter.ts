/**
 * A report's filter turned into what the queries need: the units in scope (ORG-1: a unit outside
 * the caller's reach answers 404), the local-date range (a named period under the company's
 * cut-off day, or dates asked for: RPT-2), the time zone the dates are counted in, ticket types.
 */
import { eq, sql, type SQL } from 'drizzle-orm';
import {
  DEFAULT_CUT_OFF_DAY,
  checkDateRange,
  periodNamed,
  periodOf,
  periodsEndingWith,
  type PeriodError,
  type ReportPeriod,
} from '../../../domain/reports';
import { can, scopeRoots, type PermissionCode } from '../../../domain/permissions';
import type { ReportQuery } from '../../../shared/reports';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { authErrors } from '../auth/auth.errors';
import { findUnit, unitsWithin, type UnitRow } from '../org/org.service';
import { organisationUnits } from '../org/org.table';
import { reportErrors } from './reports.errors';
import { reportSettings } from './reports.table';

/** Longest range one view adds up (a year and a bit: a year-on-year comparison). */
const MAX_RANGE_DAYS = 400;

export interface ResolvedFilter {
  unit: UnitRow | null;
  /** `<column> in (units in scope)` for any unit_id column. */
  inScope(column: SQL | string): SQL;
  range: { label: string | null; from: string; to: string };
  cutOffDay: number;
  /** The zone the local dates are counted in: the unit's, or the company's. */
  timeZone: string;
  types: string[] | null;
  /** The company (root unit) whose cut-off day applies. */
  companyId: string;
}

export function throwPeriodError(error: PeriodError): never {
  switch (error.code) {
    case 'reports.range_reversed':
      throw reportErrors.rangeReversed({ from: error.from, to: error.to });
    case 'reports.date_invalid':
      throw reportErrors.dateInvalid({ value: error.value });
    case 'reports.period_label_invalid':
      throw reportErrors.periodInvalid({ value: error.value });
    case 'reports.cut_off_day_invalid':
      throw reportErrors.cutOffDayInvalid({ cutOffDay: error.cutOffDay });
  }
}

/** RPT-2: the company's cut-off day (its root unit's setting; the manuals' 25th by default). */
export async function cutOffDayOf(db: Db, companyId: string): Promise<number> {
  const [row] = await db
    .select({ day: reportSettings.cutOffDay })
    .from(reportSettings)
    .where(eq(reportSettings.unitId, companyId));
  return row?.day ?? DEFAULT_CUT_OFF_DAY;
}

/**
 * The report calendar of a unit's company: its cut-off day (RPT-2, configurable per company) and
 * the unit's time zone. Every monthly report (complaints, satisfaction RPT-5, quality review RPT-7)
 * cuts its months with it, so one company's months end on one day in every report.
 */
export async function reportCalendarOf(
  db: Db,
  unit: Pick<UnitRow, 'id' | 'path' | 'timezone'>,
): Promise<{ companyId: string; cutOffDay: number; timeZone: string }> {
  const companyId = unit.path[0] ?? unit.id;
  return { companyId, cutOffDay: await cutOffDayOf(db, companyId), timeZone: unit.timezone };
}

/** Today's local date in a zone, 'YYYY-MM-DD'. */
export function localDateOf(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/** Checks scope and input of a report request; nothing is read from the rollups yet. */
export async function resolveFilter(
  deps: Deps,
  actor: Actor,
  q: ReportQuery,
  permission: PermissionCode = 'reports.read',
): Promise<ResolvedFilter> {
  const roots = scopeRoots(actor.grants, permission);
  if (roots.length === 0) throw authErrors.forbidden({ permission });
  let unit: UnitRow | null = null;
  let scope: SQL;
  if (q.unitId) {
    const found = await findUnit(deps.db, q.unitId);
    if (!found || !can(actor.grants, permission, found.path)) throw reportErrors.unitNotFound();
    unit = found;
    scope = unitsWithin([found.id]);
  } else scope = unitsWithin(roots);
  const anchor = unit ?? (await findUnit(deps.db, roots[0]!))!;
  const companyId = anchor.path[0] ?? anchor.id;
  const cutOffDay = await cutOffDayOf(deps.db, companyId);
  const timeZone = anchor.timezone;

  let range: ResolvedFilter['range'];
  if (q.from !== undefined || q.to !== undefined) {
    const from = q.from ?? q.to!;
    const to = q.to ?? q.from!;
    const error = checkDateRange(from, to);
    if (error) throwPeriodError(error);
    if (daysBetween(from, to) > MAX_RANGE_DAYS) throw reportErrors.rangeTooLong({ max: MAX_RANGE_DAYS });
    range = { label: null, from, to };
  } else {
    const named = q.period
      ? periodNamed(q.period, cutOffDay)
      : periodOf(localDateOf(deps.clock.now(), timeZone), cutOffDay);
    if (!named.ok) throwPeriodError(named.error);
    range = { ...named.period };
  }
  // The same instant window every other input has (app/input-guard.ts): 1970–2200.
  for (const value of [range.from, range.to])
    if (value < '1970-01-01' || value > '2200-12-31') throw reportErrors.dateInvalid({ value });
  const unitsSql = sql`select ${organisationUnits.id} from ${organisationUnits} where ${scope}`;
  return {
    unit,
    inScope: (column) => sql`${typeof column === 'string' ? sql.raw(column) : column} in (${unitsSql})`,
    range,
    cutOffDay,
    timeZone,
    types: q.types && q.types.length > 0 ? q.types : null,
    companyId,
  };
}

/** `column in (types)` or true. */
export function typeCondition(column: string, types: string[] | null): SQL {
  if (!types) return sql`true`;
  return sql`${sql.raw(column)} in (${sql.join(
    types.map((t) => sql`${t}`),
    sql`, `,
  )})`;
}

/** The instant a local date starts in the filter's zone (SQL expression). */
export function startOfDay(date: string, timeZone: string): SQL {
  return sql`(${date}::date::timestamp at time zone ${timeZone})`;
}
/** The instant after a local date ends. */
export function endOfDay(date: string, timeZone: string): SQL {
  return sql`((${date}::date + 1)::timestamp at time zone ${timeZone})`;
}

const dayAfter = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * A date range split for the rollups (decision 0015): the whole report periods inside it, read from
 * the monthly rows, and the days before and after them, read from the daily rows.
 */
export function splitRange(
  range: { from: string; to: string },
  cutOffDay: number,
): { periods: ReportPeriod[]; days: { from: string; to: string }[] } {
  const first = periodOf(range.from, cutOffDay);
  const last = periodOf(range.to, cutOffDay);
  if (!first.ok || !last.ok) return { periods: [], days: [range] };
  const months = (label: string) => Number(label.slice(0, 4)) * 12 + Number(label.slice(5, 7));
  const count = months(last.period.label) - months(first.period.label) + 1;
  const periods = periodsEndingWith(last.period.label, count, cutOffDay).filter(
    (p) => p.from >= range.from && p.to <= range.to,
  );
  if (periods.length === 0) return { periods, days: [range] };
  const days: { from: string; to: string }[] = [];
  if (range.from < periods[0]!.from) days.push({ from: range.from, to: dayAfter(periods[0]!.from, -1) });
  if (periods.at(-1)!.to < range.to) days.push({ from: dayAfter(periods.at(-1)!.to, 1), to: range.to });
  return { periods, days };
}
