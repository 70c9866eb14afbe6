/**
 * Tasks (待办): small promises with a deadline — a call-back promised to a caller (IN-5) or a
 * message left for an absent colleague (转告, IN-6). Pure rules: default deadlines from the unit's
 * working calendar and the allowed state changes.
 */
import { addWorkingMinutes, closeOfBusinessAfterWorkingDays, type WorkingCalendar } from '../calendar';

export const TASK_KINDS = ['call_back', 'message'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const TASK_STATES = ['open', 'done', 'cancelled'] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** IN-6 shipped default: a message not dealt with within 4 working hours goes to the supervisor. */
export const MESSAGE_ESCALATION_WORKING_MINUTES = 240;

/**
 * IN-5: a missed call-back first reminds the agent at the deadline; if it is still open one working
 * hour later (at the next opening when the deadline was close of business) the supervisor hears.
 */
export const CALL_BACK_ESCALATION_GRACE_WORKING_MINUTES = 60;

export interface TaskDeadlines {
  /** When the promise is due (epoch ms). */
  dueAt: number;
  /** When an open task goes to the supervisor (epoch ms). */
  escalateAt: number;
}

/**
 * Default deadlines of a new task created at `createdAt`.
 * - call_back: due by close of business of the same working day (the next working day's close when
 *   taken after hours or on a day off); escalates a grace of working time after the deadline.
 * - message: due and escalating after 4 working hours.
 * An explicit `requestedDueAt` (already checked to lie in the future) replaces the default deadline;
 * a message then escalates at that deadline, a call-back the grace after it.
 */
export function taskDeadlines(
  kind: TaskKind,
  calendar: WorkingCalendar,
  createdAt: number,
  requestedDueAt?: number | null,
): TaskDeadlines {
  if (kind === 'message') {
    const dueAt =
      requestedDueAt ?? addWorkingMinutes(calendar, createdAt, MESSAGE_ESCALATION_WORKING_MINUTES);
    return { dueAt, escalateAt: dueAt };
  }
  const dueAt = requestedDueAt ?? closeOfBusinessAfterWorkingDays(calendar, createdAt, 0);
  return {
    dueAt,
    escalateAt: addWorkingMinutes(calendar, dueAt, CALL_BACK_ESCALATION_GRACE_WORKING_MINUTES),
  };
}

export type TaskAction = 'done' | 'cancel' | 'reassign';

// Done and cancelled are final: a finished promise is not reopened, a new task is taken instead.
const ALLOWED: Record<TaskState, readonly TaskAction[]> = {
  open: ['done', 'cancel', 'reassign'],
  done: [],
  cancelled: [],
};

/** Whether `action` may be taken on a task in `state` (only an open task can change). */
export function taskActionAllowed(state: TaskState, action: TaskAction): boolean {
  return ALLOWED[state].includes(action);
}

/** The state a task moves to on an action (reassign keeps it open). */
export function stateAfter(action: TaskAction): TaskState {
  if (action === 'done') return 'done';
  if (action === 'cancel') return 'cancelled';
  return 'open';
}

/** Whether an escalation due at `escalateAt` should still fire at `now`: open, not escalated yet, time reached. */
export function escalationDue(
  task: { state: TaskState; escalatedAt: number | null; escalateAt: number },
  now: number,
): boolean {
  return task.state === 'open' && task.escalatedAt === null && now >= task.escalateAt;
}

/** A call-back is overdue when still open after its deadline (IN-5: the agent is reminded once). */
export function isOverdue(task: { state: TaskState; dueAt: number }, now: number): boolean {
  return task.state === 'open' && now >= task.dueAt;
}
