import { isOverdue } from '../../../domain/tasks';
import type { TaskRow } from './tasks.repository';

const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

/** A task as the API shows it; `overdue` is worked out at `now` so the worklist can flag it. */
export function presentTask(t: TaskRow, now: Date) {
  return {
    id: t.id,
    unitId: t.unitId,
    kind: t.kind,
    assigneeId: t.assigneeId,
    createdBy: t.createdBy,
    callerName: t.callerName,
    callerPhone: t.callerPhone,
    customerId: t.customerId,
    ticketId: t.ticketId,
    note: t.note,
    dueAt: t.dueAt.toISOString(),
    escalateAt: t.escalateAt.toISOString(),
    state: t.state,
    overdue: isOverdue({ state: t.state, dueAt: t.dueAt.getTime() }, now.getTime()),
    doneAt: isoOrNull(t.doneAt),
    doneBy: t.doneBy,
    outcome: t.outcome,
    escalatedAt: isoOrNull(t.escalatedAt),
    escalatedTo: t.escalatedTo ?? [],
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}
