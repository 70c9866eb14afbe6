/**
 * SLA engine (服务时限引擎): the use-case functions other modules call inside their own
 * transaction when a subject (ticket, work order…) is taken in, waits on the customer, emits an
 * event or changes type. Due times come from the pure core; the scheduler's scan turns passed
 * instants into escalation steps.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { WorkingCalendar } from '../../../domain/calendar';
import {
  computeTimeline,
  isLiveTarget,
  isRunningTarget,
  OPEN_TARGET_STATES,
  resolvePolicy,
  restartPlan,
  type SlaEndReason,
  type SlaPause,
  type SlaTarget,
  type TicketType,
} from '../../../domain/sla';
import type { Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { recordAudit } from '../audit/audit.service';
import type { NewNotification } from '../notifications/notifications.service';
import { effectiveCalendar } from '../calendar/calendar.service';
import { orgCache, findUnit, type UnitRow } from '../org/org.service';
import { slaErrors } from './sla.errors';
import { effectivePolicy, policyRowsOnPath, type SlaPolicyRow } from './sla.repository';
import { slaTargets } from './sla.table';

export type SlaTargetRow = typeof slaTargets.$inferSelect;

export interface SubjectRef {
  subjectType: string;
  subjectId: string;
}

export interface StartTargetsInput extends SubjectRef {
  unitId: string;
  ticketType: TicketType;
  priority?: string | null;
  intakeAt: Date;
  ownerId: string | null;
  supervisorId?: string | null;
  /** The unit's row when the caller already holds it (saves a lookup on every intake). */
  unit?: UnitRow;
}

interface Timing {
  dueAt: Date | null;
  atRiskAt: Date | null;
  secondBreachAt: Date | null;
}

/** Due, at-risk and second-breach instants of a started target; an open pause is counted up to `now`. */
export function timingOf(
  definition: SlaTarget,
  startedAt: Date,
  cal: WorkingCalendar,
  pauses: readonly SlaPause[],
  committedAt: Date | null,
  now: Date,
): Timing {
  if (definition.allowed.unit === 'committed_date' && !committedAt)
    return { dueAt: null, atRiskAt: null, secondBreachAt: null };
  const tl = computeTimeline(definition, startedAt, cal, pauses, {
    now,
    ...(committedAt ? { committedAt } : {}),
  });
  return {
    dueAt: new Date(tl.due),
    atRiskAt: new Date(tl.atRiskAt),
    secondBreachAt: new Date(tl.secondBreachAt),
  };
}

async function calendarOfUnit(db: Db, unitId: string): Promise<WorkingCalendar> {
  const unit = await findUnit(db, unitId);
  if (!unit) throw slaErrors.unitNotFound();
  return effectiveCalendar(db, unit);
}

export type NewSlaTarget = typeof slaTargets.$inferInsert;

interface UnitSlaSettings {
  cal: WorkingCalendar;
  policies: SlaPolicyRow[];
}

/**
 * A unit's working calendar and the SLA policies on its path, as read at most ORG_CACHE_MS ago:
 * every intake needs them, and they change only through the SLA and calendar settings pages,
 * whose writes clear the cache (see org.cache).
 */
async function slaSettingsOf(
  deps: Pick<Deps, 'database' | 'clock'>,
  db: Db,
  unit: UnitRow,
): Promise<UnitSlaSettings> {
  const settings = await orgCache<UnitSlaSettings>(deps, 'sla-settings').remember(
    unit.id,
    deps.clock.now(),
    // One transaction is one connection: its queries run one after another (pg refuses overlap).
    async () => ({ cal: await effectiveCalendar(db, unit), policies: await policyRowsOnPath(db, unit.path) }),
  );
  return settings!;
}

/**
 * The targets each subject starts with, from its unit's effective policy; intake-started ones run
 * at once. Reads each distinct unit's calendar and policies once, however many subjects share it.
 */
export async function planTargets(
  deps: Pick<Deps, 'database' | 'clock'>,
  db: Db,
  inputs: readonly (StartTargetsInput & { now: Date })[],
): Promise<NewSlaTarget[][]> {
  const contexts = new Map<string, { unit: UnitRow } & UnitSlaSettings>();
  const plans: NewSlaTarget[][] = [];
  for (const input of inputs) {
    let context = contexts.get(input.unitId);
    if (!context) {
      const unit = input.unit?.id === input.unitId ? input.unit : await findUnit(db, input.unitId);
      if (!unit) throw slaErrors.unitNotFound();
      context = { unit, ...(await slaSettingsOf(deps, db, unit)) };
      contexts.set(input.unitId, context);
    }
    const { unit, cal, policies } = context;
    const eff = resolvePolicy(policies, unit, input.ticketType, input.priority ?? null);
    const start = { ...input, unitId: unit.id, supervisorId: input.supervisorId ?? null };
    plans.push(
      eff.policy.targets.map((definition, position) =>
        newTarget(start, definition, position, cal, input.now),
      ),
    );
  }
  return plans;
}

/** A target as it begins: one started at intake runs at once with its due times, others wait. */
function newTarget(
  start: SubjectRef & {
    unitId: string;
    ticketType: TicketType;
    intakeAt: Date;
    ownerId: string | null;
    supervisorId: string | null;
  },
  definition: SlaTarget,
  position: number,
  cal: WorkingCalendar,
  now: Date,
): NewSlaTarget {
  const runs = definition.startsOn === 'intake';
  return {
    subjectType: start.subjectType,
    subjectId: start.subjectId,
    key: definition.key,
    position,
    unitId: start.unitId,
    ticketType: start.ticketType,
    definition,
    intakeAt: start.intakeAt,
    startedAt: runs ? start.intakeAt : null,
    ...(runs ? timingOf(definition, start.intakeAt, cal, [], null, now) : {}),
    state: runs ? 'on_track' : 'pending',
    ownerId: start.ownerId,
    supervisorId: start.supervisorId,
    createdAt: now,
  };
}

/**
 * Starts one target whose definition the subject's module gives instead of a policy (an approval
 * stage's time limit comes from its chain): due times from the unit's calendar as for any target,
 * so the scan reminds and escalates it like the rest. `label` fills the ticket-type column, which
 * reports read only for tickets. Audited on the subject.
 */
export async function startTargetRun(
  deps: Deps,
  tx: Db,
  input: SubjectRef & {
    unitId: string;
    definition: SlaTarget;
    position: number;
    label: string;
    at: Date;
    ownerId: string | null;
  },
): Promise<SlaTargetRow> {
  const cal = await calendarOfUnit(tx, input.unitId);
  const now = deps.clock.now();
  const [row] = await tx
    .insert(slaTargets)
    .values({
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      key: input.definition.key,
      position: input.position,
      unitId: input.unitId,
      ticketType: input.label,
      definition: input.definition,
      intakeAt: input.at,
      startedAt: input.at,
      ...timingOf(input.definition, input.at, cal, [], null, now),
      state: 'on_track',
      ownerId: input.ownerId,
      supervisorId: null,
      createdAt: now,
    })
    .returning();
  await auditSubject(deps, tx, input, 'sla.targets.started', {
    at: input.at,
    targets: [row!.key],
    dueAt: row!.dueAt?.toISOString() ?? null,
  });
  return row!;
}

/** Creates the subject's targets from the unit's effective policy; intake-started ones run at once. */
export async function startTargets(deps: Deps, tx: Db, input: StartTargetsInput): Promise<SlaTargetRow[]> {
  const [values] = await planTargets(deps, tx, [{ ...input, now: deps.clock.now() }]);
  if (values!.length === 0) return [];
  return tx.insert(slaTargets).values(values!).returning();
}

export async function targetsOf(db: Db, ref: SubjectRef): Promise<SlaTargetRow[]> {
  return db
    .select()
    .from(slaTargets)
    .where(and(eq(slaTargets.subjectType, ref.subjectType), eq(slaTargets.subjectId, ref.subjectId)))
    .orderBy(slaTargets.position, slaTargets.createdAt);
}

/** Starts pending targets whose start condition just happened (a committed date was set, an event). */
export async function startPendingTargets(
  deps: Deps,
  tx: Db,
  input: SubjectRef & { trigger: 'committed_date_set' | { event: string }; at: Date; committedAt?: Date },
): Promise<SlaTargetRow[]> {
  const rows = (await targetsOf(tx, input)).filter((r) => {
    if (r.state !== 'pending') return false;
    const s = r.definition.startsOn;
    if (input.trigger === 'committed_date_set') return s === 'committed_date_set';
    return typeof s === 'object' && s.event === input.trigger.event;
  });
  const begun: SlaTargetRow[] = [];
  for (const r of rows) begun.push(await begin(deps, tx, r, input.at, input.committedAt ?? null));
  return begun;
}

async function begin(
  deps: Deps,
  tx: Db,
  row: SlaTargetRow,
  at: Date,
  committedAt: Date | null,
): Promise<SlaTargetRow> {
  const cal = await calendarOfUnit(tx, row.unitId);
  const timing = timingOf(row.definition, at, cal, [], committedAt, deps.clock.now());
  const [after] = await tx
    .update(slaTargets)
    .set({ startedAt: at, committedAt, ...timing, state: 'on_track' })
    .where(eq(slaTargets.id, row.id))
    .returning();
  return after!;
}

/** A run that may still be met: pending its start, running or paused (SLA-10). */
const isLive = (r: Pick<SlaTargetRow, 'state'>): boolean => isLiveTarget(r.state);

/**
 * The subject emitted `event` at `at`: live targets stopped by it are met (or met late); a target
 * that starts when the previous one is met starts now (hard complaint: second response). A target
 * still pending its start is met too (SLA-10): a repair resolved before any time was committed has
 * kept its promise, and nothing may wait for a start that will never come.
 */
export async function stopTarget(
  deps: Deps,
  tx: Db,
  input: SubjectRef & { event: string; at: Date },
): Promise<SlaTargetRow[]> {
  const rows = await targetsOf(tx, input);
  const stopped: SlaTargetRow[] = [];
  for (const row of rows) {
    if (!isLive(row) || row.definition.stopsOn !== input.event) continue;
    const pauses = closePauses(row.pauses, input.at);
    const late = row.dueAt !== null && input.at.getTime() > row.dueAt.getTime();
    const [after] = await tx
      .update(slaTargets)
      .set({
        metAt: input.at,
        state: late ? 'met_late' : 'met',
        pauses,
        ...(row.startedAt === null ? { startedAt: input.at } : {}),
      })
      .where(eq(slaTargets.id, row.id))
      .returning();
    stopped.push(after!);
    const next = rows.find(
      (r) =>
        r.position === row.position + 1 && r.state === 'pending' && r.definition.startsOn === 'previous_met',
    );
    if (next && !stopped.some((s) => s.id === next.id)) await begin(deps, tx, next, input.at, null);
  }
  return stopped;
}

function closePauses(pauses: readonly SlaPause[], at: Date): SlaPause[] {
  return pauses.map((p) => (p.to === undefined ? { from: p.from, to: Math.max(p.from, at.getTime()) } : p));
}

/**
 * Writes each run's own changes (one statement per run: the changes depend on the run) and, when
 * any run changed, the subject's audit row naming them.
 */
async function rewriteRuns(
  deps: Deps,
  tx: Db,
  ref: SubjectRef & { at: Date },
  rows: readonly SlaTargetRow[],
  changesOf: (row: SlaTargetRow) => Promise<Partial<NewSlaTarget>> | Partial<NewSlaTarget>,
  audit: { action: string; extra?: Record<string, unknown> },
): Promise<SlaTargetRow[]> {
  const out: SlaTargetRow[] = [];
  for (const row of rows) {
    const [after] = await tx
      .update(slaTargets)
      .set(await changesOf(row))
      .where(eq(slaTargets.id, row.id))
      .returning();
    out.push(after!);
  }
  if (out.length > 0)
    await auditSubject(deps, tx, ref, audit.action, {
      at: ref.at,
      ...audit.extra,
      targets: out.map((r) => r.key),
    });
  return out;
}

/** SLA-7: the subject now waits on the customer; targets that allow it stop their clock. */
export async function pauseTargets(
  deps: Deps,
  tx: Db,
  input: SubjectRef & { at: Date },
): Promise<SlaTargetRow[]> {
  const rows = (await targetsOf(tx, input)).filter(
    (r) => isRunningTarget(r.state) && r.definition.pausesWhenPendingCustomer,
  );
  return rewriteRuns(
    deps,
    tx,
    input,
    rows,
    (row) => ({ state: 'paused', pauses: [...row.pauses, { from: input.at.getTime() }] }),
    { action: 'sla.targets.paused' },
  );
}

/** SLA-7: the customer answered; paused targets run again with their due times moved out by the pause. */
export async function resumeTargets(
  deps: Deps,
  tx: Db,
  input: SubjectRef & { at: Date },
): Promise<SlaTargetRow[]> {
  const rows = (await targetsOf(tx, input)).filter((r) => r.state === 'paused');
  return rewriteRuns(
    deps,
    tx,
    input,
    rows,
    async (row) => {
      const pauses = closePauses(row.pauses, input.at);
      const cal = await calendarOfUnit(tx, row.unitId);
      const timing = timingOf(row.definition, row.startedAt!, cal, pauses, row.committedAt, deps.clock.now());
      // The scan re-derives at risk / breached from the new instants; step ids already run stay run.
      return { state: 'on_track', pauses, ...timing };
    },
    { action: 'sla.targets.resumed' },
  );
}

async function retime(
  deps: Deps,
  tx: Db,
  row: SlaTargetRow,
  cal: WorkingCalendar,
  definition = row.definition,
) {
  const timing =
    row.startedAt === null
      ? {}
      : timingOf(definition, row.startedAt, cal, row.pauses, row.committedAt, deps.clock.now());
  const [after] = await tx
    .update(slaTargets)
    .set({
      definition,
      ...timing,
      ...(row.state === 'paused' || row.state === 'pending' ? {} : { state: 'on_track' as const }),
    })
    .where(eq(slaTargets.id, row.id))
    .returning();
  return after!;
}

/**
 * CL-5: the calendar or the ticket type changed. Open targets are recomputed from their original
 * start (intake is never moved); on a type change targets the new policy lacks end and
 * new ones start from the original intake. Met targets are history and stay as they are.
 */
export async function recomputeTargets(
  deps: Deps,
  tx: Db,
  input: SubjectRef & { ticketType?: TicketType; priority?: string | null },
): Promise<SlaTargetRow[]> {
  const rows = await targetsOf(tx, input);
  if (rows.length === 0) return [];
  const unit = await findUnit(tx, rows[0]!.unitId);
  if (!unit) throw slaErrors.unitNotFound();
  const cal = await effectiveCalendar(tx, unit);
  const live = isLive;
  if (!input.ticketType || input.ticketType === rows[0]!.ticketType) {
    const retimed: Awaited<ReturnType<typeof retime>>[] = [];
    for (const r of rows.filter(live)) retimed.push(await retime(deps, tx, r, cal));
    return retimed;
  }
  const eff = await effectivePolicy(tx, unit, input.ticketType, input.priority ?? null);
  const intakeAt = rows[0]!.intakeAt;
  const keep = new Map(eff.policy.targets.map((t, i) => [t.key, { t, i }]));
  const out: SlaTargetRow[] = [];
  for (const row of rows) {
    const match = keep.get(row.key);
    if (!live(row)) continue;
    if (!match) {
      await tx
        .update(slaTargets)
        .set({
          state: 'ended',
          endedAt: deps.clock.now(),
          endReason: 'type_changed',
          pauses: closePauses(row.pauses, deps.clock.now()),
        })
        .where(eq(slaTargets.id, row.id));
      continue;
    }
    const [moved] = await tx
      .update(slaTargets)
      .set({ ticketType: input.ticketType, position: match.i })
      .where(eq(slaTargets.id, row.id))
      .returning();
    out.push(await retime(deps, tx, moved!, cal, match.t));
  }
  const have = new Set(rows.map((r) => r.key));
  const fresh = eff.policy.targets
    .map((definition, position) => ({ definition, position }))
    .filter(({ definition }) => !have.has(definition.key));
  if (fresh.length > 0) {
    const now = deps.clock.now();
    const start = {
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      unitId: unit.id,
      ticketType: input.ticketType,
      intakeAt,
      ownerId: rows[0]!.ownerId,
      supervisorId: rows[0]!.supervisorId,
    };
    const inserted = await tx
      .insert(slaTargets)
      .values(fresh.map(({ definition, position }) => newTarget(start, definition, position, cal, now)))
      .returning();
    out.push(...inserted);
  }
  await auditSubject(deps, tx, input, 'sla.targets.recomputed', { ticketType: input.ticketType });
  return out;
}

/** Recomputes every open target of a unit and the units below it (after a calendar change). */
export async function recomputeUnitTargets(deps: Deps, tx: Db, unitId: string): Promise<number> {
  const rows = await tx
    .select()
    .from(slaTargets)
    .where(
      and(
        inArray(slaTargets.state, [...OPEN_TARGET_STATES]),
        sql`${slaTargets.unitId} in (select id from organisation_units where path && array[${unitId}]::uuid[])`,
      ),
    );
  const calendars = new Map<string, WorkingCalendar>();
  for (const row of rows) {
    let cal = calendars.get(row.unitId);
    if (!cal) {
      cal = await calendarOfUnit(tx, row.unitId);
      calendars.set(row.unitId, cal);
    }
    await retime(deps, tx, row, cal);
  }
  return rows.length;
}

async function auditSubject(deps: Deps, tx: Db, ref: SubjectRef, action: string, after: unknown) {
  await recordAudit(tx, deps.clock.now(), null, {
    action,
    subjectType: ref.subjectType,
    subjectId: ref.subjectId,
    unitId: null,
    after,
  });
}

/**
 * SLA-10: the subject ended (closed, cancelled, merged): every run it still has — running, paused
 * or pending — ends unmet with the reason; met runs stay history. Nothing of it escalates after.
 */
export async function endTargets(
  deps: Deps,
  tx: Db,
  input: SubjectRef & { at: Date; reason: SlaEndReason },
): Promise<SlaTargetRow[]> {
  const rows = (await targetsOf(tx, input)).filter(isLive);
  return rewriteRuns(
    deps,
    tx,
    input,
    rows,
    (row) => ({
      state: 'ended',
      endedAt: input.at,
      endReason: input.reason,
      pauses: closePauses(row.pauses, input.at),
    }),
    { action: 'sla.targets.ended', extra: { reason: input.reason } },
  );
}

/**
 * SLA-10: the subject was reopened; the targets its policy restarts get a new run (the ended run
 * stays as history): at once from `at` with their full allowed time, or pending their start.
 */
export async function restartTargets(
  deps: Deps,
  tx: Db,
  input: SubjectRef & { at: Date; ticketType: TicketType },
): Promise<SlaTargetRow[]> {
  // Runs ended by a change of type belong to the old policy's positions.
  const rows = (await targetsOf(tx, input)).filter((r) => r.endReason !== 'type_changed');
  const plan = restartPlan(
    rows.map((r) => ({ position: r.position, definition: r.definition, live: isLive(r) })),
  );
  if (plan.length === 0) return [];
  const first = rows[0]!;
  const cal = await calendarOfUnit(tx, first.unitId);
  const now = deps.clock.now();
  const start = {
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    unitId: first.unitId,
    ticketType: input.ticketType,
    intakeAt: first.intakeAt,
    ownerId: first.ownerId,
    supervisorId: first.supervisorId,
  };
  const inserted = await tx
    .insert(slaTargets)
    .values(
      plan.map(({ definition, position, startsNow }) => {
        const fresh = newTarget(start, definition, position, cal, now);
        return startsNow
          ? {
              ...fresh,
              startedAt: input.at,
              ...timingOf(definition, input.at, cal, [], null, now),
              state: 'on_track' as const,
            }
          : {
              ...fresh,
              startedAt: null,
              dueAt: null,
              atRiskAt: null,
              secondBreachAt: null,
              state: 'pending' as const,
            };
      }),
    )
    .returning();
  await auditSubject(deps, tx, input, 'sla.targets.restarted', {
    at: input.at,
    targets: inserted.map((r) => r.key),
  });
  return inserted;
}

/**
 * Who is told, and how, when a target of a subject type reaches a step (SLA-8). Subjects without a
 * writer get the owner / supervisor / unit-manager ladder; an approval request tells the people
 * who hold its awaited roles instead, since its target has no single owner.
 */
export type SlaNoticesOf = (
  db: Db,
  target: SlaTargetRow,
  step: { id: string; trigger: 'at_risk' | 'breached' | 'breached_second_period' },
  now: Date,
) => Promise<NewNotification[]>;
const noticeWriters = new Map<string, SlaNoticesOf>();

/** The module owning a subject type says who hears of its targets' steps. */
export function registerSlaNotices(subjectType: string, writer: SlaNoticesOf): void {
  noticeWriters.set(subjectType, writer);
}

/** The notice writer of a subject type, if its module registered one. */
export const slaNoticesOf = (subjectType: string): SlaNoticesOf | undefined => noticeWriters.get(subjectType);

/** Whether each subject of a type is still open, for the escalation job's last check (SLA-10). */
export type OpenSubjectsOf = (db: Db, subjectIds: readonly string[]) => Promise<Set<string>>;
const openSubjectReaders = new Map<string, OpenSubjectsOf>();

/** A subject's number and title, so that a notice says which ticket or order ran late (SLA-8). */
export interface SlaSubjectLabel {
  readonly number: string;
  readonly title: string | null;
}
export type SubjectLabelsOf = (
  db: Db,
  subjectIds: readonly string[],
) => Promise<Map<string, SlaSubjectLabel>>;
const subjectLabelReaders = new Map<string, SubjectLabelsOf>();

/** The module owning a subject type says which of its subjects are still open, and what they are called. */
export function registerSlaSubject(
  subjectType: string,
  openSubjects: OpenSubjectsOf,
  labelsOf?: SubjectLabelsOf,
): void {
  openSubjectReaders.set(subjectType, openSubjects);
  if (labelsOf) subjectLabelReaders.set(subjectType, labelsOf);
}

/** Number and title of each subject, keyed `type:id`; types without a reader are left out. */
export async function subjectLabels(
  db: Db,
  refs: readonly SubjectRef[],
): Promise<Map<string, SlaSubjectLabel>> {
  const labels = new Map<string, SlaSubjectLabel>();
  const byType = new Map<string, Set<string>>();
  for (const r of refs) byType.set(r.subjectType, (byType.get(r.subjectType) ?? new Set()).add(r.subjectId));
  for (const [type, ids] of byType) {
    const reader = subjectLabelReaders.get(type);
    if (!reader) continue;
    for (const [id, label] of await reader(db, [...ids])) labels.set(`${type}:${id}`, label);
  }
  return labels;
}

/** The subset of `refs` whose subject has ended; types nobody registered count as open. */
export async function endedSubjects(db: Db, refs: readonly SubjectRef[]): Promise<Set<string>> {
  const ended = new Set<string>();
  const byType = new Map<string, string[]>();
  for (const r of refs) byType.set(r.subjectType, [...(byType.get(r.subjectType) ?? []), r.subjectId]);
  for (const [type, ids] of byType) {
    const reader = openSubjectReaders.get(type);
    if (!reader) continue;
    const open = await reader(db, [...new Set(ids)]);
    for (const id of ids) if (!open.has(id)) ended.add(`${type}:${id}`);
  }
  return ended;
}
