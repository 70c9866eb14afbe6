import { createHash, randomUUID } from 'node:crypto';
import { localDateOf } from '../../../domain/calendar';
import { can } from '../../../domain/permissions';
import {
  assertAnswerableOnIntake,
  assertRectificationKind,
  formatTicketNumber,
  type TicketOrigin,
  type TicketState,
} from '../../../domain/tickets';
import type { Actor, Deps } from '../../app/context';
import { GroupCommit } from '../../app/group-commit';
import { asStored, insertRows, returningColumns, rowsFromJson, StatementParams } from '../../app/bulk-insert';
import { executePrepared, type Db } from '../../app/db';
import { insertAuditStatement } from '../audit/audit.service';
import { findOwnCall, linkCallToTicket, type CallOnFile } from '../contacts/contacts.service';
import { authErrors } from '../auth/auth.errors';
import { customerErrors } from '../customers/customers.errors';
import { findCustomerRow } from '../customers/customers.service';
import { findUnitRecent, type UnitRow } from '../org/org.service';
import {
  departmentForRectification,
  findSalesChannel,
  inLine,
  TRAINEE_ROLE,
} from '../routing/routing.service';
import { insertTargetsStatement, planTargets, targetsFromJson, type NewSlaTarget } from '../sla/sla.service';
import { fromTicketError, ticketErrors } from './tickets.errors';
import {
  drawTicketNumbers,
  eventRow,
  findIdempotencyKey,
  type NewTicketEvent,
  type TicketRow,
} from './tickets.repository';
import { getTicket, type TicketDetail } from './tickets.queries';
import { checkApprovedAnswer } from './tickets.direct-answer';
import { addReply, transitionTicket } from './tickets.usecases';
import type { CreateTicketInput } from './tickets.schemas';
import { ticketSearchText } from './tickets.search';
import { ticketEvents, ticketIdempotencyKeys, tickets } from './tickets.table';

/** A client clock a little ahead of ours is not a future intake; more than this is refused. */
const CLOCK_SKEW_MS = 60_000;

/**
 * Up to 64 intakes per batch (with 16 clients creating without pause, batches held four on average).
 * On PostgreSQL two batches may be written at once — measured better than one (fills too slowly)
 * and than three or four (batches too small); the embedded database has one connection, where a
 * second batch would only wait.
 */
const MAX_INTAKE_BATCH = 64;

/** Stable hash of a request body: the same fields in any order hash alike. */
export function requestHash(body: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(canonical(body)))
    .digest('hex');
}

/** IN-7: trainees never take intake; others need tickets.create at the unit (404 outside scope). */
async function intakeUnit(deps: Deps, actor: Actor, unitId: string): Promise<UnitRow> {
  const unit = await findUnitRecent(deps, unitId);
  if (!unit || !unit.active) throw ticketErrors.unitNotFound();
  const sees = can(actor.grants, 'tickets.read', unit.path) || can(actor.grants, 'tickets.create', unit.path);
  if (!sees) throw ticketErrors.unitNotFound();
  // The acting person's roles came with their grants; no second look-up on every intake.
  if (actor.grants.some((g) => g.roleCode === TRAINEE_ROLE)) throw ticketErrors.traineeCannotTakeIntake();
  if (!can(actor.grants, 'tickets.create', unit.path))
    throw authErrors.forbidden({ permission: 'tickets.create' });
  return unit;
}

class ReplayInstead extends Error {}

/** A new ticket comes back whole (no reload after commit); a replay names the first ticket only. */
export type CreateOutcome =
  { ticketId: string; replayed: false; detail: TicketDetail } | { ticketId: string; replayed: true };

/** An intake checked and looked up, ready to be written: only its number and id come at write time. */
export interface PreparedIntake {
  actor: Actor;
  input: CreateTicketInput;
  /** IN-10: the key a retry would repeat, with the hash of the body a replay must match. */
  idempotency: { key: string; requestHash: string } | null;
  now: Date;
  intakeAt: Date;
  unit: UnitRow;
  department: UnitRow | null;
  customerName: string | null;
  teamId: string | null;
  state: TicketState;
  /** IN-3: the agent's call this ticket is taken from; its call-log row gets the ticket. */
  call: CallOnFile | null;
  /**
   * 'customer_survey': the customer opened the case through a survey answer (SAT-2). The actor is
   * then only the owner the case is given to: nobody is its intake agent, the timeline and audit
   * trail name no member of staff as the one who took it in.
   */
  origin: TicketOrigin;
}

/**
 * Takes a case in (IN-1, IN-4): numbers it, routes it (CL-3 rectification → department, CL-4 sales
 * channel → team), starts its SLA targets from the real intake time, and records the timeline and
 * the audit row in one transaction. With an idempotency key a retry answers the first ticket (IN-10).
 * Outside a caller's transaction the write joins the intake writer's next batch (group commit).
 */
export async function createTicket(
  deps: Deps,
  actor: Actor,
  input: CreateTicketInput,
  idempotencyKey: string | null,
  options: { origin?: TicketOrigin } = {},
): Promise<CreateOutcome> {
  // Taken from a call, or answered and closed on the spot: more than the ticket is written, so it
  // leaves the group-commit batch for one transaction of its own (all of it, or nothing).
  if ((input.callId || input.answerOnIntake || input.answerArticleId) && deps.db === deps.database.db)
    return deps.db.transaction((tx) =>
      createTicket({ ...deps, db: tx }, actor, input, idempotencyKey, options),
    );
  const found = await prepareIntake(deps, actor, input, idempotencyKey);
  if ('replayed' in found) return found;
  const prepared: PreparedIntake = options.origin
    ? {
        ...found,
        origin: options.origin,
        state: found.state === 'new' && options.origin !== 'staff' ? 'assigned' : found.state,
      }
    : found;
  try {
    let detail =
      deps.db === deps.database.db
        ? await intakeWriterOf(deps).submit(prepared)
        : (await writeIntakes(deps, deps.db, [prepared]))[0]!;
    const { ticket } = detail;
    if (prepared.call) await linkCallToTicket(deps.db, prepared.now, actor, prepared.call, ticket);
    if (input.answerArticleId) {
      await answerAndClose(deps, actor, ticket.id, input.answerArticleId, input.answerOnIntake);
      detail = await getTicket(deps, actor, ticket.id);
    }
    return { ticketId: ticket.id, replayed: false, detail };
  } catch (err) {
    if (err instanceof ReplayInstead && prepared.idempotency) {
      const { key, requestHash } = prepared.idempotency;
      const previous = await findIdempotencyKey(deps.db, actor.userId, key);
      if (previous) return replayOf(previous, requestHash);
    }
    throw err;
  }
}

/**
 * 受理并办结 (CL-2, SLA-3, SLA-10): the answer given on the line is the ticket's reply (it meets the
 * answer target), then the ticket is resolved and closed, which ends every target still running.
 * Each step writes its own timeline entry and audit row, inside the creating transaction.
 */
async function answerAndClose(
  deps: Deps,
  actor: Actor,
  ticketId: string,
  articleId: string,
  typed: string | undefined,
): Promise<void> {
  const used = await checkApprovedAnswer(deps, actor, { articleId, ticketId, reply: typed ?? null });
  const reason = `${ANSWERED_ON_INTAKE}｜依据答客问「${used.question.slice(0, 80)}」第 ${used.version} 版 / from approved answer v${used.version}`;
  await addReply(deps, actor, ticketId, { body: used.reply, kind: 'answer' });
  // The answer was checked just above: the moves need not check it again.
  await transitionTicket(deps, actor, ticketId, { to: 'resolved', reason }, { skipDirectAnswerCheck: true });
  await transitionTicket(deps, actor, ticketId, { to: 'closed', reason }, { skipDirectAnswerCheck: true });
}

/** The reason the timeline and the audit trail give for a ticket closed at intake. */
const ANSWERED_ON_INTAKE = '受理并办结：来电时当场答复 / answered on the spot at intake';

/** Checks the request and looks up what the ticket refers to; nothing is written here. */
export async function prepareIntake(
  deps: Deps,
  actor: Actor,
  request: CreateTicketInput,
  idempotencyKey: string | null,
): Promise<PreparedIntake | CreateOutcome> {
  // The body's hash is only needed to hold a retry to the same request (IN-10).
  const idempotency = idempotencyKey ? { key: idempotencyKey, requestHash: requestHash(request) } : null;
  if (idempotency) {
    const previous = await findIdempotencyKey(deps.db, actor.userId, idempotency.key);
    if (previous) return replayOf(previous, idempotency.requestHash);
  }
  if (request.answerOnIntake || request.answerArticleId) {
    domainRule(() => assertAnswerableOnIntake(request.type));
    // CL-2: only an approved answer closes a direct consultation; anything else is indirect.
    if (!request.answerArticleId) throw ticketErrors.directAnswerNotApproved();
  }
  // IN-3: the number that called is on the call's row in full; a screen may have shown it masked,
  // so the browser sends the call, not the number, and the ticket keeps the number on file.
  const call = request.callId ? await findOwnCall(deps.db, actor, request.callId) : null;
  const input: CreateTicketInput = call
    ? {
        ...request,
        contactPhone: request.contactPhone || call.phoneNumber,
        customerId: request.customerId === undefined ? call.customerId : request.customerId,
      }
    : request;
  const unit = await intakeUnit(deps, actor, input.unitId);
  const now = deps.clock.now();
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  if (receivedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw ticketErrors.receivedInFuture();
  const intakeAt = receivedAt.getTime() > now.getTime() ? now : receivedAt;
  domainRule(() => assertRectificationKind(input.type, input.rectificationKind));
  let customerName: string | null = null;
  if (input.customerId) {
    const found = await findCustomerRow(deps.db, input.customerId);
    // A customer of this unit or a unit above it (the region's archive), or one the agent can see.
    const usable =
      found &&
      (unit.path.includes(found.customer.unitId) || can(actor.grants, 'tickets.read', found.unitPath));
    if (!usable) throw customerErrors.notFound();
    customerName = found.customer.name;
  }
  let teamId: string | null = null;
  if (input.salesChannelId) {
    const found = await findSalesChannel(deps.db, input.salesChannelId);
    if (!found || !found.channel.active || !inLine(found.unit, unit))
      throw ticketErrors.salesChannelNotFound();
    teamId = found.channel.teamId;
  }
  const departmentId = input.rectificationKind
    ? await departmentForRectification(deps.db, unit, input.rectificationKind)
    : null;
  const department = departmentId ? ((await findUnitRecent(deps, departmentId)) ?? null) : null;
  const state: TicketState = departmentId ? 'waiting_department' : teamId ? 'assigned' : 'new';
  return {
    actor,
    input,
    idempotency,
    now,
    intakeAt,
    unit,
    department,
    customerName,
    teamId,
    state,
    call,
    origin: 'staff',
  };
}

function domainRule(check: () => void): void {
  try {
    check();
  } catch (err) {
    fromTicketError(err);
  }
}

/**
 * Writes intakes together: their numbers in one statement, then everything else in one more — the
 * tickets, their timelines, SLA targets, audit rows and idempotency keys, each table one insert of
 * the whole batch inside one WITH statement (a single statement is its own transaction). Details
 * come back in the order given. Throws ReplayInstead when a key was claimed meanwhile; nothing
 * is then written.
 */
export async function writeIntakes(
  deps: Deps,
  db: Db,
  batch: readonly PreparedIntake[],
): Promise<TicketDetail[]> {
  const ids = batch.map(() => randomUUID());
  const plannedTargets = await planTargets(
    deps,
    db,
    batch.map((p, i) => ({
      unit: p.unit,
      subjectType: 'ticket',
      subjectId: ids[i]!,
      unitId: p.unit.id,
      ticketType: p.input.type,
      priority: p.input.priority ?? 'normal',
      intakeAt: p.intakeAt,
      ownerId: p.actor.userId,
      now: p.now,
    })),
  );
  // The day's numbers are drawn in their own statement, not inside the creating transaction: there
  // the counter row stayed locked until commit and every intake of a store queued behind it. A
  // creation that fails after this leaves a gap in the day's numbers; so everything that can refuse
  // an intake (the SLA plan reads the calendar, which refuses instants outside 1970–2200) runs
  // first, and a refused intake never takes a number (issue 12).
  const localDates = batch.map((p) => localDateOf(p.now, p.unit.timezone));
  const sequences = await drawTicketNumbers(
    db,
    batch.map((p, i) => ({ unitId: p.unit.id, localDate: localDates[i]! })),
    { ownTransaction: db === deps.database.db },
  );
  const rows = batch.map((p, i) =>
    intakeRow(p, ids[i]!, formatTicketNumber(localDates[i]!, sequences[i]!), plannedTargets[i]!),
  );
  const events = batch.flatMap((p, i) => intakeEvents(p, ids[i]!).map(eventRow));
  const audits = batch.map((p, i) => ({
    at: p.now,
    // A customer's survey answer opened it: no member of staff is the actor (the row says the origin).
    actor: p.origin === 'staff' ? p.actor : null,
    entry: {
      action: 'tickets.created',
      subjectType: 'ticket',
      subjectId: ids[i]!,
      unitId: p.unit.id,
      // The search words are derived from the fields above; the trail keeps what a person entered.
      after: withoutSearchText(asStored(tickets, rows[i]!)),
    },
  }));
  const keys = batch.flatMap((p, i) =>
    p.idempotency ? [{ actorId: p.actor.userId, ...p.idempotency, ticketId: ids[i]!, createdAt: p.now }] : [],
  );
  const params = new StatementParams();
  const statement = `with
    t as (${insertRows(tickets, rows, params)} ${returningColumns(tickets)}),
    e as (${insertRows(ticketEvents, events, params)} ${returningColumns(ticketEvents)}),
    s as (${insertTargetsStatement(plannedTargets.flat(), params)}),
    a as (${insertAuditStatement(audits, params)}),
    k as (${insertRows(ticketIdempotencyKeys, keys, params)} on conflict do nothing returning 1)
    select (select json_agg(t) from t) as tickets, (select json_agg(e) from e) as events,
      (select json_agg(s) from s) as targets, (select count(*) from k)::int as claimed`;
  type Written = { tickets: Json; events: Json; targets: Json; claimed: number };
  const write = async (on: Db) => (await executePrepared<Written>(on, statement, params.values))[0]!;
  // Without keys the statement alone is the transaction; a key claimed meanwhile must undo it all.
  const written =
    keys.length === 0
      ? await write(db)
      : await db.transaction(async (tx) => {
          const result = await write(tx);
          // A concurrent retry committed first: undo everything and answer with that ticket.
          if (result.claimed < keys.length) throw new ReplayInstead();
          return result;
        });
  const storedTickets = new Map(rowsFromJson(tickets, written.tickets).map((t) => [t.id, t]));
  const storedEvents = rowsFromJson(ticketEvents, written.events).sort((a, b) => a.seq - b.seq);
  const storedTargets = targetsFromJson(written.targets).sort((a, b) => a.position - b.position);
  return batch.map((p, i) => ({
    ticket: storedTickets.get(ids[i]!)!,
    unit: p.unit,
    department: p.department,
    targets: storedTargets.filter((t) => t.subjectId === ids[i]),
    events: storedEvents.filter((e) => e.ticketId === ids[i]),
  }));
}

type Json = Record<string, unknown>[] | null;

/** The ticket row of an intake, with the next due time its running targets give it. */
function intakeRow(p: PreparedIntake, id: string, number: string, targets: readonly NewSlaTarget[]) {
  const { input } = p;
  const values = {
    id,
    number,
    unitId: p.unit.id,
    customerId: input.customerId ?? null,
    type: input.type,
    rectificationKind: input.rectificationKind ?? null,
    channel: input.channel,
    priority: input.priority ?? 'normal',
    subject: input.subject,
    description: input.description ?? '',
    state: p.state,
    receivedAt: p.intakeAt,
    createdAt: p.now,
    createdBy: p.actor.userId,
    intakeAgentId: p.origin === 'staff' ? p.actor.userId : null,
    intakeOrigin: p.origin,
    // The owner of a follow-up the customer asked for works it; they did not take it in.
    assigneeUserId: p.origin === 'staff' ? null : p.actor.userId,
    assigneeTeamId: p.teamId,
    assigneeDepartmentId: p.department?.id ?? null,
    salesChannelId: input.salesChannelId ?? null,
    contactPhone: input.contactPhone || null,
    address: input.address || null,
    assetId: input.assetId ?? null,
    assetModel: input.assetModel || null,
    assetSerial: input.assetSerial || null,
    purchaseDate: input.purchaseDate ?? null,
    requestedTime: input.requestedTime || null,
    publicPostUrl: input.publicPostUrl ?? null,
    updatedAt: p.now,
    // What the next-due trigger would set; written at once, the trigger finds nothing to change.
    nextDueAt: earliestOnTrack(targets, 'dueAt'),
    atRiskFrom: earliestOnTrack(targets, 'atRiskAt'),
  } satisfies Partial<TicketRow>;
  // The customer's name is searched too; at intake there are no replies yet.
  return { ...values, searchText: ticketSearchText(values, p.customerName) };
}

/** The earliest `instant` of the new targets that start running, as the next-due trigger keeps it. */
function earliestOnTrack(targets: readonly NewSlaTarget[], instant: 'dueAt' | 'atRiskAt'): Date | null {
  const times = targets.flatMap((t) => {
    const at = t[instant];
    return t.state === 'on_track' && at ? [at.getTime()] : [];
  });
  return times.length ? new Date(Math.min(...times)) : null;
}

/** The timeline an intake starts with: taken in, and routed when a rule sent it somewhere (CL-3, CL-4). */
function intakeEvents(p: PreparedIntake, ticketId: string): NewTicketEvent[] {
  const { input } = p;
  const events: NewTicketEvent[] = [
    {
      ticketId,
      type: 'created',
      actorId: p.origin === 'staff' ? p.actor.userId : null,
      at: p.now,
      body: {
        channel: input.channel,
        type: input.type,
        receivedAt: p.intakeAt.toISOString(),
        ...(p.origin === 'staff' ? {} : { origin: p.origin }),
      },
    },
  ];
  if (p.department)
    events.push({
      ticketId,
      type: 'routed',
      actorId: null,
      at: p.now,
      body: { rule: 'CL-3', departmentId: p.department.id, rectificationKind: input.rectificationKind },
    });
  if (p.teamId)
    events.push({
      ticketId,
      type: 'routed',
      actorId: null,
      at: p.now,
      body: { rule: 'CL-4', teamId: p.teamId, salesChannelId: input.salesChannelId },
    });
  return events;
}

/** Intakes outside a caller's transaction share one writer per database: see GroupCommit. */
const intakeWriters = new WeakMap<Db, GroupCommit<PreparedIntake, TicketDetail>>();

function intakeWriterOf(deps: Deps): GroupCommit<PreparedIntake, TicketDetail> {
  let writer = intakeWriters.get(deps.db);
  if (!writer) {
    const db = deps.db;
    writer = new GroupCommit((batch) => writeIntakes(deps, db, batch), {
      maxBatch: MAX_INTAKE_BATCH,
      maxInFlight: deps.database.kind === 'postgres' ? 2 : 1,
    });
    intakeWriters.set(db, writer);
  }
  return writer;
}

function withoutSearchText(ticket: TicketRow): Omit<TicketRow, 'searchText'> {
  const { searchText: _searchText, ...rest } = ticket;
  return rest;
}

function replayOf(previous: { requestHash: string; ticketId: string }, hash: string): CreateOutcome {
  if (previous.requestHash !== hash) throw ticketErrors.idempotencyConflict();
  return { ticketId: previous.ticketId, replayed: true };
}
