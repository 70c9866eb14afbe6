import {
  and,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  gte,
  inArray,
  isNull,
  lte,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { can, scopeRoots } from '../../../domain/permissions';
import { DAY_MS } from '../../../domain/calendar/time-zone';
import { isBreachedAt, isRunningTarget } from '../../../domain/sla';
import { OPEN_TICKET_STATES } from '../../../domain/tickets';
import type { Actor, Deps } from '../../app/context';
import { lagTolerantDb } from '../../app/db';
import { authErrors } from '../auth/auth.errors';
import { findUnit, unitIdsWithin, type UnitRow } from '../org/org.service';
import { organisationUnits } from '../org/org.table';
import { teamsOfUser } from '../routing/routing.service';
import { targetsOf, type SlaTargetRow } from '../sla/sla.service';
import { slaTargets } from '../sla/sla.table';
import { ticketErrors } from './tickets.errors';
import { assertOnTicket } from './tickets.policy';
import { ticketSearch } from './tickets.search';
import {
  eventsOf,
  loadTicket,
  type LoadedTicket,
  type TicketEventRow,
  type TicketListRow,
} from './tickets.repository';
import type { ListTicketsQuery } from './tickets.schemas';
import { tickets } from './tickets.table';

export interface TicketDetail extends LoadedTicket {
  targets: SlaTargetRow[];
  events: TicketEventRow[];
}

/** One ticket with its SLA targets and timeline; 404 outside the caller's units (ORG-1). */
export async function getTicket(deps: Deps, actor: Actor, id: string): Promise<TicketDetail> {
  const loaded = await loadTicket(deps.db, id);
  if (!loaded) throw ticketErrors.notFound();
  assertOnTicket(actor, 'tickets.read', loaded);
  const [targets, events] = await Promise.all([
    targetsOf(deps.db, { subjectType: 'ticket', subjectId: id }),
    eventsOf(deps.db, id),
  ]);
  return { ...loaded, targets, events };
}

const OPEN_TICKET = inArray(tickets.state, [...OPEN_TICKET_STATES]);

/**
 * Tickets whose unit or responsible department lies within `roots`. The units are listed first, so
 * each side of the OR is an index condition (a store's open tickets are found, not filtered from
 * the whole company's).
 */
async function ticketsWithin(deps: Deps, roots: string[]): Promise<SQL> {
  const ids = await unitIdsWithin(deps.db, roots);
  if (ids.length === 0) return sql`false`;
  return or(inArray(tickets.unitId, ids), inArray(tickets.assigneeDepartmentId, ids))!;
}

async function viewCondition(
  deps: Deps,
  actor: Actor,
  view: ListTicketsQuery['view'],
): Promise<SQL | undefined> {
  const now = deps.clock.now();
  switch (view) {
    case 'my_queue': {
      // Mine: assigned to me, or nobody's yet and either taken in by me or waiting in one of my teams.
      const teamIds = await teamsOfUser(deps.db, actor.userId);
      const unowned = or(
        eq(tickets.intakeAgentId, actor.userId),
        teamIds.length > 0 ? inArray(tickets.assigneeTeamId, teamIds) : undefined,
      );
      return and(
        OPEN_TICKET,
        or(eq(tickets.assigneeUserId, actor.userId), and(isNull(tickets.assigneeUserId), unowned)),
      );
    }
    case 'due_today':
      // The ticket's next due time falls on today in its own unit's time zone. Any instant of the local
      // day that holds `now` lies within 25 hours of it (a 25-hour day at most), so the range drops
      // nothing and lets tickets_open_next_due_idx find the few tickets due around now: the dashboard
      // counts this view at millions of tickets (RPT-1).
      return and(
        OPEN_TICKET,
        sql`${tickets.nextDueAt} > ${now}::timestamptz - interval '25 hours'`,
        sql`${tickets.nextDueAt} < ${now}::timestamptz + interval '25 hours'`,
        sql`exists (select 1 from ${organisationUnits} ou where ou.id = ${tickets.unitId}
          and (${tickets.nextDueAt} at time zone ou.timezone)::date = (${now}::timestamptz at time zone ou.timezone)::date)`,
      );
    case 'breached':
      // A running target past its due time makes the earliest running due time lie in the past.
      return and(OPEN_TICKET, sql`${tickets.nextDueAt} < ${now}::timestamptz`);
    case 'at_risk':
      // SLA-8 at risk and not yet breached: an on-track target past its at-risk instant, or one the
      // scan marked at risk (tickets.at_risk_from, kept from the targets). A breached or escalated
      // target makes the ticket breached instead. A ticket with an at-risk instant has a running
      // target, hence a next due time.
      return and(
        OPEN_TICKET,
        sql`${tickets.atRiskFrom} <= ${now}::timestamptz`,
        sql`${tickets.nextDueAt} >= ${now}::timestamptz`,
      );
    case 'waiting_department':
      return eq(tickets.state, 'waiting_department');
    default:
      return undefined;
  }
}

export type TicketFilter = Omit<ListTicketsQuery, 'page' | 'pageSize'>;

/** The list's plain order, and every search's: a capped word search's windows rely on it. */
const NEWEST_FIRST = [desc(tickets.receivedAt), desc(tickets.number)];

/**
 * The caller's scope (ORG-1) over tickets, or over `unitId` and below, as one condition (undefined:
 * everywhere). Resolved once and passed to `ticketFilter` by callers that count several views of
 * the same scope (the dashboard), so the unit and the units below it are looked up once.
 */
export async function ticketScope(
  deps: Deps,
  actor: Actor,
  unitId: string | undefined,
): Promise<TicketScope> {
  let roots = scopeRoots(actor.grants, 'tickets.read');
  if (roots.length === 0) throw authErrors.forbidden({ permission: 'tickets.read' });
  const unit = unitId ? await findUnit(deps.db, unitId) : null;
  if (unitId) {
    if (!unit || !can(actor.grants, 'tickets.read', unit.path)) throw ticketErrors.unitNotFound();
    roots = [unit.id];
  }
  // Someone who reads tickets at the root (headquarters) sees every ticket: no scope condition to test.
  const everywhere =
    !unitId && actor.grants.some((g) => g.unitPath.length === 1 && g.permissions.includes('tickets.read'));
  return { unitId, unit: unit ?? null, condition: everywhere ? undefined : await ticketsWithin(deps, roots) };
}

/** A resolved ticket scope: the unit it was asked for and its condition (undefined: everywhere). */
export interface TicketScope {
  unitId: string | undefined;
  /** The unit asked for; null when the scope is all of the caller's units. */
  unit: UnitRow | null;
  condition: SQL | undefined;
}

/**
 * The caller's scope (ORG-1) and the list filters as one condition, with the list's order. Shared by
 * the list, its search (`q`) and the Excel export, so they can never disagree on what a person sees.
 * `scope`, when given, must have been resolved for the same caller and `q.unitId`.
 */
export async function ticketFilter(
  deps: Deps,
  actor: Actor,
  q: TicketFilter,
  scope?: TicketScope,
): Promise<{ where: SQL | undefined; order: SQL[]; wordSearch: boolean }> {
  const resolved = scope ?? (await ticketScope(deps, actor, q.unitId));
  if (resolved.unitId !== q.unitId) throw new Error('ticketFilter: scope resolved for another unit');
  const search = q.q ? ticketSearch(q.q) : null;
  const where = and(
    resolved.condition,
    await viewCondition(deps, actor, q.view),
    q.type ? inArray(tickets.type, q.type) : undefined,
    q.state ? inArray(tickets.state, q.state) : undefined,
    q.channel ? inArray(tickets.channel, q.channel) : undefined,
    q.assigneeUserId ? eq(tickets.assigneeUserId, q.assigneeUserId) : undefined,
    q.teamId ? eq(tickets.assigneeTeamId, q.teamId) : undefined,
    q.departmentId ? eq(tickets.assigneeDepartmentId, q.departmentId) : undefined,
    q.customerId ? eq(tickets.customerId, q.customerId) : undefined,
    q.from ? gte(tickets.receivedAt, new Date(q.from)) : undefined,
    q.to ? lte(tickets.receivedAt, new Date(q.to)) : undefined,
    search?.where,
  );
  // A search lists newest first whatever the view; the SLA-driven views otherwise go by next due time.
  const order =
    !search && q.view && q.view !== 'waiting_department'
      ? [sql`${tickets.nextDueAt} asc nulls last`, asc(tickets.receivedAt)]
      : NEWEST_FIRST;
  return { where, order, wordSearch: search?.kind === 'words' };
}

const { searchText: _searchText, ...LIST_COLUMNS } = getTableColumns(tickets);

/**
 * A word search counts its matches up to this many and then says "more than": an exact count of a
 * common word's matches reads every one of them (decision 0007).
 */
export const SEARCH_COUNT_CAP = 1000;
/** A capped word search looks for its page among the newest tickets first, widening until it is full. */
const SEARCH_WINDOW_DAYS = [31, 183, 731];

export interface TicketPage {
  items: TicketListRow[];
  total: number;
  /** True when `total` is SEARCH_COUNT_CAP and more tickets match. */
  totalCapped: boolean;
}

/** A page of the tickets the caller may see, filtered; SLA-driven views come first by next due time. */
export async function listTickets(deps: Deps, actor: Actor, q: ListTicketsQuery): Promise<TicketPage> {
  const { where, order, wordSearch } = await ticketFilter(deps, actor, q);
  const offset = (q.page - 1) * q.pageSize;
  // Lists and search tolerate replication lag: served by the read replica when there is one.
  const db = lagTolerantDb(deps);
  if (wordSearch) return searchPage({ ...deps, db }, where, q.pageSize, offset);
  // The page is chosen over ids only, with the total riding along as a window count: the window
  // holds every match, and a narrow row keeps thousands of them in memory instead of on disk.
  const page = await db
    .select({ id: tickets.id, total: sql<number>`count(*) over ()` })
    .from(tickets)
    .where(where)
    .orderBy(...order)
    .limit(q.pageSize)
    .offset(offset);
  if (page.length === 0) {
    // A page past the end has no row to carry the total.
    const [totalRow] = await db.select({ total: count() }).from(tickets).where(where);
    return { items: [], total: Number(totalRow?.total ?? 0), totalCapped: false };
  }
  return {
    items: await rowsInOrder(
      { ...deps, db },
      page.map((r) => r.id),
    ),
    total: Number(page[0]!.total),
    totalCapped: false,
  };
}

/** A word search's page: matches counted up to the cap, the page found newest first. */
async function searchPage(
  deps: Deps,
  where: SQL | undefined,
  pageSize: number,
  offset: number,
): Promise<TicketPage> {
  const matches = deps.db
    .select({ id: tickets.id })
    .from(tickets)
    .where(where)
    .limit(SEARCH_COUNT_CAP + 1)
    .as('matches');
  const [counted] = await deps.db.select({ n: count() }).from(matches);
  const found = Number(counted?.n ?? 0);
  const totalCapped = found > SEARCH_COUNT_CAP;
  const total = Math.min(found, SEARCH_COUNT_CAP);
  if (!totalCapped && offset >= found) return { items: [], total, totalCapped };
  // Few matches: reading them all is cheap. Many: the newest month holds a full page far more often
  // than not, and a page found within a window is exactly the page of the whole list.
  const now = deps.clock.now().getTime();
  const windows = totalCapped ? [...SEARCH_WINDOW_DAYS, null] : [null];
  let ids: string[] = [];
  for (const days of windows) {
    const since = days === null ? undefined : gte(tickets.receivedAt, new Date(now - days * DAY_MS));
    const rows = await deps.db
      .select({ id: tickets.id })
      .from(tickets)
      .where(and(where, since))
      .orderBy(...NEWEST_FIRST)
      .limit(pageSize)
      .offset(offset);
    ids = rows.map((r) => r.id);
    if (ids.length === pageSize) break;
  }
  return { items: await rowsInOrder(deps, ids), total, totalCapped };
}

/** The list rows of these tickets, in the given order. */
async function rowsInOrder(deps: Deps, ids: string[]): Promise<TicketListRow[]> {
  if (ids.length === 0) return [];
  const rows = await deps.db.select(LIST_COLUMNS).from(tickets).where(inArray(tickets.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is TicketListRow => r !== undefined);
}

export type SlaSummary = {
  state: 'on_track' | 'at_risk' | 'breached' | 'paused' | 'done' | 'none';
  nextDueAt: Date | null;
};

/** Worst state and next due time of each ticket's targets, for a page of tickets in one query. */
export async function slaSummaries(deps: Deps, ticketIds: string[]): Promise<Map<string, SlaSummary>> {
  const out = new Map<string, SlaSummary>();
  if (ticketIds.length === 0) return out;
  const rows = await deps.db
    .select({ subjectId: slaTargets.subjectId, state: slaTargets.state, dueAt: slaTargets.dueAt })
    .from(slaTargets)
    .where(and(eq(slaTargets.subjectType, 'ticket'), inArray(slaTargets.subjectId, ticketIds)));
  const now = deps.clock.now().getTime();
  for (const id of ticketIds)
    out.set(
      id,
      summarise(
        rows.filter((r) => r.subjectId === id),
        now,
      ),
    );
  return out;
}

/** Summarises targets: breached beats at risk beats on track; all paused = paused; none open = done. */
export function summarise(
  rows: { state: SlaTargetRow['state']; dueAt: Date | null }[],
  now: number,
): SlaSummary {
  if (rows.length === 0) return { state: 'none', nextDueAt: null };
  const running = rows.filter((r) => isRunningTarget(r.state));
  const dues = running.map((r) => r.dueAt).filter((d): d is Date => d !== null);
  const nextDueAt = dues.length > 0 ? new Date(Math.min(...dues.map((d) => d.getTime()))) : null;
  if (running.some((r) => isBreachedAt(r, now))) return { state: 'breached', nextDueAt };
  if (running.some((r) => r.state === 'at_risk')) return { state: 'at_risk', nextDueAt };
  if (running.length > 0) return { state: 'on_track', nextDueAt };
  if (rows.some((r) => r.state === 'paused')) return { state: 'paused', nextDueAt: null };
  return { state: 'done', nextDueAt: null };
}
