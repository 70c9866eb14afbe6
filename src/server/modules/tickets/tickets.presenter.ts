import { inArray } from 'drizzle-orm';
import { allowedTransitions, missingEssentials } from '../../../domain/tickets';
import type { Deps } from '../../app/context';
import { customers } from '../customers/customers.table';
import { unitNames } from '../org/org.repository';
import { displayNames } from '../org/users.usecases';
import { salesChannelNames, teamNames } from '../routing/routing.repository';
import type { SlaTargetRow } from '../sla/sla.engine';
import { slaSummaries, type SlaSummary, type TicketDetail } from './tickets.queries';
import type { TicketEventRow, TicketRow } from './tickets.repository';

interface Names {
  units: Map<string, string>;
  people: Map<string, string>;
  teams: Map<string, string>;
  channels: Map<string, string>;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const named = (id: string | null, names: Map<string, string>) =>
  id ? { id, name: names.get(id) ?? '' } : null;

/** Names for a page of tickets in a handful of queries, however many rows the page has. */
async function namesFor(deps: Deps, rows: TicketRow[], extraPeople: (string | null)[] = []): Promise<Names> {
  const [units, people, teams, channels] = await Promise.all([
    unitNames(
      deps.db,
      rows.flatMap((r) => [r.unitId, r.assigneeDepartmentId].filter((x): x is string => !!x)),
    ),
    displayNames(deps.db, [...rows.flatMap((r) => [r.intakeAgentId, r.assigneeUserId]), ...extraPeople]),
    teamNames(
      deps.db,
      rows.map((r) => r.assigneeTeamId),
    ),
    salesChannelNames(
      deps.db,
      rows.map((r) => r.salesChannelId),
    ),
  ]);
  return { units, people, teams, channels };
}

function summary(t: TicketRow, names: Names, sla: SlaSummary) {
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
    contactPhone: t.contactPhone,
    intakeAgent: named(t.intakeAgentId, names.people),
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

export async function presentTicketList(deps: Deps, rows: TicketRow[]) {
  const [names, sla] = await Promise.all([
    namesFor(deps, rows),
    slaSummaries(
      deps,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((t) => summary(t, names, sla.get(t.id) ?? { state: 'none', nextDueAt: null }));
}

function presentTarget(r: SlaTargetRow, now: number) {
  return {
    id: r.id,
    key: r.key,
    state: r.state,
    // The scheduler moves states on its own beat; the page can show "overdue" the moment it is.
    overdue:
      ['on_track', 'at_risk', 'breached', 'escalated'].includes(r.state) &&
      r.dueAt !== null &&
      r.dueAt.getTime() < now,
    allowed: r.definition.allowed,
    stopsOn: r.definition.stopsOn,
    pausesWhenPendingCustomer: r.definition.pausesWhenPendingCustomer,
    intakeAt: r.intakeAt.toISOString(),
    startedAt: iso(r.startedAt),
    dueAt: iso(r.dueAt),
    atRiskAt: iso(r.atRiskAt),
    metAt: iso(r.metAt),
    committedAt: iso(r.committedAt),
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

export async function presentTicketDetail(deps: Deps, d: TicketDetail) {
  const t = d.ticket;
  const [names, sla, customer] = await Promise.all([
    namesFor(
      deps,
      [t],
      d.events.map((e) => e.actorId),
    ),
    slaSummaries(deps, [t.id]),
    // The customers module has no summary helper yet; the name and flag are read for the card.
    t.customerId
      ? deps.db
          .select({ id: customers.id, name: customers.name, specialAttention: customers.specialAttention })
          .from(customers)
          .where(inArray(customers.id, [t.customerId]))
      : Promise.resolve([]),
  ]);
  const now = deps.clock.now().getTime();
  return {
    ...summary(t, names, sla.get(t.id) ?? { state: 'none', nextDueAt: null }),
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
    customer: customer[0] ?? null,
    missingEssentials: missingEssentials(t),
    allowedTransitions: [...allowedTransitions(t.state)].filter((s) => s !== 'assigned' && s !== 'merged'),
    slaTargets: d.targets.map((r) => presentTarget(r, now)),
    timeline: d.events.map((e) => presentEvent(e, names.people)),
  };
}
