/**
 * Approval time limits through the SLA engine (issue 17): each stage with a limit in its chain runs
 * as one SLA target on the request while it is the current stage — due in working time on the
 * unit's calendar, reminded at risk, escalated when breached by the same scan and job as tickets —
 * and is met when the stage is decided. Nothing here computes a deadline.
 */
import { eq, inArray } from 'drizzle-orm';
import {
  APPROVAL_STAGE_DECIDED,
  currentStage,
  stageTarget,
  type ApprovalRequest,
} from '../../../domain/approvals';
import type { Deps } from '../../app/context';
import type { Db } from '../../app/db';
import type { NewNotification } from '../notifications/notifications.service';
import { findUnit, nearestRoleHolders } from '../org/org.service';
import {
  endTargets,
  registerSlaNotices,
  registerSlaSubject,
  startTargetRun,
  stopTarget,
  type SlaNoticesOf,
  type SlaTargetRow,
} from '../sla/sla.service';
import { approvalRequests } from './approvals.table';

export const APPROVAL_SUBJECT = 'approval_request';
// Who hears of a breach beyond the approvers: the unit's manager (SLA-8), then the general manager.
const MANAGER_ROLES = ['store_manager', 'department_head', 'general_manager'];
const TOP_ROLES = ['general_manager'];

type RequestRow = typeof approvalRequests.$inferSelect;
const ref = (row: Pick<RequestRow, 'id'>) => ({ subjectType: APPROVAL_SUBJECT, subjectId: row.id });

/** Starts the time limit of the stage the request now waits on, when its chain gives one. */
export async function startStageClock(
  deps: Deps,
  tx: Db,
  row: RequestRow,
  request: ApprovalRequest,
  at: Date,
): Promise<SlaTargetRow | null> {
  const stage = currentStage(request);
  const definition = stage ? stageTarget(stage) : null;
  if (!stage || !definition) return null;
  return startTargetRun(deps, tx, {
    ...ref(row),
    unitId: row.unitId,
    definition,
    position: row.stages.findIndex((s) => s.key === stage.key),
    label: row.kind,
    at,
    ownerId: null,
  });
}

/** The stage was decided (approved through or sent back): its running limit is met, or met late. */
export const stopStageClock = (deps: Deps, tx: Db, row: RequestRow, at: Date) =>
  stopTarget(deps, tx, { ...ref(row), event: APPROVAL_STAGE_DECIDED, at });

/** SLA-10: a withdrawn request ends the limit it still runs; nothing is chased on it. */
export const endStageClock = (deps: Deps, tx: Db, row: RequestRow, at: Date) =>
  endTargets(deps, tx, { ...ref(row), at, reason: 'subject_cancelled' });

/**
 * SLA-8 for an approval stage: at risk reminds the people who may decide it (approvers and their
 * delegates); breached tells them it is overdue and escalates to the unit's manager; a second
 * period to the general manager. The requester is never asked to decide their own request.
 */
export function approvalNotices(
  approversOf: (db: Db, path: readonly string[], roles: readonly string[], at: Date) => Promise<string[]>,
): SlaNoticesOf {
  return async (db, target, step, now) => {
    const [row] = await db.select().from(approvalRequests).where(eq(approvalRequests.id, target.subjectId));
    if (!row || row.status !== 'pending' || row.currentStage !== target.key) return [];
    const path = (await findUnit(db, row.unitId))?.path ?? [];
    const notice = (recipientId: string, kind: NewNotification['kind']): NewNotification => ({
      recipientId,
      kind,
      subjectType: row.subjectType,
      subjectId: row.subjectId,
      targetId: target.id,
      stepId: step.id,
      payload: {
        title: row.title,
        approvalId: row.id,
        stage: target.key,
        trigger: step.trigger,
        dueAt: target.dueAt?.toISOString() ?? null,
      },
      createdAt: now,
    });
    const mine = (ids: string[]) => ids.filter((id) => id !== row.requesterId);
    const approvers = mine(await approversOf(db, path, row.awaitedRoles, now));
    if (step.trigger === 'at_risk') return approvers.map((id) => notice(id, 'approval_reminder'));
    if (step.trigger === 'breached') {
      const managers = mine(await nearestRoleHolders(db, path, MANAGER_ROLES)).filter(
        (id) => !approvers.includes(id),
      );
      return [
        ...approvers.map((id) => notice(id, 'approval_overdue')),
        ...managers.map((id) => notice(id, 'approval_escalated')),
      ];
    }
    return mine(await nearestRoleHolders(db, path, TOP_ROLES)).map((id) => notice(id, 'approval_escalated'));
  };
}

/** Registers approval requests with the SLA engine: which are open, and who hears of their limits. */
export function registerApprovalSla(
  approversOf: (db: Db, path: readonly string[], roles: readonly string[], at: Date) => Promise<string[]>,
): void {
  registerSlaSubject(APPROVAL_SUBJECT, async (db, ids) => {
    const valid = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (valid.length === 0) return new Set();
    const rows = await db
      .select({ id: approvalRequests.id, status: approvalRequests.status })
      .from(approvalRequests)
      .where(inArray(approvalRequests.id, valid));
    return new Set(rows.filter((r) => r.status === 'pending').map((r) => r.id));
  });
  registerSlaNotices(APPROVAL_SUBJECT, approvalNotices(approversOf));
}
