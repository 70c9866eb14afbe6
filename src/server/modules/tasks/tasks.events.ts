/** ORG-3 for tasks: a leaver's open call-backs and messages go to the successor named on disable. */
import { and, eq } from 'drizzle-orm';
import { onBusinessEvent } from '../../app/business-events';
import { recordAudit } from '../audit/audit.service';
import { tasks } from './tasks.table';

export function registerTaskEvents(): void {
  onBusinessEvent('user.disabled', 'tasks.hand-over', async (_deps, tx, event) => {
    // Without a successor the tasks stay visible to supervisors and escalate on their own deadlines.
    if (!event.successorId) return;
    const moved = await tx
      .update(tasks)
      .set({ assigneeId: event.successorId, updatedAt: event.at })
      .where(and(eq(tasks.assigneeId, event.userId), eq(tasks.state, 'open')))
      .returning({ id: tasks.id, unitId: tasks.unitId });
    for (const task of moved)
      await recordAudit(
        tx,
        event.at,
        { userId: event.actorId, ip: null },
        {
          action: 'tasks.handed_over',
          subjectType: 'task',
          subjectId: task.id,
          unitId: task.unitId,
          before: { assigneeId: event.userId },
          after: { assigneeId: event.successorId, rule: 'ORG-3' },
        },
      );
  });
}
