/**
 * Department handling (CMP-3, SLA-3): the responsible department's inbox and its reply form. The
 * reply meets the department_reply target, sets the committed date (which starts the result
 * target) and hands the ticket back to the intake agent, who answers the customer.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { can, scopeRoots } from '../../../domain/permissions';
import {
  COMPLAINT_RECORD_TYPES,
  DEPARTMENT_REPLIED_SLA_EVENT,
  type CorrectiveAction,
} from '../../../domain/tickets/complaints';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { recordAudit } from '../audit/audit.service';
import { authErrors } from '../auth/auth.errors';
import { findUnit, type UnitRow } from '../org/org.service';
import { organisationUnits } from '../org/org.table';
import { createNotifications } from '../notifications/notifications.service';
import { startPendingTargets, stopTarget } from '../sla/sla.service';
import { slaTargets } from '../sla/sla.table';
import { complaintErrors } from './complaints.errors';
import {
  activePerson,
  committedInstant,
  ensureComplaintRecord,
  updateComplaintRecord,
} from './complaints.repository';
import { saveTicket, onLockedTicket, addEvent, assertOnTicket, loadTicket } from '../tickets/tickets.service';
import { departmentReplies } from './department-replies.table';
import { ticketErrors } from '../tickets/tickets.errors';
import { tickets } from '../tickets/tickets.table';

export type DepartmentReplyRow = typeof departmentReplies.$inferSelect;

export interface DepartmentReplyInput {
  findings: string;
  rootCause: string;
  correctiveAction: { kind: CorrectiveAction; text: string };
  preventiveAction: string;
  committedDate: string;
  responsiblePersonId: string;
}

/**
 * CMP-3: who files the department's reply: its members (tickets.manage held in the department or
 * a unit inside it). Above the department only those who also manage routing (the CS supervisor,
 * administrators) may file it on the department's behalf; a store agent's tickets.manage over the
 * store's departments is not enough, or the department's answer would be the agent's own.
 */
export function mayReplyForDepartment(actor: Actor, department: UnitRow): boolean {
  return actor.grants.some(
    (g) =>
      g.permissions.includes('tickets.manage') &&
      (g.unitPath.includes(department.id) ||
        (department.path.includes(g.unitId) && g.permissions.includes('routing.manage'))),
  );
}

/** CMP-3: the department's reply; only people with tickets.manage at the responsible department may file it. */
export async function fileDepartmentReply(
  deps: Deps,
  actor: Actor,
  id: string,
  input: DepartmentReplyInput,
): Promise<void> {
  await onLockedTicket(deps, actor, id, 'tickets.read', async (tx, loaded, now) => {
    const { ticket, unit, department } = loaded;
    if (!department) throw complaintErrors.noResponsibleDepartment();
    if (!mayReplyForDepartment(actor, department)) throw complaintErrors.departmentReplyForbidden();
    if (!['new', 'assigned', 'in_progress', 'waiting_department', 'pending_customer'].includes(ticket.state))
      throw ticketErrors.notOpen();
    const person = await activePerson(tx, input.responsiblePersonId);
    if (!person) throw complaintErrors.responsiblePersonNotFound();
    const committedAt = await committedInstant(tx, unit, input.committedDate, now);
    const [reply] = await tx
      .insert(departmentReplies)
      .values({
        ticketId: id,
        departmentId: department.id,
        findings: input.findings,
        rootCause: input.rootCause,
        correctiveActionKind: input.correctiveAction.kind,
        correctiveAction: input.correctiveAction.text,
        preventiveAction: input.preventiveAction,
        committedDate: input.committedDate,
        committedAt,
        responsiblePersonId: person.id,
        authorId: actor.userId,
        createdAt: now,
      })
      .returning();
    const ref = { subjectType: 'ticket', subjectId: id };
    await stopTarget(deps, tx, { ...ref, event: DEPARTMENT_REPLIED_SLA_EVENT, at: now });
    // The first committed date starts the result target (SLA-3); a later revision is recorded, the target keeps its date.
    await startPendingTargets(deps, tx, { ...ref, trigger: 'committed_date_set', at: now, committedAt });
    if (COMPLAINT_RECORD_TYPES.includes(ticket.type)) {
      const record = await ensureComplaintRecord(tx, ticket, now);
      if (!record.committedAt) await updateComplaintRecord(tx, id, { committedAt, updatedAt: now });
    }
    // Back to the intake agent, who owns the customer conversation; waiting on the customer stays so.
    const backToAgent = ticket.state !== 'pending_customer';
    await saveTicket(tx, id, {
      ...(backToAgent ? { state: 'in_progress' as const } : {}),
      ...(ticket.assigneeUserId ? {} : { assigneeUserId: ticket.intakeAgentId }),
      updatedAt: now,
    });
    await addEvent(tx, {
      ticketId: id,
      type: 'department_replied',
      actorId: actor.userId,
      at: now,
      body: {
        replyId: reply!.id,
        departmentId: department.id,
        committedDate: input.committedDate,
        committedAt: committedAt.toISOString(),
        responsiblePersonId: person.id,
        correctiveAction: input.correctiveAction.kind,
        fromState: ticket.state,
        toState: backToAgent ? 'in_progress' : ticket.state,
      },
    });
    // The intake agent tells the customer; a case the customer opened (survey) has its owner instead.
    const told = ticket.intakeAgentId ?? ticket.assigneeUserId;
    if (told && told !== actor.userId)
      await createNotifications(tx, [
        {
          recipientId: told,
          kind: 'department_replied',
          subjectType: 'ticket',
          subjectId: id,
          payload: { number: ticket.number, departmentId: department.id, committedDate: input.committedDate },
          createdAt: now,
        },
      ]);
    await recordAudit(tx, now, actor, {
      action: 'tickets.department_replied',
      subjectType: 'ticket',
      subjectId: id,
      unitId: unit.id,
      before: { state: ticket.state },
      after: { ...input, departmentId: department.id, committedAt: committedAt.toISOString() },
    });
  });
}

/** CMP-3: the replies on a ticket the caller may read (404 outside their units, ORG-1). */
export async function departmentRepliesOn(deps: Deps, actor: Actor, ticketId: string) {
  const loaded = await loadTicket(deps.db, ticketId);
  if (!loaded) throw ticketErrors.notFound();
  assertOnTicket(actor, 'tickets.read', loaded);
  return departmentRepliesOf(deps.db, ticketId);
}

export async function departmentRepliesOf(db: Db, ticketId: string): Promise<DepartmentReplyRow[]> {
  return db
    .select()
    .from(departmentReplies)
    .where(eq(departmentReplies.ticketId, ticketId))
    .orderBy(asc(departmentReplies.createdAt));
}

/**
 * The departments whose inbox the caller reads: the one asked for (404 outside scope), else the
 * department units where the caller holds a role themselves.
 */
async function inboxDepartments(
  deps: Deps,
  actor: Actor,
  departmentId: string | undefined,
): Promise<UnitRow[]> {
  if (departmentId) {
    const unit = await findUnit(deps.db, departmentId);
    if (!unit || unit.kind !== 'department' || !can(actor.grants, 'tickets.read', unit.path))
      throw complaintErrors.departmentNotFound();
    return [unit];
  }
  if (scopeRoots(actor.grants, 'tickets.read').length === 0)
    throw authErrors.forbidden({ permission: 'tickets.read' });
  const own = [
    ...new Set(actor.grants.filter((g) => g.permissions.includes('tickets.read')).map((g) => g.unitId)),
  ];
  if (own.length === 0) return [];
  return deps.db
    .select()
    .from(organisationUnits)
    .where(and(inArray(organisationUnits.id, own), eq(organisationUnits.kind, 'department')))
    .orderBy(asc(organisationUnits.name));
}

/** SLA-3: tickets waiting on the departments, with their department_reply target, soonest due first. */
export async function departmentInbox(deps: Deps, actor: Actor, departmentId: string | undefined) {
  const departments = await inboxDepartments(deps, actor, departmentId);
  if (departments.length === 0) return { departments, rows: [], targets: new Map() };
  const rows = await deps.db
    .select()
    .from(tickets)
    .where(
      and(
        inArray(
          tickets.assigneeDepartmentId,
          departments.map((d) => d.id),
        ),
        eq(tickets.state, 'waiting_department'),
      ),
    )
    .orderBy(desc(tickets.receivedAt))
    .limit(500);
  // The SLA engine has no "targets of many subjects" helper; read its table for this page.
  const targets = rows.length
    ? await deps.db
        .select()
        .from(slaTargets)
        .where(
          and(
            eq(slaTargets.subjectType, 'ticket'),
            inArray(
              slaTargets.subjectId,
              rows.map((r) => r.id),
            ),
            eq(slaTargets.key, 'department_reply'),
          ),
        )
    : [];
  const byTicket = new Map(targets.map((t) => [t.subjectId, t]));
  const due = (id: string) => byTicket.get(id)?.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  rows.sort((a, b) => due(a.id) - due(b.id) || a.receivedAt.getTime() - b.receivedAt.getTime());
  return { departments, rows, targets: byTicket };
}
