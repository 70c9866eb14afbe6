/** ORG-3 for SLA targets: running deadlines owned by a leaver are owned by the successor from now on. */
import { and, eq, inArray } from 'drizzle-orm';
import { OPEN_TARGET_STATES } from '../../../domain/sla';
import { onBusinessEvent } from '../../app/business-events';
import { slaTargets } from './sla.table';

export function registerSlaEvents(): void {
  onBusinessEvent('user.disabled', 'sla.hand-over', async (_deps, tx, event) => {
    // Without a successor the owner stays: escalation (SLA-8) reaches the supervisor regardless.
    if (!event.successorId) return;
    // The targets' subjects (tickets, tasks) record the hand-over in their own trails.
    await tx
      .update(slaTargets)
      .set({ ownerId: event.successorId })
      .where(and(eq(slaTargets.ownerId, event.userId), inArray(slaTargets.state, [...OPEN_TARGET_STATES])));
  });
}
