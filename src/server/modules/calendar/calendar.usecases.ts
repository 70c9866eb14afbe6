import { sql } from 'drizzle-orm';
import {
  DEFAULT_CHINA_PERIODS,
  WEEKDAY_KEYS,
  chinaOfficialExceptions,
  defaultCalendarOverride,
  MAX_DAY_RANGE,
  localDateOf,
  nonWorkingDays,
  parseIcs,
  summarisePublicHolidays,
  summariseWeeklyHours,
  toIcs,
  validateCalendar,
  type DayException,
  type Period,
  type PublicHolidayMode,
  type WeeklyHours,
  type WorkingCalendar,
} from '../../../domain/calendar';
import { SLA_CALENDAR_MISSING_YEAR } from '../../../domain/sla';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { enqueueJobs } from '../../jobs/jobs.repository';
import { recordAudit } from '../audit/audit.service';
import { assertCan, findUnit, unitNames, type UnitRow } from '../org/org.service';
import { calendarErrors, fromCalendarError } from './calendar.errors';
import {
  chainRows,
  deriveEffective,
  effectiveCalendar,
  ownRow,
  type UnitCalendarRow,
} from './calendar.repository';
import { unitCalendars } from './calendar.table';

export interface CalendarOverrideInput {
  timeZone?: string | null;
  weekly?: WeeklyHours | null;
  exceptions?: Record<string, DayException | null>;
  officialYears?: number[];
  publicHolidays?: PublicHolidayMode | null;
}

export interface MissingYearWarning {
  code: typeof SLA_CALENDAR_MISSING_YEAR;
  years: number[];
  message: string;
  messageEn: string;
}

/** SLA-1: warn when the current or next year has no official holiday data (the calendar falls back to Mon–Fri). */
export function missingYearWarning(years: number[]): MissingYearWarning | null {
  if (years.length === 0) return null;
  const list = years.join('、');
  return {
    code: SLA_CALENDAR_MISSING_YEAR,
    years,
    message: `${list} 年的法定节假日安排尚未导入，暂按周一至周五计算，请导入国务院公布的放假安排`,
    messageEn: `No official holiday schedule for ${years.join(', ')}; Mon–Fri is assumed until the State Council schedule is imported`,
  };
}

/** Years without official data among the given ones. */
export function yearsWithoutData(cal: WorkingCalendar, years: number[]): number[] {
  if (cal.officialYears === undefined) return [];
  const known = new Set(cal.officialYears);
  return years.filter((y) => !known.has(y));
}

/**
 * The years whose official holidays a unit's deadlines need now: this year, and from October — when
 * the State Council publishes the coming year's arrangement and deadlines start to reach into it —
 * next year too.
 */
export function yearsDeadlinesReach(cal: WorkingCalendar, now: Date): number[] {
  const local = localDateOf(now, cal.timeZone);
  const year = Number(local.slice(0, 4));
  return Number(local.slice(5, 7)) >= 10 ? [year, year + 1] : [year];
}

/** SLA-1: the missing-year warning of a unit's effective calendar, for the dashboard. */
export async function holidayDataWarnings(deps: Deps, unit: UnitRow): Promise<MissingYearWarning[]> {
  const cal = await effectiveCalendar(deps.db, unit);
  const warning = missingYearWarning(yearsWithoutData(cal, yearsDeadlinesReach(cal, deps.clock.now())));
  return warning ? [warning] : [];
}

/** Local year of `now` in the calendar's zone. */
export function localYear(cal: WorkingCalendar, now: Date): number {
  return Number(localDateOf(now, cal.timeZone).slice(0, 4));
}

async function unitFor(
  deps: Deps,
  actor: Actor,
  unitId: string,
  permission: 'calendar.read' | 'calendar.manage',
) {
  const unit = await findUnit(deps.db, unitId);
  if (!unit) throw calendarErrors.unitNotFound();
  assertCan(actor, permission, unit.path, calendarErrors.unitNotFound);
  return unit;
}

function ownOf(row: UnitCalendarRow | undefined) {
  return {
    timeZone: row?.timeZone ?? null,
    weekly: row?.weekly ?? null,
    exceptions: row?.exceptions ?? {},
    officialYears: row?.officialYears ?? [],
    publicHolidays: row?.publicHolidays ?? null,
  };
}

/** GET: effective calendar, the unit's own overrides, official years and the missing-year warning. */
export async function getCalendar(deps: Deps, actor: Actor, unitId: string) {
  const unit = await unitFor(deps, actor, unitId, 'calendar.read');
  const [cal, chain] = await Promise.all([effectiveCalendar(deps.db, unit), chainRows(deps.db, unit.path)]);
  const own = chain.find((r) => r.unitId === unit.id);
  const year = localYear(cal, deps.clock.now());
  // The full official table spans two decades; the page needs the years around now.
  const exceptions = Object.fromEntries(
    Object.entries(cal.exceptions).filter(([d]) => {
      const y = Number(d.slice(0, 4));
      return y >= year - 1 && y <= year + 2;
    }),
  );
  const missing = yearsWithoutData(cal, [year, year + 1]);
  return {
    unitId: unit.id,
    version: own?.version ?? 0,
    effective: {
      timeZone: cal.timeZone,
      weekly: cal.weekly,
      exceptions,
      officialYears: cal.officialYears ?? [],
      publicHolidays: cal.publicHolidays ?? 'observe',
    },
    own: ownOf(own),
    inheritsFrom: chain.filter((r) => r.unitId !== unit.id).map((r) => r.unitId),
    officialYears: cal.officialYears ?? [],
    missingYears: missing,
    warnings: [missingYearWarning(missing)].filter((w) => w !== null),
  };
}

/** Builds and validates the effective calendar a unit would have with `own` as its overrides. */
async function validatedWith(db: Db, unit: UnitRow, own: CalendarOverrideInput): Promise<WorkingCalendar> {
  const chain = (await chainRows(db, unit.path)).filter((r) => r.unitId !== unit.id);
  try {
    const cal = deriveEffective(unit.timezone, [
      ...chain,
      {
        timeZone: own.timeZone ?? null,
        weekly: own.weekly ?? null,
        exceptions: own.exceptions ?? {},
        officialYears: own.officialYears ?? [],
        publicHolidays: own.publicHolidays ?? null,
      },
    ]);
    validateCalendar(cal);
    return cal;
  } catch (err) {
    return fromCalendarError(err);
  }
}

/** Writes a unit's overrides (audited) and schedules recomputation of its running targets (CL-5). */
async function saveOwn(deps: Deps, actor: Actor, unit: UnitRow, own: CalendarOverrideInput, action: string) {
  await validatedWith(deps.db, unit, own);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const before = await ownRow(tx, unit.id);
    const values = {
      timeZone: own.timeZone ?? null,
      weekly: own.weekly ?? null,
      exceptions: own.exceptions ?? {},
      officialYears: [...new Set(own.officialYears ?? [])].sort((a, b) => a - b),
      publicHolidays: own.publicHolidays ?? null,
      updatedAt: now,
      updatedBy: actor.userId,
    };
    const [after] = await tx
      .insert(unitCalendars)
      .values({ unitId: unit.id, ...values })
      .onConflictDoUpdate({
        target: unitCalendars.unitId,
        set: { ...values, version: sql`${unitCalendars.version} + 1` },
      })
      .returning();
    await recordAudit(tx, now, actor, {
      action,
      subjectType: 'unit_calendar',
      subjectId: unit.id,
      unitId: unit.id,
      before: before ?? null,
      after,
    });
    // Running targets of this unit and the units below keep their intake time but move their due times.
    await enqueueJobs(tx, now, [
      {
        id: `calendar:${unit.id}:v${after!.version}:recompute`,
        kind: 'sla.recompute_unit',
        payload: { unitId: unit.id },
      },
    ]);
    return after!;
  });
}

/** PUT: replaces the unit's own overrides. */
export async function putCalendar(deps: Deps, actor: Actor, unitId: string, input: CalendarOverrideInput) {
  const unit = await unitFor(deps, actor, unitId, 'calendar.manage');
  await saveOwn(deps, actor, unit, input, 'calendar.updated');
  return getCalendar(deps, actor, unitId);
}

export type DayKind = 'working' | 'rest' | 'holiday' | 'makeup' | 'half' | 'closed';

export interface CalendarDay {
  date: string;
  weekday: number;
  kind: DayKind;
  name: string | null;
  periods: Period[];
  /** Where the day's rule comes from: the official schedule, a unit's override, or the weekly hours. */
  source: 'official' | 'unit' | 'weekly';
}

const KIND_OF: Record<DayException['kind'], DayKind> = {
  holiday: 'holiday',
  closed: 'closed',
  makeup_workday: 'makeup',
  half_day: 'half',
};

/** Day-by-day year of a calendar, for the wall-calendar view. */
export function yearDays(cal: WorkingCalendar, year: number, unitDates: ReadonlySet<string>): CalendarDay[] {
  const official = chinaOfficialExceptions();
  const days: CalendarDay[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    const d = new Date(t);
    const date = d.toISOString().slice(0, 10);
    const weekday = d.getUTCDay();
    const ex = cal.exceptions[date];
    const weeklyPeriods = cal.weekly[WEEKDAY_KEYS[weekday]!] ?? [];
    const source = unitDates.has(date) ? 'unit' : ex && official[date] ? 'official' : 'weekly';
    if (!ex) {
      days.push({
        date,
        weekday,
        kind: weeklyPeriods.length > 0 ? 'working' : 'rest',
        name: null,
        periods: [...weeklyPeriods],
        source,
      });
      continue;
    }
    const periods =
      ex.kind === 'half_day'
        ? ex.periods
        : ex.kind === 'makeup_workday'
          ? (ex.periods ?? cal.weekly.mon ?? DEFAULT_CHINA_PERIODS)
          : [];
    days.push({
      date,
      weekday,
      kind: KIND_OF[ex.kind],
      name: ex.name ?? null,
      periods: [...periods],
      source,
    });
  }
  return days;
}

/**
 * Whose non-working days a person may read: a unit they work in, one above it (whose calendar a
 * store's departments and technicians work under: a department member dates a store ticket's
 * committed date, a technician books the store's return visit) or one below. No permission is
 * needed beyond that — which days a store is closed is no secret to its own staff — but another
 * store's or region's calendar is 404, as everywhere (ORG-1).
 */
function worksIn(actor: Actor, unit: UnitRow): boolean {
  return actor.grants.some((g) => unit.path.includes(g.unitId) || g.unitPath.includes(unit.id));
}

const DAY_MS = 86_400_000;

/** SLA-1: the unit's days without working time from `from` to `to` (inclusive local dates). */
export async function getNonWorkingDays(
  deps: Deps,
  actor: Actor,
  unitId: string,
  range: { from: string; to: string },
) {
  const unit = await findUnit(deps.db, unitId);
  if (!unit || !worksIn(actor, unit)) throw calendarErrors.unitNotFound();
  const span = (Date.parse(range.to) - Date.parse(range.from)) / DAY_MS + 1;
  if (span < 1) throw calendarErrors.rangeReversed({ from: range.from, to: range.to });
  if (span > MAX_DAY_RANGE) throw calendarErrors.rangeTooLong({ days: span, max: MAX_DAY_RANGE });
  const [fromYear, toYear] = [range.from, range.to].map((d) => Number(d.slice(0, 4))) as [number, number];
  if (fromYear < 1970 || toYear > 2200) throw calendarErrors.yearOutOfRange();
  const cal = await effectiveCalendar(deps.db, unit);
  let days;
  try {
    days = nonWorkingDays(cal, range.from, range.to);
  } catch (err) {
    return fromCalendarError(err);
  }
  return {
    unitId: unit.id,
    timeZone: cal.timeZone,
    from: range.from,
    to: range.to,
    days,
    missingYears: yearsWithoutData(cal, fromYear === toYear ? [fromYear] : [fromYear, toYear]),
  };
}

/** GET year: the wall-calendar data of one year. */
export async function getYear(deps: Deps, actor: Actor, unitId: string, year: number) {
  if (year < 1970 || year > 2200) throw calendarErrors.yearOutOfRange();
  const unit = await unitFor(deps, actor, unitId, 'calendar.read');
  const [cal, chain] = await Promise.all([effectiveCalendar(deps.db, unit), chainRows(deps.db, unit.path)]);
  const unitDates = new Set<string>();
  for (const row of chain) {
    for (const [date, ex] of Object.entries(row.exceptions)) {
      if (ex === null) unitDates.delete(date);
      else unitDates.add(date);
    }
  }
  const missing = yearsWithoutData(cal, [year]);
  return {
    unitId,
    year,
    timeZone: cal.timeZone,
    officialData: missing.length === 0,
    warnings: [missingYearWarning(missing)].filter((w) => w !== null),
    days: yearDays(cal, year, unitDates),
  };
}

function parsedList(exceptions: Record<string, DayException>) {
  return Object.keys(exceptions)
    .sort()
    .map((date) => ({ date, ...exceptions[date]! }));
}

function parseOrThrow(ics: string): Record<string, DayException> {
  try {
    return parseIcs(ics);
  } catch (err) {
    return fromCalendarError(err);
  }
}

/** ICS preview: what an import would add, without saving. */
export async function previewIcs(deps: Deps, actor: Actor, unitId: string, ics: string) {
  await unitFor(deps, actor, unitId, 'calendar.manage');
  const parsed = parseOrThrow(ics);
  const years = [...new Set(Object.keys(parsed).map((d) => Number(d.slice(0, 4))))].sort();
  return { count: Object.keys(parsed).length, years, exceptions: parsedList(parsed) };
}

/**
 * ICS import: merges the file's days into the unit's own exceptions. When the file is an official
 * schedule (markOfficial), its years count as loaded, which clears the missing-year warning (SLA-1).
 */
export async function importIcs(
  deps: Deps,
  actor: Actor,
  unitId: string,
  ics: string,
  markOfficial: boolean,
) {
  const unit = await unitFor(deps, actor, unitId, 'calendar.manage');
  const parsed = parseOrThrow(ics);
  const years = [...new Set(Object.keys(parsed).map((d) => Number(d.slice(0, 4))))];
  const own = ownOf(await ownRow(deps.db, unit.id));
  await saveOwn(
    deps,
    actor,
    unit,
    {
      ...own,
      exceptions: { ...own.exceptions, ...parsed },
      officialYears: markOfficial ? [...own.officialYears, ...years] : own.officialYears,
    },
    'calendar.ics_imported',
  );
  return {
    imported: Object.keys(parsed).length,
    years: years.sort(),
    calendar: await getCalendar(deps, actor, unitId),
  };
}

/** ICS export of the effective exceptions (optionally one year), for other calendar apps. */
export async function exportIcs(deps: Deps, actor: Actor, unitId: string, year?: number) {
  const unit = await unitFor(deps, actor, unitId, 'calendar.read');
  const cal = await effectiveCalendar(deps.db, unit);
  const exceptions = Object.fromEntries(
    Object.entries(cal.exceptions).filter(([d]) => year === undefined || d.startsWith(`${year}-`)),
  );
  return {
    filename: `calendar-${unit.code ?? unit.id}${year ? `-${year}` : ''}.ics`,
    ics: toIcs(exceptions, `${unit.name} 工作日历`),
  };
}

/**
 * SLA-1: a new unit's calendar by its kind (a store trades every day, 09:30–21:00, and through
 * official holidays; other kinds inherit). Runs inside the creating transaction, audited with it.
 */
export async function applyDefaultCalendar(
  tx: Db,
  now: Date,
  actor: Pick<Actor, 'userId' | 'ip'> | null,
  unit: Pick<UnitRow, 'id' | 'kind'>,
): Promise<void> {
  const defaults = defaultCalendarOverride(unit.kind);
  if (!defaults) return;
  const [row] = await tx
    .insert(unitCalendars)
    .values({
      unitId: unit.id,
      weekly: defaults.weekly ?? null,
      publicHolidays: defaults.publicHolidays ?? null,
      updatedAt: now,
      updatedBy: actor?.userId ?? null,
    })
    .returning();
  await recordAudit(tx, now, actor, {
    action: 'calendar.defaulted',
    subjectType: 'unit_calendar',
    subjectId: unit.id,
    unitId: unit.id,
    after: { ...row, reason: `default for a new ${unit.kind}` },
  });
}

/** Which unit's hours a unit's working time counts in, and those hours in a few words. */
export interface CalendarSummary {
  /** The unit whose settings decide the hours (the nearest with hours of its own, else the root). */
  unitId: string;
  unitName: string;
  timeZone: string;
  publicHolidays: PublicHolidayMode;
  hours: string;
  hoursEn: string;
  holidays: string;
  holidaysEn: string;
}

/** The calendar a unit's working-time targets count in (SLA-1), for the SLA settings and the ticket page. */
export async function calendarSummary(
  db: Db,
  unit: Pick<UnitRow, 'id' | 'path' | 'timezone'>,
): Promise<CalendarSummary> {
  const [cal, chain] = await Promise.all([effectiveCalendar(db, unit), chainRows(db, unit.path)]);
  const owner =
    [...chain].reverse().find((r) => r.weekly !== null || r.publicHolidays !== null)?.unitId ?? unit.path[0]!;
  const names = await unitNames(db, [owner]);
  const hours = summariseWeeklyHours(cal.weekly);
  const holidays = summarisePublicHolidays(cal.publicHolidays);
  return {
    unitId: owner,
    unitName: names.get(owner) ?? '',
    timeZone: cal.timeZone,
    publicHolidays: cal.publicHolidays ?? 'observe',
    hours: hours.zh,
    hoursEn: hours.en,
    holidays: holidays.zh,
    holidaysEn: holidays.en,
  };
}
