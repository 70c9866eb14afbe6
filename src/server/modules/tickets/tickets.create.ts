import { createHash } from 'node:crypto';
import { can } from '../../../domain/permissions/permissions';
import {
  assertRectificationKind,
  formatTicketNumber,
  localDateOf,
  type TicketState,
} from '../../../domain/tickets';
import type { Actor, Deps } from '../../app/context';
import { recordAudit } from '../audit/audit.repository';
import { authErrors } from '../auth/auth.errors';
import { customerErrors } from '../customers/customers.errors';
import { findCustomerRow } from '../customers/customers.repository';
import { findUnit, type UnitRow } from '../org/org.repository';
import {
  departmentForRectification,
  findSalesChannel,
  inLine,
  TRAINEE_ROLE,
} from '../routing/routing.repository';
import { startTargets } from '../sla/sla.engine';
import { fromTicketError, ticketErrors } from './tickets.errors';
import {
  addEvent,
  claimIdempotencyKey,
  findIdempotencyKey,
  nextTicketSequence,
  type TicketEventRow,
  type TicketRow,
} from './tickets.repository';
import type { TicketDetail } from './tickets.queries';
import type { CreateTicketInput } from './tickets.schemas';
import { ticketSearchText } from './tickets.search';
import { tickets } from './tickets.table';

/** A client clock a little ahead of ours is not a future intake; more than this is refused. */
const CLOCK_SKEW_MS = 60_000;

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
  const unit = await findUnit(deps.db, unitId);
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

/**
 * Takes a case in (IN-1, IN-4): numbers it, routes it (CL-3 rectification → department, CL-4 sales
 * channel → team), starts its SLA targets from the real intake time, and records the timeline and
 * the audit row in one transaction. With an idempotency key a retry answers the first ticket (IN-10).
 */
export async function createTicket(
  deps: Deps,
  actor: Actor,
  input: CreateTicketInput,
  idempotencyKey: string | null,
): Promise<CreateOutcome> {
  const hash = requestHash(input);
  if (idempotencyKey) {
    const previous = await findIdempotencyKey(deps.db, actor.userId, idempotencyKey);
    if (previous) return replayOf(previous, hash);
  }
  const unit = await intakeUnit(deps, actor, input.unitId);
  const now = deps.clock.now();
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  if (receivedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw ticketErrors.receivedInFuture();
  const intakeAt = receivedAt.getTime() > now.getTime() ? now : receivedAt;
  try {
    assertRectificationKind(input.type, input.rectificationKind);
  } catch (err) {
    fromTicketError(err);
  }
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
  const department = departmentId ? ((await findUnit(deps.db, departmentId)) ?? null) : null;
  const state: TicketState = departmentId ? 'waiting_department' : teamId ? 'assigned' : 'new';

  // The day's number is drawn in its own statement, not inside the creating transaction: there the
  // counter row stayed locked until commit and every intake of a store queued behind it. A creation
  // that fails after this leaves a gap in the day's numbers, which nothing relies on.
  const sequence = await nextTicketSequence(deps.db, unit.id, localDateOf(now, unit.timezone));
  try {
    const detail = await deps.db.transaction(async (tx): Promise<TicketDetail> => {
      const values = {
        number: formatTicketNumber(localDateOf(now, unit.timezone), sequence),
        unitId: unit.id,
        customerId: input.customerId ?? null,
        type: input.type,
        rectificationKind: input.rectificationKind ?? null,
        channel: input.channel,
        priority: input.priority ?? 'normal',
        subject: input.subject,
        description: input.description ?? '',
        state,
        receivedAt: intakeAt,
        createdAt: now,
        createdBy: actor.userId,
        intakeAgentId: actor.userId,
        assigneeTeamId: teamId,
        assigneeDepartmentId: departmentId,
        salesChannelId: input.salesChannelId ?? null,
        contactPhone: input.contactPhone || null,
        address: input.address || null,
        assetId: input.assetId ?? null,
        assetModel: input.assetModel || null,
        assetSerial: input.assetSerial || null,
        purchaseDate: input.purchaseDate ?? null,
        requestedTime: input.requestedTime || null,
        publicPostUrl: input.publicPostUrl ?? null,
        updatedAt: now,
      } satisfies Partial<TicketRow>;
      const [ticket] = await tx
        .insert(tickets)
        // The customer's name is searched too; at intake there are no replies yet.
        .values({ ...values, searchText: ticketSearchText(values, customerName) })
        .returning();
      const id = ticket!.id;
      const events: TicketEventRow[] = [];
      events.push(
        await addEvent(tx, {
          ticketId: id,
          type: 'created',
          actorId: actor.userId,
          at: now,
          body: { channel: input.channel, type: input.type, receivedAt: intakeAt.toISOString() },
        }),
      );
      if (departmentId)
        events.push(
          await addEvent(tx, {
            ticketId: id,
            type: 'routed',
            actorId: null,
            at: now,
            body: { rule: 'CL-3', departmentId, rectificationKind: input.rectificationKind },
          }),
        );
      if (teamId)
        events.push(
          await addEvent(tx, {
            ticketId: id,
            type: 'routed',
            actorId: null,
            at: now,
            body: { rule: 'CL-4', teamId, salesChannelId: input.salesChannelId },
          }),
        );
      const targets = await startTargets(deps, tx, {
        unit,
        subjectType: 'ticket',
        subjectId: id,
        unitId: unit.id,
        ticketType: input.type,
        priority: values.priority,
        intakeAt,
        ownerId: actor.userId,
      });
      await recordAudit(tx, now, actor, {
        action: 'tickets.created',
        subjectType: 'ticket',
        subjectId: id,
        unitId: unit.id,
        // The search words are derived from the fields above; the trail keeps what a person entered.
        after: withoutSearchText(ticket!),
      });
      if (idempotencyKey) {
        const claimed = await claimIdempotencyKey(tx, {
          actorId: actor.userId,
          key: idempotencyKey,
          requestHash: hash,
          ticketId: id,
          createdAt: now,
        });
        // A concurrent retry committed first: undo this one and answer with that ticket.
        if (!claimed) throw new ReplayInstead();
      }
      return { ticket: ticket!, unit, department, targets, events };
    });
    return { ticketId: detail.ticket.id, replayed: false, detail };
  } catch (err) {
    if (err instanceof ReplayInstead && idempotencyKey) {
      const previous = await findIdempotencyKey(deps.db, actor.userId, idempotencyKey);
      if (previous) return replayOf(previous, hash);
    }
    throw err;
  }
}

function withoutSearchText(ticket: TicketRow): Omit<TicketRow, 'searchText'> {
  const { searchText: _searchText, ...rest } = ticket;
  return rest;
}

function replayOf(previous: { requestHash: string; ticketId: string }, hash: string): CreateOutcome {
  if (previous.requestHash !== hash) throw ticketErrors.idempotencyConflict();
  return { ticketId: previous.ticketId, replayed: true };
}
