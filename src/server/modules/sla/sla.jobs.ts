import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import { isLiveTarget, isRunningTarget } from '../../../domain/sla';
import type { Db } from '../../app/db';
import { organisationUnits } from '../org/org.table';
import { nearestRoleHolders } from '../org/org.service';
import { endedSubjects, endTargets, recomputeUnitTargets, slaNoticesOf, subjectLabels } from './sla.engine';
import { createNotifications, type NewNotification } from '../notifications/notifications.service';
import { slaTargets } from './sla.table';
import type { JobDefinition } from '../../jobs/jobs.types';

const payload = z.object({
  targetId: z.string(),
  trigger: z.enum(['at_risk', 'breached', 'breached_second_period']),
  actions: z.array(z.enum(['notify_owner', 'escalate_supervisor', 'escalate_unit_manager'])),
});
export type SlaEscalationPayload = z.infer<typeof payload>;

const SUPERVISOR_ROLES = ['cs_supervisor'];
// The manager of the unit the target belongs to: a store's manager, a department's head, else the GM.
const MANAGER_ROLES = ['store_manager', 'department_head', 'general_manager'];

/** SLA-8: at risk and breached notify the owner; breached escalates to the supervisor, a second period to the unit manager. */
export const slaEscalationJob: JobDefinition<SlaEscalationPayload> = {
  kind: 'sla.escalate',
  payload,
  async handle(deps, tx, jobs) {
    const ids = [...new Set(jobs.map((j) => j.payload.targetId))];
    const targets = new Map(
      (await tx.select().from(slaTargets).where(inArray(slaTargets.id, ids))).map((t) => [t.id, t]),
    );
    const unitIds = [...new Set([...targets.values()].map((t) => t.unitId))];
    const paths = new Map(
      unitIds.length === 0
        ? []
        : (
            await tx
              .select({ id: organisationUnits.id, path: organisationUnits.path })
              .from(organisationUnits)
              .where(inArray(organisationUnits.id, unitIds))
          ).map((u) => [u.id, u.path]),
    );
    const holders = new Map<string, Promise<string[]>>();
    const holdersOf = (db: Db, unitId: string, roles: string[]) => {
      const key = `${unitId}:${roles.join(',')}`;
      if (!holders.has(key)) holders.set(key, nearestRoleHolders(db, paths.get(unitId) ?? [], roles));
      return holders.get(key)!;
    };
    const now = deps.clock.now();
    // SLA-10: nothing escalates on an ended subject. Ending a subject ends its targets in the same
    // transaction; this last check ends any a path missed instead of chasing somebody for it.
    const ended = await endedSubjects(tx, [...targets.values()]);
    for (const target of targets.values()) {
      if (!ended.has(`${target.subjectType}:${target.subjectId}`)) continue;
      targets.delete(target.id);
      if (isLiveTarget(target.state))
        await endTargets(deps, tx, { ...target, at: now, reason: 'subject_closed' });
    }
    const rows: NewNotification[] = [];
    const labels = await subjectLabels(tx, [...targets.values()]);
    for (const job of jobs) {
      const target = targets.get(job.payload.targetId);
      // A target met or ended since the scan needs nobody chased.
      if (!target || !isRunningTarget(target.state)) continue;
      const writer = slaNoticesOf(target.subjectType);
      if (writer) {
        rows.push(...(await writer(tx, target, { id: job.id, trigger: job.payload.trigger }, now)));
        continue;
      }
      const recipients = new Map<string, 'at_risk' | 'breached' | 'escalated'>();
      for (const action of job.payload.actions) {
        if (action === 'notify_owner' && target.ownerId) {
          recipients.set(target.ownerId, job.payload.trigger === 'at_risk' ? 'at_risk' : 'breached');
        } else if (action === 'escalate_supervisor') {
          const people = target.supervisorId
            ? [target.supervisorId]
            : await holdersOf(tx, target.unitId, SUPERVISOR_ROLES);
          for (const p of people) if (!recipients.has(p)) recipients.set(p, 'escalated');
        } else if (action === 'escalate_unit_manager') {
          for (const p of await holdersOf(tx, target.unitId, MANAGER_ROLES))
            if (!recipients.has(p)) recipients.set(p, 'escalated');
        }
      }
      const label = labels.get(`${target.subjectType}:${target.subjectId}`);
      for (const [recipientId, kind] of recipients) {
        rows.push({
          recipientId,
          kind,
          subjectType: target.subjectType,
          subjectId: target.subjectId,
          targetId: target.id,
          stepId: job.id,
          payload: {
            targetKey: target.key,
            ticketType: target.ticketType,
            trigger: job.payload.trigger,
            dueAt: target.dueAt?.toISOString() ?? null,
            ...(label ? { number: label.number, title: label.title } : {}),
          },
          createdAt: now,
        });
      }
    }
    await createNotifications(tx, rows);
  },
};

const recomputePayload = z.object({ unitId: z.string() });

/** CL-5: after a unit's calendar changed, its running targets (and those of units below) move their due times. */
export const slaRecomputeUnitJob: JobDefinition<z.infer<typeof recomputePayload>> = {
  kind: 'sla.recompute_unit',
  payload: recomputePayload,
  async handle(deps, tx, jobs) {
    for (const job of jobs) await recomputeUnitTargets(deps, tx, job.payload.unitId);
  },
};
