/** Reading complaint handling: one ticket's record, the close-out worklist, clusters, CMP-10 statistics, settings. */
import { and, asc, desc, eq, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { can, scopeRoots } from '../../../domain/permissions';
import { CLOSE_OUT_STEP_PERMISSION, CLOSE_OUT_STEPS, closeOutTurn } from '../../../domain/tickets/close-out';
import type { ComplaintSettings } from '../../../domain/tickets/complaints';
import type { Actor, Deps } from '../../app/context';
import { recordAudit } from '../audit/audit.service';
import { authErrors } from '../auth/auth.errors';
import { findUnit, permissionHolders, unitsWithin } from '../org/org.service';
import { organisationUnits } from '../org/org.table';
import { stageOf } from './complaints.close-out';
import { departmentRepliesOf } from './department-replies.usecases';
import { effectiveComplaintSettings, findComplaintRecord } from './complaints.repository';
import { praiseOf } from './complaints.praise';
import {
  causeAnalyses,
  complaintClusters,
  complaintCommitments,
  complaintRecords,
  complaintSettings,
} from './complaints.table';
import { ticketErrors } from '../tickets/tickets.errors';
import { assertOnTicket, loadTicket } from '../tickets/tickets.service';
import { tickets } from '../tickets/tickets.table';

/** Everything handled on one ticket beyond its core: complaint record, department replies, commitments, meeting, praise. */
export async function complaintOf(deps: Deps, actor: Actor, id: string) {
  const loaded = await loadTicket(deps.db, id);
  if (!loaded) throw ticketErrors.notFound();
  assertOnTicket(actor, 'tickets.read', loaded);
  const [record, replies, commitments, meeting, praise, settings] = await Promise.all([
    findComplaintRecord(deps.db, id),
    departmentRepliesOf(deps.db, id),
    deps.db
      .select()
      .from(complaintCommitments)
      .where(eq(complaintCommitments.ticketId, id))
      .orderBy(asc(complaintCommitments.createdAt)),
    deps.db.select().from(causeAnalyses).where(eq(causeAnalyses.ticketId, id)),
    praiseOf(deps, id),
    effectiveComplaintSettings(deps.db, loaded.unit),
  ]);
  // CMP-5: whose turn it is, named — the step's holders in the ticket's unit line, or the requester.
  const stage = stageOf(record, loaded.ticket);
  const turn = closeOutTurn(stage);
  const holders =
    turn === null
      ? []
      : turn === 'intake_agent'
        ? record?.closeOutRequestedBy
          ? [{ id: record.closeOutRequestedBy, name: '' }]
          : []
        : await permissionHolders(deps.db, loaded.unit.path, CLOSE_OUT_STEP_PERMISSION[turn]);
  return {
    loaded,
    closeOut: { stage, turn, holders },
    record: record ?? null,
    replies,
    commitments,
    meeting: meeting[0] ?? null,
    praise,
    settings,
  };
}

/** Units within the caller's `tickets.read` scope, narrowed to `unitId` (404 outside). */
async function scopeFor(deps: Deps, actor: Actor, unitId: string | undefined): Promise<string[]> {
  if (unitId) {
    const unit = await findUnit(deps.db, unitId);
    if (!unit || !can(actor.grants, 'tickets.read', unit.path)) throw ticketErrors.unitNotFound();
    return [unit.id];
  }
  const roots = scopeRoots(actor.grants, 'tickets.read');
  if (roots.length === 0) throw authErrors.forbidden({ permission: 'tickets.read' });
  return roots;
}
const unitIn = (column: typeof complaintRecords.unitId | typeof complaintClusters.unitId, roots: string[]) =>
  sql`${column} in (select ${organisationUnits.id} from ${organisationUnits} where ${unitsWithin(roots)})`;

/**
 * CMP-5 close-out worklist in the caller's units: `mine` — waiting at a step whose permission the
 * caller holds at the ticket's unit, or sent back to the caller as requester; `open` — every chain
 * under way; oldest request first. `filed` — approved and filed, newest first. A chain of an
 * earlier resolution (the ticket reopened since) is not listed.
 */
export async function listCloseOuts(
  deps: Deps,
  actor: Actor,
  q: { unitId?: string | undefined; view: 'mine' | 'open' | 'filed' },
) {
  const roots = await scopeFor(deps, actor, q.unitId);
  const r = complaintRecords;
  const current = and(eq(tickets.state, 'resolved'), lte(tickets.resolvedAt, r.closeOutRequestedAt));
  let where: SQL | undefined;
  if (q.view === 'filed') where = and(eq(r.closeOutStage, 'filed'), eq(tickets.state, 'closed'));
  else if (q.view === 'open')
    where = and(inArray(r.closeOutStage, [...CLOSE_OUT_STEPS, 'returned']), current);
  else {
    const mine = CLOSE_OUT_STEPS.flatMap((step) => {
      const stepRoots = scopeRoots(actor.grants, CLOSE_OUT_STEP_PERMISSION[step]);
      return stepRoots.length > 0 ? [and(eq(r.closeOutStage, step), unitIn(r.unitId, stepRoots))] : [];
    });
    where = and(
      or(...mine, and(eq(r.closeOutStage, 'returned'), eq(r.closeOutRequestedBy, actor.userId))),
      current,
    );
  }
  return deps.db
    .select({ record: complaintRecords, ticket: tickets })
    .from(complaintRecords)
    .innerJoin(tickets, eq(tickets.id, complaintRecords.ticketId))
    .where(and(unitIn(complaintRecords.unitId, roots), where))
    .orderBy(q.view === 'filed' ? desc(r.archivedAt) : asc(r.closeOutRequestedAt))
    .limit(500);
}

/** CMP-8: clusters raised in the caller's units, newest first. */
export async function listClusters(deps: Deps, actor: Actor, q: { unitId?: string | undefined }) {
  const roots = await scopeFor(deps, actor, q.unitId);
  return deps.db
    .select()
    .from(complaintClusters)
    .where(unitIn(complaintClusters.unitId, roots))
    .orderBy(desc(complaintClusters.raisedAt))
    .limit(500);
}

export async function complaintSettingsOf(deps: Deps, actor: Actor, unitId: string) {
  const unit = await findUnit(deps.db, unitId);
  if (!unit || !can(actor.grants, 'tickets.read', unit.path)) throw ticketErrors.unitNotFound();
  return { unitId: unit.id, ...(await effectiveComplaintSettings(deps.db, unit)) };
}

/** Sets the unit's own CMP-4 trigger and threshold and CMP-8 rule (complaints.manage at the unit); null clears the override. */
export async function setComplaintSettings(
  deps: Deps,
  actor: Actor,
  unitId: string,
  input: ComplaintSettings | null,
) {
  const unit = await findUnit(deps.db, unitId);
  if (!unit || !can(actor.grants, 'tickets.read', unit.path)) throw ticketErrors.unitNotFound();
  if (!can(actor.grants, 'complaints.manage', unit.path))
    throw authErrors.forbidden({ permission: 'complaints.manage' });
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const before = await effectiveComplaintSettings(tx, unit);
    if (input === null) await tx.delete(complaintSettings).where(eq(complaintSettings.unitId, unit.id));
    else
      await tx
        .insert(complaintSettings)
        .values({ unitId: unit.id, ...input, updatedBy: actor.userId, updatedAt: now })
        .onConflictDoUpdate({
          target: complaintSettings.unitId,
          set: { ...input, updatedBy: actor.userId, updatedAt: now },
        });
    await recordAudit(tx, now, actor, {
      action: 'complaints.settings_updated',
      subjectType: 'organisation_unit',
      subjectId: unit.id,
      unitId: unit.id,
      before,
      after: input,
    });
  });
  return complaintSettingsOf(deps, actor, unitId);
}
