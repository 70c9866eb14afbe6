/**
 * RPT-1: the live dashboard and what a department owes. Every figure is counted with the very filter
 * of the list it links to (tickets: `ticketFilter`; care: the worklist; work orders: the list's scope
 * and day), so a click on a tile lands on exactly the counted rows. Only open or today's rows are
 * read, each through an index that holds them (tickets_open_idx, the SLA scan's indexes).
 */
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { getZone, localDateOf, localDayOf, localDayStart } from '../../../domain/calendar/time-zone';
import { can, scopeRoots, type PermissionCode } from '../../../domain/permissions';
import { OPEN_TARGET_STATES, RUNNING_TARGET_STATES } from '../../../domain/sla';
import { weekContaining } from '../../../domain/surveys';
import { OPEN_TICKET_STATES, TICKET_TYPES, type TicketTypeCode as TicketType } from '../../../domain/tickets';
import type { CountLink, Dashboard, DepartmentOwes, OpenByType } from '../../../shared/dashboard';
import type { Actor, Deps } from '../../app/context';
import { holidayDataWarnings } from '../calendar/calendar.service';
import { worklist } from '../care/care.service';
import { findUnit, type UnitRow } from '../org/org.service';
import { organisationUnits } from '../org/org.table';
import { slaTargets } from '../sla/sla.table';
import { satisfactionBetween } from '../surveys/surveys.service';
import { ticketFilter, ticketScope, type TicketFilter, type TicketScope } from '../tickets/tickets.service';
import { tickets } from '../tickets/tickets.table';
import { technicianLoad } from '../workorders/workorders.service';

/** "Today" and "this week" of the dashboard: all of Kefu's units keep China time today. */
const TIME_ZONE = 'Asia/Shanghai';

const href = (path: string, params: Record<string, string | undefined>) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) search.set(k, v);
  const s = search.toString();
  return s ? `${path}?${s}` : path;
};

const link = (n: number | string | undefined, to: string): CountLink => ({ count: Number(n ?? 0), href: to });

/** May the caller read `permission` over the dashboard's scope (the unit, or anywhere)? */
function mayRead(actor: Actor, permission: PermissionCode, unit: UnitRow | null): boolean {
  return unit ? can(actor.grants, permission, unit.path) : scopeRoots(actor.grants, permission).length > 0;
}

/** Counts of the tickets the list would show for `filter`, grouped by ticket type. */
async function ticketCountsByType(
  deps: Deps,
  actor: Actor,
  filter: TicketFilter,
  scope: TicketScope,
): Promise<Map<TicketType, number>> {
  const { where } = await ticketFilter(deps, actor, filter, scope);
  const rows = await deps.db
    .select({ type: tickets.type, n: count() })
    .from(tickets)
    .where(where)
    .groupBy(tickets.type);
  return new Map(rows.map((r) => [r.type, Number(r.n)]));
}

/**
 * The ticket tiles are counted in one read-only snapshot, so they agree with each other (an open
 * ticket is never counted twice or missed while it changes state). Each count is a small index scan;
 * starting parallel workers for it cost more than it saved (5 M tickets on 2 cores: the open pass
 * took 135 ms in parallel and 31 ms without), so this transaction plans without them.
 */
async function inOneSnapshot<T>(deps: Deps, read: (snapshot: Deps) => Promise<T>): Promise<T> {
  return deps.db.transaction(
    async (tx) => {
      await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
      return read({ ...deps, db: tx });
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

/** RPT-1: the dashboard of the caller's units, or of `unitId` and below. */
export async function dashboard(deps: Deps, actor: Actor, unitId: string | undefined): Promise<Dashboard> {
  // The scope is resolved once (the unit, the units below it) for every ticket tile.
  const scope = await ticketScope(deps, actor, unitId);
  const unit = scope.unit;
  const now = deps.clock.now();
  const u = unit?.id;
  const openStates = OPEN_TICKET_STATES.join(',');

  const { grouped, atRisk, dueToday } = await inOneSnapshot(deps, async (snapshot) => {
    // One pass over the open tickets (index-only on tickets_open_idx): type × state × past due.
    const open = await ticketFilter(snapshot, actor, { unitId: u, state: [...OPEN_TICKET_STATES] }, scope);
    const grouped = await snapshot.db
      .select({
        type: tickets.type,
        state: tickets.state,
        late: sql<boolean>`coalesce(${tickets.nextDueAt} < ${now}::timestamptz, false)`,
        n: count(),
      })
      .from(tickets)
      .where(open.where)
      .groupBy(tickets.type, tickets.state, sql`3`);
    const atRisk = await ticketCountsByType(snapshot, actor, { unitId: u, view: 'at_risk' }, scope);
    const dueToday = await ticketCountsByType(snapshot, actor, { unitId: u, view: 'due_today' }, scope);
    return { grouped, atRisk, dueToday };
  });

  const tally = (pick: (r: (typeof grouped)[number]) => boolean) => {
    const m = new Map<TicketType, number>();
    for (const r of grouped) if (pick(r)) m.set(r.type, (m.get(r.type) ?? 0) + Number(r.n));
    return m;
  };
  const openBy = tally(() => true);
  const breachedBy = tally((r) => r.late);
  const waitingBy = tally((r) => r.state === 'waiting_department');
  const pendingBy = tally((r) => r.state === 'pending_customer');
  const list = (params: Record<string, string | undefined>) => href('/tickets', { ...params, unitId: u });

  const byType: OpenByType[] = TICKET_TYPES.filter((type) => openBy.has(type)).map((type) => ({
    type,
    open: link(openBy.get(type), list({ state: openStates, type })),
    atRisk: link(atRisk.get(type), list({ view: 'at_risk', type })),
    breached: link(breachedBy.get(type), list({ view: 'breached', type })),
    waitingDepartment: link(waitingBy.get(type), list({ view: 'waiting_department', type })),
    pendingCustomer: link(pendingBy.get(type), list({ state: 'pending_customer', type })),
  }));

  const today = localDateOf(now, TIME_ZONE);
  const [followUpsToday, technicianTile, satisfactionWeek, calendarWarnings] = await Promise.all([
    mayRead(actor, 'care.read', unit)
      ? worklist(deps, actor, { unitId: u, due: 'today', page: 1, pageSize: 1 }).then((w) =>
          link(w.total, href('/care/worklist', { unitId: u })),
        )
      : null,
    mayRead(actor, 'workorders.read', unit) ? technicians(deps, actor, u, today) : null,
    mayRead(actor, 'surveys.read', unit) ? weekSatisfaction(deps, actor, u, now) : null,
    calendarWarningsOf(deps, actor, unit),
  ]);
  return {
    generatedAt: now.toISOString(),
    unitId: u ?? null,
    today,
    tickets: {
      open: link(sum(openBy), list({ state: openStates })),
      dueToday: link(sum(dueToday), list({ view: 'due_today' })),
      breached: link(sum(breachedBy), list({ view: 'breached' })),
      atRisk: link(sum(atRisk), list({ view: 'at_risk' })),
      waitingDepartment: link(sum(waitingBy), list({ view: 'waiting_department' })),
      byType,
    },
    followUpsToday,
    technicians: technicianTile,
    satisfactionWeek,
    calendarWarnings,
  };
}

/**
 * SLA-1: the dashboard's unit (or the caller's first unit) has no official holidays for a year its
 * deadlines reach. The bundled schedule ends with the newest State Council notice the release
 * knew; until an administrator imports the next one, deadlines there treat holidays as working days.
 */
async function calendarWarningsOf(deps: Deps, actor: Actor, unit: UnitRow | null) {
  const own = unit ?? (actor.grants[0] ? await findUnit(deps.db, actor.grants[0].unitId) : null);
  if (!own) return [];
  const warnings = await holidayDataWarnings(deps, own);
  return warnings.map((w) => ({ ...w, href: href('/calendar', { unitId: own.id }) }));
}

async function technicians(deps: Deps, actor: Actor, unitId: string | undefined, date: string) {
  const people = (await technicianLoad(deps, actor, { unitId, date })).sort(
    (a, b) => b.appointments - a.appointments || a.name.localeCompare(b.name),
  );
  return {
    total: link(
      people.reduce((n, p) => n + p.appointments, 0),
      href('/workorders', { date, unitId }),
    ),
    people: people.map((p) => ({
      technicianId: p.technicianId,
      name: p.name,
      appointments: link(p.appointments, href('/workorders', { technicianId: p.technicianId, date, unitId })),
      finished: p.finished,
    })),
  };
}

async function weekSatisfaction(deps: Deps, actor: Actor, unitId: string | undefined, now: Date) {
  const week = weekContaining(now, TIME_ZONE);
  const s = await satisfactionBetween(deps, actor, { unitId, from: week.start, to: week.end });
  return {
    responses: s.responses,
    csatAverage: s.csatAverage,
    detractors: s.detractors,
    href: href('/surveys/results', {
      unitId,
      from: week.start.toISOString(),
      to: week.end.toISOString(),
    }),
  };
}

const RUNNING = sql.join(
  RUNNING_TARGET_STATES.map((s) => sql`${s}`),
  sql`, `,
);
const LIVE = sql.join(
  OPEN_TARGET_STATES.map((s) => sql`${s}`),
  sql`, `,
);

/**
 * RPT-1 for a department member: the replies the member's departments owe (tickets waiting on them,
 * as the department inbox lists them), how many are due today and how many are late.
 */
export async function departmentOwes(deps: Deps, actor: Actor): Promise<DepartmentOwes> {
  const now = deps.clock.now();
  const own = [
    ...new Set(actor.grants.filter((g) => g.permissions.includes('tickets.read')).map((g) => g.unitId)),
  ];
  const departments = own.length
    ? await deps.db
        .select({ id: organisationUnits.id, name: organisationUnits.name })
        .from(organisationUnits)
        .where(and(inArray(organisationUnits.id, own), eq(organisationUnits.kind, 'department')))
        .orderBy(organisationUnits.name)
    : [];
  if (departments.length === 0)
    return { generatedAt: now.toISOString(), departments: [], total: 0, overdue: 0 };
  const zone = getZone(TIME_ZONE);
  const endOfToday = new Date(localDayStart(zone, localDayOf(zone, now.getTime()) + 1));
  const rows = await deps.db
    .select({
      departmentId: tickets.assigneeDepartmentId,
      waiting: sql<number>`count(distinct ${tickets.id})::int`,
      overdue: sql<number>`count(distinct ${tickets.id}) filter (where ${slaTargets.state} in (${RUNNING}) and ${slaTargets.dueAt} < ${now}::timestamptz)::int`,
      dueToday: sql<number>`count(distinct ${tickets.id}) filter (where ${slaTargets.state} in (${RUNNING}) and ${slaTargets.dueAt} >= ${now}::timestamptz and ${slaTargets.dueAt} < ${endOfToday}::timestamptz)::int`,
    })
    .from(tickets)
    .leftJoin(
      slaTargets,
      sql`${slaTargets.subjectType} = 'ticket' and ${slaTargets.subjectId} = ${tickets.id}::text
        and ${slaTargets.key} = 'department_reply' and ${slaTargets.state} in (${LIVE})`,
    )
    .where(
      and(
        eq(tickets.state, 'waiting_department'),
        inArray(
          tickets.assigneeDepartmentId,
          departments.map((d) => d.id),
        ),
      ),
    )
    .groupBy(tickets.assigneeDepartmentId);
  const byId = new Map(rows.map((r) => [r.departmentId, r]));
  const items = departments.map((d) => {
    const r = byId.get(d.id);
    return {
      id: d.id,
      name: d.name,
      waiting: link(r?.waiting, href('/department-inbox', { departmentId: d.id })),
      dueToday: Number(r?.dueToday ?? 0),
      overdue: Number(r?.overdue ?? 0),
    };
  });
  return {
    generatedAt: now.toISOString(),
    departments: items,
    total: items.reduce((n, d) => n + d.waiting.count, 0),
    overdue: items.reduce((n, d) => n + d.overdue, 0),
  };
}
