import { maskTypedPhone } from '../../../domain/customers/phone';
import { isOverdue } from '../../../domain/sla';
import { allowedTransitions, missingEssentials } from '../../../domain/tickets';
import type { Actor, Deps } from '../../app/context';
import { customerSummaries, seesFullNumbers } from '../customers/customers.service';
import { unitNames, unitPaths, type UnitRow, displayNames } from '../org/org.service';
import { salesChannelNames, teamNames } from '../routing/routing.service';
import { type SlaTargetRow, countsInOfTargets, type CountsIn } from '../sla/sla.service';
import type { TicketDetail as TicketDetailResponse } from '../../../shared/tickets';
import { ticketCan } from './tickets.policy';
import { slaSummaries, summarise, type SlaSummary, type TicketDetail } from './tickets.queries';
import type { TicketEventRow, TicketListRow } from './tickets.repository';

interface Names {
  units: Map<string, string>;
  unitPaths: Map<string, string[]>;
  customers: Map<string, { id: string; name: string; specialAttention: boolean }>;
  people: Map<string, string>;
  teams: Map<string, string>;
  channels: Map<string, string>;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const named = (id: string | null, names: Map<string, string>) =>
  id ? { id, name: names.get(id) ?? '' } : null;

/** What the caller already holds, so its names are not looked up again. */
interface KnownNames {
  units?: (UnitRow | null)[];
  people?: Map<string, string>;
}

/** Names for a page of tickets in a handful of queries, however many rows the page has. */
async function namesFor(
  deps: Deps,
  rows: TicketListRow[],
  extraPeople: (string | null)[] = [],
  known: KnownNames = {},
): Promise<Names> {
  const knownUnits = (known.units ?? []).filter((u): u is UnitRow => !!u);
  const unknownUnit = (id: string | null): id is string => !!id && !knownUnits.some((u) => u.id === id);
  const knownPeople = known.people ?? new Map<string, string>();
  const [units, paths, customerRows, people, teams, channels] = await Promise.all([
    unitNames(deps.db, rows.flatMap((r) => [r.unitId, r.assigneeDepartmentId]).filter(unknownUnit)).then(
      (found) => new Map([...knownUnits.map((u) => [u.id, u.name] as const), ...found]),
    ),
    unitPaths(deps.db, rows.map((r) => r.unitId).filter(unknownUnit)).then(
      (found) => new Map([...knownUnits.map((u): [string, string[]] => [u.id, [...u.path]]), ...found]),
    ),
    customerSummaries(
      deps.db,
      rows.map((r) => r.customerId),
    ),
    displayNames(
      deps.db,
      [...rows.flatMap((r) => [r.intakeAgentId, r.assigneeUserId]), ...extraPeople].filter(
        (id) => !id || !knownPeople.has(id),
      ),
    ).then((found) => new Map([...knownPeople, ...found])),
    teamNames(
      deps.db,
      rows.map((r) => r.assigneeTeamId),
    ),
    salesChannelNames(
      deps.db,
      rows.map((r) => r.salesChannelId),
    ),
  ]);
  return { units, unitPaths: paths, customers: customerRows, people, teams, channels };
}

function summary(actor: Actor, t: TicketListRow, names: Names, sla: SlaSummary) {
  // CUS-4: the contact number is masked like the customer's own numbers for roles without the right.
  const fullNumbers = seesFullNumbers(actor, names.unitPaths.get(t.unitId) ?? []);
  return {
    id: t.id,
    number: t.number,
    unit: { id: t.unitId, name: names.units.get(t.unitId) ?? '' },
    type: t.type,
    rectificationKind: t.rectificationKind,
    channel: t.channel,
    priority: t.priority,
    subject: t.subject,
    state: t.state,
    customerId: t.customerId,
    customer: t.customerId ? (names.customers.get(t.customerId) ?? null) : null,
    contactPhone: t.contactPhone && !fullNumbers ? maskTypedPhone(t.contactPhone) : t.contactPhone,
    intakeAgent: named(t.intakeAgentId, names.people),
    intakeOrigin: t.intakeOrigin,
    assigneeUser: named(t.assigneeUserId, names.people),
    assigneeTeam: named(t.assigneeTeamId, names.teams),
    assigneeDepartment: named(t.assigneeDepartmentId, names.units),
    salesChannel: named(t.salesChannelId, names.channels),
    receivedAt: t.receivedAt.toISOString(),
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    resolvedAt: iso(t.resolvedAt),
    closedAt: iso(t.closedAt),
    sla: { state: sla.state, nextDueAt: iso(sla.nextDueAt) },
  };
}

export async function presentTicketList(deps: Deps, actor: Actor, rows: TicketListRow[]) {
  const [names, sla] = await Promise.all([
    namesFor(deps, rows),
    slaSummaries(
      deps,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((t) => summary(actor, t, names, sla.get(t.id) ?? { state: 'none', nextDueAt: null }));
}

function presentTarget(r: SlaTargetRow, now: number, countsIn: CountsIn | null) {
  return {
    id: r.id,
    key: r.key,
    state: r.state,
    // The scheduler moves states on its own beat; the page can show "overdue" the moment it is.
    overdue: isOverdue(r, now),
    allowed: r.definition.allowed,
    stopsOn: r.definition.stopsOn,
    startsOn: r.definition.startsOn,
    pausesWhenPendingCustomer: r.definition.pausesWhenPendingCustomer,
    intakeAt: r.intakeAt.toISOString(),
    startedAt: iso(r.startedAt),
    dueAt: iso(r.dueAt),
    atRiskAt: iso(r.atRiskAt),
    metAt: iso(r.metAt),
    committedAt: iso(r.committedAt),
    endedAt: iso(r.endedAt),
    endReason: r.endReason,
    countsIn,
  };
}

function presentEvent(e: TicketEventRow, people: Map<string, string>) {
  return {
    id: e.id,
    type: e.type,
    at: e.at.toISOString(),
    visibility: e.visibility,
    actor: named(e.actorId, people),
    body: e.body,
  };
}

export async function presentTicketDetail(
  deps: Deps,
  actor: Actor,
  d: TicketDetail,
): Promise<TicketDetailResponse> {
  const t = d.ticket;
  const names = await namesFor(
    deps,
    [t],
    d.events.map((e) => e.actorId),
    { units: [d.unit, d.department], people: new Map([[actor.userId, actor.displayName]]) },
  );
  const now = deps.clock.now().getTime();
  const countsIn = await countsInOfTargets(deps, d.targets);
  return {
    ...summary(actor, t, names, summarise(d.targets, now)),
    description: t.description,
    createdBy: t.createdBy,
    address: t.address,
    assetId: t.assetId,
    assetModel: t.assetModel,
    assetSerial: t.assetSerial,
    purchaseDate: t.purchaseDate,
    requestedTime: t.requestedTime,
    publicPostUrl: t.publicPostUrl,
    mergedIntoId: t.mergedIntoId,
    customer: t.customerId ? (names.customers.get(t.customerId) ?? null) : null,
    missingEssentials: missingEssentials(t),
    allowedTransitions: [...allowedTransitions(t.state)].filter((s) => s !== 'assigned' && s !== 'merged'),
    can: ticketCan(actor, d),
    slaTargets: d.targets.map((r) => presentTarget(r, now, countsIn.get(r.id) ?? null)),
    timeline: d.events.map((e) => presentEvent(e, names.people)),
  };
}
