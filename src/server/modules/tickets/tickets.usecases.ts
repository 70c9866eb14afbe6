import { eq } from 'drizzle-orm';
import { can } from '../../../domain/permissions';
import {
  answerNeedsDepartmentReply,
  assertRectificationKind,
  assertTransition,
  isEndedState,
  isOpenState,
  REPLY_SLA_EVENTS,
  type RectificationKind,
  type ReplyKind,
  type TicketState,
  type TicketTypeCode,
} from '../../../domain/tickets';
import { closesThroughCloseOut } from '../../../domain/tickets/close-out';
import { publishBusinessEvent } from '../../app/business-events';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { recordAudit } from '../audit/audit.service';
import { customerErrors } from '../customers/customers.errors';
import { findCustomerRow } from '../customers/customers.service';
import { findUnit, loadGrants } from '../org/org.service';
import { users } from '../org/org.table';
import {
  departmentForRectification,
  departmentServes,
  findTeam,
  inLine,
  isTrainee,
} from '../routing/routing.service';
import { recomputeTargets, stopTarget } from '../sla/sla.service';
import { departmentReplies } from '../complaints/department-replies.table';
import { applyStateEffects, stateChanges } from './tickets.lifecycle';
import { fromTicketError, ticketErrors } from './tickets.errors';
import { checkApprovedAnswer, lastAnswerText } from './tickets.direct-answer';
import { assertOnTicket, onLockedTicket } from './tickets.policy';
import { refreshTicketSearchText } from './tickets.search';
import { addEvent, loadTicket, saveTicket, type TicketRow } from './tickets.repository';
import type { UpdateTicketInput } from './tickets.schemas';

const ref = (id: string) => ({ subjectType: 'ticket', subjectId: id });
const domain = <T>(fn: () => T): T => {
  try {
    return fn();
  } catch (err) {
    return fromTicketError(err);
  }
};

export type AssignInput = {
  userId?: string | undefined;
  teamId?: string | undefined;
  departmentId?: string | undefined;
};

/**
 * Assigns to a person (the ticket's worker; new → assigned), a team (its queue; the person is
 * cleared) or a responsible department (CL-3; → waiting_department, the person keeps the
 * conversation). Trainees are refused (IN-7).
 */
export async function assignTicket(deps: Deps, actor: Actor, id: string, input: AssignInput): Promise<void> {
  await onLockedTicket(deps, actor, id, 'tickets.assign', async (tx, { ticket, unit, department }) => {
    if (!isOpenState(ticket.state)) throw ticketErrors.notOpen();
    let changes: Partial<TicketRow>;
    if (input.userId) {
      const [person] = await tx
        .select({ id: users.id, status: users.status, name: users.displayName })
        .from(users)
        .where(eq(users.id, input.userId));
      if (!person || person.status !== 'active') throw ticketErrors.assigneeNotFound();
      if (await isTrainee(tx, person.id)) throw ticketErrors.traineeCannotTakeIntake();
      const grants = await loadGrants(tx, person.id);
      const sees =
        can(grants, 'tickets.read', unit.path) ||
        (!!department && can(grants, 'tickets.read', department.path));
      if (!sees) throw ticketErrors.assigneeCannotSeeTicket();
      changes = {
        assigneeUserId: person.id,
        ...(ticket.state === 'new' ? { state: 'assigned' as const } : {}),
      };
    } else if (input.teamId) {
      const found = await findTeam(tx, input.teamId);
      if (!found || !found.team.active || !inLine(found.unit, unit)) throw ticketErrors.teamNotFound();
      changes = {
        assigneeTeamId: found.team.id,
        assigneeUserId: null,
        ...(ticket.state === 'new' ? { state: 'assigned' as const } : {}),
      };
    } else {
      const dept = await findUnit(tx, input.departmentId!);
      if (!dept || !departmentServes(dept, unit)) throw ticketErrors.departmentNotFound();
      const waits = ['new', 'assigned', 'in_progress'].includes(ticket.state);
      changes = { assigneeDepartmentId: dept.id, ...(waits ? { state: 'waiting_department' as const } : {}) };
    }
    const now = deps.clock.now();
    const after = await saveTicket(tx, id, { ...changes, updatedAt: now });
    await addEvent(tx, {
      ticketId: id,
      type: 'assigned',
      actorId: actor.userId,
      at: now,
      body: { ...input, fromState: ticket.state, toState: after.state },
    });
    if (input.userId && after.assigneeUserId !== ticket.assigneeUserId)
      await publishBusinessEvent(deps, tx, {
        type: 'work.assigned',
        subjectType: 'ticket',
        subjectId: id,
        number: after.number,
        summary: after.subject,
        unitId: unit.id,
        assigneeId: input.userId,
        actorId: actor.userId,
        at: now,
      });
    await recordAudit(tx, now, actor, {
      action: 'tickets.assigned',
      subjectType: 'ticket',
      subjectId: id,
      unitId: unit.id,
      before: pickAssignees(ticket),
      after: pickAssignees(after),
    });
  });
}

const pickAssignees = (t: TicketRow) => ({
  state: t.state,
  assigneeUserId: t.assigneeUserId,
  assigneeTeamId: t.assigneeTeamId,
  assigneeDepartmentId: t.assigneeDepartmentId,
});

/** CL-5: a new type (and rectification kind) is recorded; SLA targets are recomputed from the original intake. */
export async function reclassifyTicket(
  deps: Deps,
  actor: Actor,
  id: string,
  input: {
    type: TicketTypeCode;
    rectificationKind?: RectificationKind | null | undefined;
    reason?: string | null | undefined;
  },
): Promise<void> {
  domain(() => assertRectificationKind(input.type, input.rectificationKind));
  await onLockedTicket(deps, actor, id, 'tickets.manage', async (tx, { ticket, unit }, now) => {
    if (!isOpenState(ticket.state)) throw ticketErrors.notOpen();
    const kind = input.rectificationKind ?? null;
    if (ticket.type === input.type && ticket.rectificationKind === kind) throw ticketErrors.typeUnchanged();
    // A ticket becoming a rectification goes to its department unless one is already responsible.
    const routed =
      kind && !ticket.assigneeDepartmentId ? await departmentForRectification(tx, unit, kind) : null;
    const after = await saveTicket(tx, id, {
      type: input.type,
      rectificationKind: kind,
      ...(routed
        ? {
            assigneeDepartmentId: routed,
            ...(['new', 'assigned', 'in_progress'].includes(ticket.state)
              ? { state: 'waiting_department' as const }
              : {}),
          }
        : {}),
      updatedAt: now,
    });
    const from = { type: ticket.type, rectificationKind: ticket.rectificationKind };
    const to = { type: after.type, rectificationKind: after.rectificationKind };
    await addEvent(tx, {
      ticketId: id,
      type: 'reclassified',
      actorId: actor.userId,
      at: now,
      body: { from, to, reason: input.reason ?? null },
    });
    if (routed)
      await addEvent(tx, {
        ticketId: id,
        type: 'routed',
        actorId: null,
        at: now,
        body: { rule: 'CL-3', departmentId: routed, rectificationKind: kind },
      });
    if (ticket.type !== after.type)
      await recomputeTargets(deps, tx, { ...ref(id), ticketType: after.type, priority: after.priority });
    await recordAudit(tx, now, actor, {
      action: 'tickets.reclassified',
      subjectType: 'ticket',
      subjectId: id,
      unitId: unit.id,
      before: from,
      after: { ...to, reason: input.reason ?? null },
    });
  });
}

/** An internal note: colleagues only, never the customer. */
export async function addNote(deps: Deps, actor: Actor, id: string, body: string): Promise<void> {
  await onLockedTicket(deps, actor, id, 'tickets.manage', async (tx, { ticket, unit }, now) => {
    await addEvent(tx, {
      ticketId: id,
      type: 'note',
      actorId: actor.userId,
      at: now,
      visibility: 'internal',
      body: { text: body },
    });
    await saveTicket(tx, id, { updatedAt: now });
    await refreshTicketSearchText(tx, id);
    await recordAudit(tx, now, actor, {
      action: 'tickets.note_added',
      subjectType: 'ticket',
      subjectId: id,
      unitId: unit.id,
      after: { state: ticket.state, text: body },
    });
  });
}

export interface ReplyInput {
  body: string;
  /** How the reply counts (SLA-3…6): the answer, an acknowledgement, or a progress update. */
  kind: ReplyKind;
  /** IN-9: also posted under the public complaint. */
  postedPublicly?: boolean | undefined;
  /** SLA-3: why the customer is answered before the department's findings are in. */
  answerWithoutDepartmentReason?: string | null | undefined;
}

/**
 * A customer-visible reply (CMP-6). Only what it is meets targets: the answer meets the answer
 * targets, an acknowledgement the first response and contact, a progress update nothing. For a
 * rectification or an indirect consultation the answer follows the department's findings, or
 * says why it could not wait for them (SLA-3).
 */
export async function addReply(deps: Deps, actor: Actor, id: string, input: ReplyInput): Promise<void> {
  await onLockedTicket(deps, actor, id, 'tickets.manage', async (tx, { ticket, unit }, now) => {
    if (isEndedState(ticket.state)) throw ticketErrors.repliesClosed();
    // IN-9: the public answer under the original post is recorded with the post it answered.
    if (input.postedPublicly && !ticket.publicPostUrl) throw ticketErrors.noPublicPost();
    const withoutDepartment = input.answerWithoutDepartmentReason?.trim() || null;
    if (
      input.kind === 'answer' &&
      answerNeedsDepartmentReply(ticket.type) &&
      !withoutDepartment &&
      !(await hasDepartmentReply(tx, id))
    )
      throw ticketErrors.answerBeforeDepartmentReply();
    const publicPost = input.postedPublicly
      ? { postedPublicly: true, publicPostUrl: ticket.publicPostUrl }
      : {};
    const recorded = {
      text: input.body,
      kind: input.kind,
      ...(input.kind === 'answer' && withoutDepartment
        ? { answerWithoutDepartmentReason: withoutDepartment }
        : {}),
      ...publicPost,
    };
    await addEvent(tx, {
      ticketId: id,
      type: 'reply',
      actorId: actor.userId,
      at: now,
      visibility: 'customer',
      body: recorded,
    });
    for (const event of REPLY_SLA_EVENTS[input.kind])
      await stopTarget(deps, tx, { ...ref(id), event, at: now });
    await saveTicket(tx, id, { updatedAt: now });
    await refreshTicketSearchText(tx, id);
    await recordAudit(tx, now, actor, {
      action: 'tickets.replied',
      subjectType: 'ticket',
      subjectId: id,
      unitId: unit.id,
      after: recorded,
    });
  });
}

async function hasDepartmentReply(tx: Db, ticketId: string): Promise<boolean> {
  const [found] = await tx
    .select({ id: departmentReplies.id })
    .from(departmentReplies)
    .where(eq(departmentReplies.ticketId, ticketId))
    .limit(1);
  return !!found;
}

/**
 * Moves the ticket along its stages; the SLA follows (tickets.lifecycle). A complaint closes only
 * through close-out (CMP-5), so a plain move to closed is refused for it.
 */
export async function transitionTicket(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { to: TicketState; reason?: string | null | undefined; answerArticleId?: string | null | undefined },
  /**
   * CL-2 is not checked again: the caller checked the answer itself (intake).
   */
  opts: { skipDirectAnswerCheck?: boolean } = {},
): Promise<void> {
  if (!opts.skipDirectAnswerCheck && (input.to === 'resolved' || input.to === 'closed')) {
    const loaded = await loadTicket(deps.db, id);
    if (!loaded) throw ticketErrors.notFound();
    assertOnTicket(actor, 'tickets.manage', loaded);
    // CL-2: a direct consultation is resolved (or closed) only with a current approved answer, as at intake.
    if (loaded.ticket.type === 'consultation_direct' && loaded.ticket.state !== 'resolved') {
      const typed = await lastAnswerText(deps, id);
      const used = await checkApprovedAnswer(deps, actor, {
        articleId: input.answerArticleId ?? null,
        ticketId: id,
        reply: typed,
      });
      // No answer was sent yet: the approved text is the answer, as when nothing is typed at intake.
      if (typed === null) await addReply(deps, actor, id, { body: used.reply, kind: 'answer' });
      input = {
        ...input,
        reason:
          input.reason ||
          `依据答客问「${used.question.slice(0, 80)}」第 ${used.version} 版 / from approved answer v${used.version}`,
      };
    }
  }
  await onLockedTicket(deps, actor, id, 'tickets.manage', async (tx, { ticket, unit }, now) => {
    const from = ticket.state;
    domain(() => assertTransition(from, input.to, input.reason));
    if (input.to === 'closed' && closesThroughCloseOut(ticket.type)) throw ticketErrors.closeOutRequired();
    await saveTicket(tx, id, stateChanges(from, input.to, now));
    await applyStateEffects(deps, tx, ticket, input.to, now);
    await addEvent(tx, {
      ticketId: id,
      type: 'state_changed',
      actorId: actor.userId,
      at: now,
      body: { from, to: input.to, reason: input.reason ?? null },
    });
    await recordAudit(tx, now, actor, {
      action: 'tickets.state_changed',
      subjectType: 'ticket',
      subjectId: id,
      unitId: unit.id,
      before: { state: from },
      after: { state: input.to, reason: input.reason ?? null },
    });
  });
}

/** A duplicate is closed as merged into another ticket; both timelines say so, its targets end (SLA-10). */
export async function mergeTicket(deps: Deps, actor: Actor, id: string, intoTicketId: string): Promise<void> {
  if (id === intoTicketId) throw ticketErrors.mergeIntoSelf();
  await onLockedTicket(deps, actor, id, 'tickets.manage', async (tx, { ticket, unit }, now) => {
    const target = await loadTicket(tx, intoTicketId, { forUpdate: true });
    if (!target) throw ticketErrors.notFound();
    assertOnTicket(actor, 'tickets.manage', target);
    if (target.ticket.state === 'cancelled' || target.ticket.state === 'merged')
      throw ticketErrors.mergeTargetInvalid();
    domain(() => assertTransition(ticket.state, 'merged'));
    await saveTicket(tx, id, { ...stateChanges(ticket.state, 'merged', now), mergedIntoId: intoTicketId });
    await saveTicket(tx, intoTicketId, { updatedAt: now });
    await applyStateEffects(deps, tx, ticket, 'merged', now);
    await addEvent(tx, {
      ticketId: id,
      type: 'merged_into',
      actorId: actor.userId,
      at: now,
      body: { intoTicketId, intoNumber: target.ticket.number, fromState: ticket.state },
    });
    await addEvent(tx, {
      ticketId: intoTicketId,
      type: 'merge_received',
      actorId: actor.userId,
      at: now,
      body: { fromTicketId: id, fromNumber: ticket.number },
    });
    await recordAudit(tx, now, actor, {
      action: 'tickets.merged',
      subjectType: 'ticket',
      subjectId: id,
      unitId: unit.id,
      before: { state: ticket.state },
      after: { state: 'merged', mergedIntoId: intoTicketId },
    });
  });
}

/** Corrects or completes the intake facts (IN-4 essentials, contact, description); the changes go to the timeline. */
export async function updateTicket(
  deps: Deps,
  actor: Actor,
  id: string,
  input: UpdateTicketInput,
): Promise<void> {
  await onLockedTicket(deps, actor, id, 'tickets.manage', async (tx, { ticket, unit }, now) => {
    if (input.customerId) {
      const found = await findCustomerRow(tx, input.customerId);
      if (
        !found ||
        !(unit.path.includes(found.customer.unitId) || can(actor.grants, 'tickets.read', found.unitPath))
      )
        throw customerErrors.notFound();
    }
    const changes = Object.fromEntries(
      Object.entries(input)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, v === '' && k !== 'description' ? null : v]),
    ) as Partial<TicketRow>;
    const changed = Object.keys(changes).filter(
      (k) => changes[k as keyof TicketRow] !== ticket[k as keyof TicketRow],
    );
    if (changed.length === 0) return;
    await saveTicket(tx, id, { ...changes, updatedAt: now });
    await refreshTicketSearchText(tx, id);
    const before = Object.fromEntries(changed.map((k) => [k, ticket[k as keyof TicketRow]]));
    const after = Object.fromEntries(changed.map((k) => [k, changes[k as keyof TicketRow]]));
    await addEvent(tx, {
      ticketId: id,
      type: 'updated',
      actorId: actor.userId,
      at: now,
      body: { fields: changed, before, after },
    });
    await recordAudit(tx, now, actor, {
      action: 'tickets.updated',
      subjectType: 'ticket',
      subjectId: id,
      unitId: unit.id,
      before,
      after,
    });
  });
}
